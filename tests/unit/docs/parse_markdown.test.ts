import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseMarkdown } from "../../../lib/docs/parse_markdown.ts";
import type { DocElement } from "../../../lib/docs/types.ts";

/** One line per element: `line kind` plus what matters for that kind. */
function outline(source: string): string[] {
  return parseMarkdown(source).map((el: DocElement) => {
    switch (el.kind) {
      case "fenced":
        return `${el.line} fenced ${el.fence}${el.info}${el.closed ? "" : " (unclosed)"}` +
          ` prefix=${JSON.stringify(el.prefix)} ${JSON.stringify(el.text)}`;
      case "thematic":
        return `${el.line} thematic`;
      default:
        return `${el.line} ${el.kind} ${JSON.stringify(el.text)}`;
    }
  });
}

const CASES: Array<[string, string, string[]]> = [
  ["a plain fence", "```sh\necho hi\n```\n", ['1 fenced ```sh prefix="" "echo hi"']],
  [
    "a longer fence holds shorter fences",
    "````md\n```sh\nx\n```\n````\n",
    ['1 fenced ````md prefix="" "```sh\\nx\\n```"'],
  ],
  [
    "a closing fence must be at least as long",
    "````\n```\n`````\nafter\n",
    ['1 fenced ```` prefix="" "```"', '4 paragraph "after"'],
  ],
  [
    "a tilde fence is closed only by tildes",
    "~~~text\n```\n~~~~\n",
    ['1 fenced ~~~text prefix="" "```"'],
  ],
  [
    "a closing fence has nothing after it but blanks",
    "```\n``` x\n```  \n",
    ['1 fenced ``` prefix="" "``` x"'],
  ],
  [
    "a backtick in a backtick info string makes no fence",
    "```a`b\ntext\n",
    ['1 paragraph "```a`b\\ntext"'],
  ],
  [
    "a tilde info string may hold backticks",
    "~~~ a`b\nx\n~~~\n",
    ['1 fenced ~~~a`b prefix="" "x"'],
  ],
  [
    "an unclosed fence runs to the end",
    "para\n\n```sh\nx\n\ny\n",
    ['1 paragraph "para"', '3 fenced ```sh (unclosed) prefix="" "x\\n\\ny"'],
  ],
  [
    "the fence's indentation is removed from its content, no more",
    "   ```\n     x\n  y\nz\n   ```\n",
    ['1 fenced ``` prefix="   " "  x\\ny\\nz"'],
  ],
  [
    "four spaces make indented code, not a fence",
    "    ```sh\n    echo hi\n    ```\n",
    ['1 indented "```sh\\necho hi\\n```"'],
  ],
  [
    "a tab indents code too",
    "\techo hi\n",
    ['1 indented "echo hi"'],
  ],
  [
    "indented code keeps inner blank lines and drops trailing ones",
    "    a\n\n    b\n\n\nc\n",
    ['1 indented "a\\n\\nb"', '6 paragraph "c"'],
  ],
  [
    "indented code cannot interrupt a paragraph",
    "text\n    echo hi\n",
    ['1 paragraph "text\\necho hi"'],
  ],
  [
    "an HTML comment hides a fence",
    "<!--\n```sh\nx\n```\n-->\n```sh\ny\n```\n",
    ['1 html "<!--\\n```sh\\nx\\n```\\n-->"', '6 fenced ```sh prefix="" "y"'],
  ],
  [
    "a one-line comment is a marker's shape",
    "<!-- run-lesson: a#0 -->\n```sh\nx\n```\n",
    ['1 html "<!-- run-lesson: a#0 -->"', '2 fenced ```sh prefix="" "x"'],
  ],
  [
    "a block tag ends at a blank line",
    "<details>\n```sh\n\n```sh\nx\n```\n",
    ['1 html "<details>\\n```sh"', '4 fenced ```sh prefix="" "x"'],
  ],
  [
    "a fence inside an ordered list item",
    "1. Run:\n\n   ```sh\n   x\n\n   y\n   ```\n",
    ['1 paragraph "Run:"', '3 fenced ```sh prefix="   " "x\\n\\ny"'],
  ],
  [
    "a fence on a list item's first line",
    "- ```sh\n  x\n  ```\n- next\n",
    ['1 fenced ```sh prefix="  " "x"', '4 paragraph "next"'],
  ],
  [
    "a fence in a nested list item",
    "1. a\n\n   - b\n\n     ```\n     x\n     ```\n",
    ['1 paragraph "a"', '3 paragraph "b"', '5 fenced ``` prefix="     " "x"'],
  ],
  [
    "a list item ends where its indentation does",
    "- a\n\n  ```\n  x\n ```\ny\n",
    [
      '1 paragraph "a"',
      '3 fenced ``` (unclosed) prefix="  " "x"',
      '5 fenced ``` (unclosed) prefix=" " "y"',
    ],
  ],
  [
    "a fence in a block quote",
    "> ```sh\n> x\n>\n> ```\n",
    ['1 fenced ```sh prefix="> " "x\\n"'],
  ],
  [
    "a fence in a block quote ends with the quote",
    "> ```\n> x\ny\n",
    ['1 fenced ``` (unclosed) prefix="> " "x"', '3 paragraph "y"'],
  ],
  [
    "a paragraph continues lazily in a block quote",
    "> a\nb\n",
    ['1 paragraph "a\\nb"'],
  ],
  [
    "headings, setext headings and thematic breaks",
    "# One\nTwo\n---\n\n***\n- - -\n",
    ['1 heading "# One"', '2 heading "Two"', "5 thematic", "6 thematic"],
  ],
  [
    "an ordered item other than 1 does not interrupt a paragraph",
    "text\n2. more\n",
    ['1 paragraph "text\\n2. more"'],
  ],
  [
    "CRLF and lone CR end lines",
    "```sh\r\nx\r\n```\rafter",
    ['1 fenced ```sh prefix="" "x"', '4 paragraph "after"'],
  ],
];

describe("parseMarkdown()", () => {
  for (const [name, source, expected] of CASES) {
    it(`parseMarkdown() handles ${name}`, () => {
      assert.deepEqual(outline(source), expected);
    });
  }

  it("parseMarkdown() gives offsets that slice the source", () => {
    const source = "# T\r\n\r\n- ```sh\r\n  x\r\n  y\r\n  ```\r\nend";
    const [heading, fenced, paragraph] = parseMarkdown(source);
    assert.equal(source.slice(heading.start, heading.end), "# T\r\n");
    assert.equal(fenced.kind, "fenced");
    if (fenced.kind !== "fenced") return;
    assert.equal(source.slice(fenced.start, fenced.end), "- ```sh\r\n  x\r\n  y\r\n  ```\r\n");
    assert.equal(source.slice(fenced.contentStart, fenced.contentEnd), "  x\r\n  y\r\n");
    assert.equal(fenced.eol, "\r\n");
    assert.equal(source.slice(paragraph.start, paragraph.end), "end");
  });

  for (
    const [source, content] of [
      ["> ```\n> x\ny\n", "> x\n"],
      ["- ```\n  x\n\n- y\n", "  x\n\n"],
      ["> ```\n> x\n\n", "> x\n"],
    ]
  ) {
    it(`parseMarkdown() ends an unclosed fence's content where its container ends: ${JSON.stringify(source)}`, () => {
      const [fenced] = parseMarkdown(source);
      assert.ok(fenced.kind === "fenced" && !fenced.closed);
      assert.equal(source.slice(fenced.contentStart, fenced.contentEnd), content);
    });
  }
});
