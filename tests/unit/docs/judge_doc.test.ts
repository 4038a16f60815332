import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { CommandOutcome, Status } from "../../../lib/engine/events.ts";
import type { RunRecords } from "../../../lib/docs/collect_run.ts";
import { judgeDoc } from "../../../lib/docs/judge_doc.ts";
import { linkDoc } from "../../../lib/docs/link_doc.ts";
import { parseMarkdown } from "../../../lib/docs/parse_markdown.ts";
import type { Verdict } from "../../../lib/docs/types.ts";
import type { Command } from "../../../lib/lesson/types.ts";

const A = "a".repeat(64);
const B = "b".repeat(64);

/** What one command did in the fake run; `status` other than passed needs a reason. */
interface Did {
  stdout?: string;
  stderr?: string;
  status?: Status;
  reason?: string;
}

function records(commands: Command[], did: Array<Did | undefined>, types = {}): RunRecords {
  const outcomes = new Map<string, CommandOutcome>();
  did.forEach((d, index) => {
    if (d === undefined) return;
    const status = d.status ?? "passed";
    outcomes.set(`s#${index}`, {
      index,
      command: commands[index].run,
      ran: commands[index].run,
      status,
      comparisons: [],
      ...(d.reason ? { reason: d.reason } : {}),
      ...(status === "skipped" ? {} : {
        result: {
          stdout: d.stdout ?? "",
          stderr: d.stderr ?? "",
          exitCode: 0,
          durationMs: 1,
          timedOut: false,
          stopped: false,
        },
      }),
    });
  });
  return { outcomes, types, failures: [] };
}

function judge(
  commands: Command[],
  doc: string,
  did: Array<Did | undefined>,
  types: Record<string, string> = {},
): Verdict[] {
  const linked = linkDoc(parseMarkdown(doc), [{ id: "s", title: "s", commands }]);
  return judgeDoc(linked.links, records(commands, did, types), { file: "doc.md" });
}

function shown(v: Verdict): string {
  const head = `${v.link.output.block.line} ${v.status}`;
  if (v.status === "fresh") return head;
  if (v.status === "stale") {
    return `${head}: ${v.reason} => ${JSON.stringify(v.actual)}${
      v.unwritable ? ` (${v.unwritable})` : ""
    }`;
  }
  return `${head}: ${v.reason}`;
}

/** A doc of command blocks, each with an Output block (paragraph given) unless it is null. */
function docOf(...blocks: Array<[string, string | null, string?]>): string {
  return blocks.map(([command, output, paragraph = "Output:"]) =>
    "```sh\n" + command + "\n```\n\n" +
    (output === null ? "" : `${paragraph}\n\n\`\`\`text\n${output}\n\`\`\`\n\n`)
  ).join("");
}

const CREATE: Command = { run: "docker network create n", stdout: "{{net_id:id}}" };
const LS: Command = { run: "docker network ls", stdout: "{{net_id}}   n" };

interface Case {
  name: string;
  commands: Command[];
  doc: string;
  did: Array<Did | undefined>;
  types?: Record<string, string>;
  expected: string[];
}

const CASES: Case[] = [
  {
    name: "volatile values differ from the run's, the block is fresh",
    commands: [CREATE, LS],
    doc: docOf([CREATE.run, A], [LS.run, `${A.slice(0, 12)}   n`]),
    did: [{ stdout: `${B}\n` }, { stdout: `${B.slice(0, 12)}   n\n` }],
    types: { net_id: "id" },
    expected: ["7 fresh", "17 fresh"],
  },
  {
    name: "a doc value that disagrees with the doc's own earlier value is stale, and the " +
      "block that showed the earlier value is refreshed with it",
    commands: [CREATE, LS],
    doc: docOf([CREATE.run, A], [LS.run, `${"c".repeat(12)}   n`]),
    did: [{ stdout: `${B}\n` }, { stdout: `${B.slice(0, 12)}   n\n` }],
    types: { net_id: "id" },
    expected: [
      `7 stale: refreshed to agree with the updated block at line 17 => "${B}"`,
      `17 stale: line 1: capture "net_id" was "${A}", now "cccccccccccc" (bound at doc.md:8, output line 1) => "bbbbbbbbbbbb   n"`,
    ],
  },
  {
    name: "a stale block's new value makes the blocks that show the old one stale",
    commands: [CREATE, LS],
    doc: docOf([CREATE.run, "not an id"], [LS.run, `${A.slice(0, 12)}   n`]),
    did: [{ stdout: `${B}\n` }, { stdout: `${B.slice(0, 12)}   n\n` }],
    types: { net_id: "id" },
    expected: [
      `7 stale: line 1: expected "{{net_id:id}}", got "not an id" => "${B}"`,
      `17 stale: line 1: capture "net_id" was "${B}", now "aaaaaaaaaaaa" (bound at doc.md:8, output line 1) => "bbbbbbbbbbbb   n"`,
    ],
  },
  {
    name: "a value bound by a block the doc abridges binds where the doc first shows it",
    commands: [
      { run: "inspect", stdout: "IP {{ip:ipv4}}" },
      { run: "ping one", stdout: "from {{ip}}" },
      { run: "ping two", stdout: "from {{ip}}" },
    ],
    doc: docOf(["inspect", "IP 10.0.0.1", "Output (abridged):"], ["ping one", "from 10.0.0.1"], [
      "ping two",
      "from 10.0.0.1",
    ]),
    did: [{ stdout: "IP 10.0.0.9\n" }, { stdout: "from 10.0.0.9\n" }, {
      stdout: "from 10.0.0.9\n",
    }],
    types: { ip: "ipv4" },
    expected: ["7 not-compared: abridged", "17 fresh", "27 fresh"],
  },
  {
    name: "blocks that show an unbound value differently disagree",
    commands: [
      { run: "ping one", stdout: "from {{ip}}" },
      { run: "ping two", stdout: "from {{ip}}" },
    ],
    doc: docOf(["ping one", "from 10.0.0.1"], ["ping two", "from 10.0.0.2"]),
    did: [{ stdout: "from 10.0.0.9\n" }, { stdout: "from 10.0.0.9\n" }],
    types: { ip: "ipv4" },
    expected: [
      '7 stale: refreshed to agree with the updated block at line 17 => "from 10.0.0.9"',
      '17 stale: line 1: capture "ip" was "10.0.0.1", now "10.0.0.2" (bound at doc.md:8, output line 1) => "from 10.0.0.9"',
    ],
  },
  {
    name: "without an expectation the normalised texts must be equal",
    commands: [{ run: "a" }, { run: "b" }],
    doc: docOf(["a", "one  \ntwo"], ["b", "one\ntwo"]),
    did: [{ stdout: "\x1b[1mone\x1b[0m\r\ntwo\r\n\n" }, { stdout: "one\nthree\n" }],
    expected: ["7 fresh", '18 stale: line 2: expected "three", got "two" => "one\\nthree"'],
  },
  {
    name: "stderr is compared when the paragraph names it",
    commands: [
      { run: "a", stderr: "oops {{int}}", exitCode: 2 },
      { run: "b", stderr: "oops {{int}}", exitCode: 2 },
    ],
    doc: docOf(["a", "oops 1", "Output (on stderr, exit code 2):"], [
      "b",
      "oops",
      "Output (stderr):",
    ]),
    did: [{ stdout: "ignored\n", stderr: "oops 7\n" }, { stderr: "oops 8\n" }],
    expected: ["7 fresh", '17 stale: line 1: expected "oops {{int}}", got "oops" => "oops 8"'],
  },
  {
    name: 'any output satisfies { kind: "any" }',
    commands: [{ run: "a", stdout: { kind: "any" } }],
    doc: docOf(["a", "whatever"]),
    did: [{ stdout: "something else\n" }],
    expected: ["7 fresh"],
  },
  {
    name: "JSON blocks are parsed and matched",
    commands: [{ run: "a", stdout: { kind: "json", value: { id: "{{x:id}}", ok: true } } }, {
      run: "b",
      stdout: { kind: "json", value: [{ "{{x}}": "..." }] },
    }],
    doc: docOf(["a", `{"id": "${A}", "ok": true, "more": 1}`], ["b", `[{"${A}": "y"}]`]),
    did: [{ stdout: `{"id": "${B}", "ok": true}` }, { stdout: `[{"${B}": "z"}]` }],
    types: { x: "id" },
    expected: ["7 fresh", "17 fresh"],
  },
  {
    name: "blocks that are not compared, and why",
    commands: [{ run: "a" }, { run: "b" }, { run: "c" }, { run: "d" }, { run: "e" }],
    doc: docOf(["a", "x", "Output (the interesting part):"], ["b", "x"], ["c", "x"], ["d", "x"]) +
      "```sh\ne\n```\n\nOutput:\n\n```text\nx\n",
    did: [
      { stdout: "x\n" },
      { status: "skipped", reason: "needs the internet (skipped with --offline)" },
      { status: "failed", reason: 'stdout: expected "y", got "x"', stdout: "x\n" },
      undefined,
      { stdout: "x\n" },
    ],
    expected: [
      "7 not-compared: abridged",
      "17 not-compared: needs the internet (skipped with --offline)",
      '27 failed: stdout: expected "y", got "x"',
      "37 not-compared: not run",
      "47 not-compared: no closing fence",
    ],
  },
  {
    name: "output that would close the block's fence cannot be written",
    commands: [{ run: "a" }],
    doc: docOf(["a", "x"]),
    did: [{ stdout: "one\n  ````  \n" }],
    expected: [
      '7 stale: line 1: expected "one", got "x" => "one\\n  ````" (line 2 of the real output ("  ````") would close the ``` fence: use a longer fence)',
    ],
  },
];

describe("judgeDoc()", () => {
  for (const c of CASES) {
    it(`judgeDoc(): ${c.name}`, () => {
      assert.deepEqual(judge(c.commands, c.doc, c.did, c.types).map(shown), c.expected);
    });
  }

  it("judgeDoc() keeps the failed match of the doc's text for the diff", () => {
    const [v] = judge([{ run: "a", stdout: "b" }], docOf(["a", "c"]), [{ stdout: "b\n" }]);
    assert.equal(v.status, "stale");
    if (v.status !== "stale") return;
    assert.equal(v.result?.ok, false);
    assert.deepEqual(v.result?.hunks, [{
      expectedStart: 1,
      expected: ["b"],
      actualStart: 1,
      actual: ["c"],
    }]);
  });
});
