import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { commandText, normalizeCommand } from "../../../lib/docs/command_text.ts";
import { linkDoc } from "../../../lib/docs/link_doc.ts";
import { parseMarkdown } from "../../../lib/docs/parse_markdown.ts";
import type { FencedBlock, LinkResult } from "../../../lib/docs/types.ts";
import type { Step } from "../../../lib/lesson/types.ts";

const STEPS: Step[] = [
  {
    id: "one",
    title: "one",
    commands: [
      { run: "docker run -d \\\n  --name web \\\n  nginx" },
      { run: "ls" },
      { run: "ls" },
      { run: "secret", doc: false },
    ],
  },
  { id: "two", title: "two", commands: [{ run: "echo {{x}}" }, { run: "ls" }] },
];

/** `line -> step#index via` for each link, plus its Output block when it has one. */
function links(result: LinkResult): string[] {
  return result.links.map((l) => {
    const out = l.output
      ? ` output@${l.output.block.line} ${l.output.stream}${l.output.abridged ? " abridged" : ""}`
      : "";
    return `${l.block.line} -> ${l.step}#${l.index} ${l.via}${out}`;
  });
}

function link(markdown: string): LinkResult {
  return linkDoc(parseMarkdown(markdown), STEPS);
}

function fenced(info: string, text: string): FencedBlock {
  return {
    kind: "fenced",
    line: 1,
    start: 0,
    end: 0,
    fence: "```",
    info,
    text,
    contentStart: 0,
    contentEnd: 0,
    closed: true,
    prefix: "",
    eol: "\n",
  };
}

describe("normalizeCommand() and commandText()", () => {
  const NORMAL: Array<[string, string]> = [
    ["docker run -d \\\n  --name web \\\n  nginx", "docker run -d --name web nginx"],
    ["docker run -d \\   \r\n  --name   web\t\\\n nginx  ", "docker run -d --name web nginx"],
    ["  echo  'a   b'  ", "echo 'a b'"],
    ["a\nb", "a b"],
  ];
  for (const [text, expected] of NORMAL) {
    it(`normalizeCommand() makes ${JSON.stringify(expected)} of ${JSON.stringify(text)}`, () => {
      assert.equal(normalizeCommand(text), expected);
    });
  }

  it("normalizeCommand() takes linear time in a run of blanks inside a line", () => {
    const started = performance.now();
    assert.equal(normalizeCommand(`echo${" \t".repeat(50_000)}x \\  \nend`), "echo x end");
    assert.ok(performance.now() - started < 1000);
  });

  const TEXT: Array<[string, string, string]> = [
    ["sh", "$ ls", "$ ls"],
    ["console", "$ ls\nfile.txt", "ls"],
    ["console", "$ docker run \\\n  nginx\nabc123\n$ ls", "docker run \\\n  nginx"],
    ["console title=x", "output first\n$ ls", "ls"],
    ["console", "no prompt", "no prompt"],
  ];
  for (const [info, text, expected] of TEXT) {
    it(`commandText() of a ${info} block ${JSON.stringify(text)} is ${JSON.stringify(expected)}`, () => {
      assert.equal(commandText(fenced(info, text)), expected);
    });
  }
});

describe("linkDoc()", () => {
  it("linkDoc() links by normalised text, the Nth block to the Nth command", () => {
    const r = link(
      "```sh\nls\n```\n\n```bash\ndocker run -d --name web nginx\n```\n\n```shell\nls\n```\n\n" +
        "```console\n$ ls\na\n```\n\n```sh\nls\n```\n",
    );
    assert.deepEqual(links(r), [
      "1 -> one#1 text",
      "5 -> one#0 text",
      "9 -> one#2 text",
      "13 -> two#1 text",
    ]);
    assert.deepEqual(r.unlinked.map((b) => b.line), [18]);
    assert.deepEqual(r.undocumented.map((c) => `${c.step}#${c.index}`), ["two#0"]);
  });

  it("linkDoc() ignores other infos, indented code and commands with doc: false", () => {
    const r = link("```text\nls\n```\n\n    ls\n\n```sh\nsecret\n```\n\n```\nls\n```\n");
    assert.deepEqual(links(r), []);
    assert.deepEqual(r.unlinked.map((b) => b.line), [7]);
  });

  it("linkDoc() follows markers first; text links skip the commands they claim", () => {
    const r = link(
      "<!-- run-lesson: two#0 -->\n```sh\necho 42\n```\n\n" +
        "<!-- run-lesson: one#2 -->\n\n```\nls -1\n```\n\n```sh\nls\n```\n\n```sh\nls\n```\n",
    );
    assert.deepEqual(links(r), [
      "2 -> two#0 marker",
      "8 -> one#2 marker",
      "12 -> one#1 text",
      "16 -> two#1 text",
    ]);
    assert.deepEqual(r.problems, []);
  });

  const PROBLEMS: Array<[string, string]> = [
    [
      "<!-- run-lesson: one -->\n```sh\nls\n```\n",
      'marker "<!-- run-lesson: one -->" is malformed: write <!-- run-lesson: <step-id>#<command-index> -->',
    ],
    [
      "<!-- run-lesson: three#0 -->\n```sh\nls\n```\n",
      'marker "<!-- run-lesson: three#0 -->" names an unknown step "three": known steps are one, two',
    ],
    [
      "<!-- run-lesson: two#2 -->\n```sh\nls\n```\n",
      'marker "<!-- run-lesson: two#2 -->" names command 2 of step "two", which has 2 (0-based)',
    ],
    [
      "<!-- run-lesson: one#3 -->\n```sh\nsecret\n```\n",
      'marker "<!-- run-lesson: one#3 -->" names command 3 of step "one", which has doc: false',
    ],
    [
      "<!-- run-lesson: one#1 -->\nText.\n",
      'marker "<!-- run-lesson: one#1 -->" is not followed by a code block',
    ],
    [
      "<!-- run-lesson: one#1 -->\n```sh\nls\n```\n<!-- run-lesson: one#1 -->\n```sh\nls\n```\n",
      'marker links command 1 of step "one", already linked by the code block at line 2',
    ],
  ];
  for (const [markdown, message] of PROBLEMS) {
    it(`linkDoc() reports: ${message}`, () => {
      const r = link(markdown);
      assert.deepEqual(r.problems.map((p) => p.message), [message]);
    });
  }

  const OUTPUTS: Array<[string, string, string[]]> = [
    ["Output: right under it", "```sh\nls\n```\n\nOutput:\n\n```text\na\n```\n", [
      "1 -> one#1 text output@7 stdout",
    ]],
    ["emphasis around Output", "```sh\nls\n```\n\n**Output:**\n\n```\na\n```\n", [
      "1 -> one#1 text output@7 stdout",
    ]],
    [
      "stderr named in the paragraph",
      "```sh\nls\n```\nOutput (on stderr, exit code 2):\n```\na\n```\n",
      [
        "1 -> one#1 text output@5 stderr",
      ],
    ],
    ["an abridged block", "```sh\nls\n```\nOutput (abridged):\n```\na\n```\n", [
      "1 -> one#1 text output@5 stdout abridged",
    ]],
    ["part of the output", "```sh\nls\n```\nOutput (the first part):\n```\na\n```\n", [
      "1 -> one#1 text output@5 stdout abridged",
    ]],
    [
      "a word that only starts with part",
      "```sh\nls\n```\nOutput (partition table):\n```\na\n```\n",
      [
        "1 -> one#1 text output@5 stdout",
      ],
    ],
    ["a paragraph that does not start with Output", "```sh\nls\n```\nThe output:\n```\na\n```\n", [
      "1 -> one#1 text",
    ]],
    ["Output not right above the block", "```sh\nls\n```\nOutput:\n\nLook:\n```\na\n```\n", [
      "1 -> one#1 text",
    ]],
    [
      "a later block that is an Output block",
      "```sh\nls\n```\nA file:\n```ini\nx=1\n```\nOutput:\n```\na\n```\n",
      ["1 -> one#1 text output@9 stdout"],
    ],
    [
      "the next command block ends the search",
      "```sh\nls\n```\n\n```sh\nls\n```\nOutput:\n```\na\n```\n",
      ["1 -> one#1 text", "5 -> one#2 text output@9 stdout"],
    ],
    [
      "an unlinked command block ends the search too",
      "```sh\nls\n```\n\n```sh\nrm x\n```\nOutput:\n```\na\n```\n",
      ["1 -> one#1 text"],
    ],
    [
      "an Output block inside a list item",
      "- run:\n  ```sh\n  ls\n  ```\n- Output:\n  ```\n  a\n  ```\n",
      ["2 -> one#1 text output@6 stdout"],
    ],
  ];
  for (const [name, markdown, expected] of OUTPUTS) {
    it(`linkDoc() finds Output blocks: ${name}`, () => {
      assert.deepEqual(links(link(markdown)), expected);
    });
  }
});
