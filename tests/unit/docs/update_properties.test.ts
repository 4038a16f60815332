import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseMarkdown } from "../../../lib/docs/parse_markdown.ts";
import { linkDoc } from "../../../lib/docs/link_doc.ts";
import { judgeDoc } from "../../../lib/docs/judge_doc.ts";
import { renderDoc, staleReplacements } from "../../../lib/docs/render_doc.ts";
import type { RunRecords } from "../../../lib/docs/collect_run.ts";
import type { Verdict } from "../../../lib/docs/types.ts";
import type { Command, Step } from "../../../lib/lesson/types.ts";

// A generated doc: command blocks and their Output blocks inside block quotes and list items
// (with and without the space after `>`, with tabs), fences of several kinds and indents,
// CRLF or LF, and outputs full of blanks, tabs, markdown and shorter fences.

/** A container: what its first line starts with, and what its other lines start with. */
const CONTAINERS: [string, string][] = [
  ["> ", "> "],
  [">", ">"],
  [">\t", ">\t"],
  [" > ", " > "],
  ["- ", "  "],
  ["-\t", "\t"],
  ["1. ", "   "],
  ["* ", "  "],
  ["-   ", "    "],
  ["- ", "\t"],
  ["1.\t", "\t"],
  ["> ", ">\t"],
  ["\t", "\t"],
];
const FENCES = ["```", "````", "~~~", " ```", "  ~~~~", "\t```", " \t```", "   ```"];
const PIECES = [
  "a",
  " ",
  "  ",
  "\t",
  " \t",
  "x y",
  "\tb",
  "```",
  "~~~",
  ">",
  "> q",
  "- z",
  "1.",
  "#",
  "{{x}}",
  "````",
  "\x1b[1m",
];

const line = fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((p) => p.join(""));
const output = fc.record({
  lines: fc.array(line, { maxLength: 4 }),
  eol: fc.constantFrom("\n", "\r\n"),
  final: fc.boolean(),
}).map(({ lines, eol, final }) => lines.join(eol) + (final && lines.length > 0 ? eol : ""));

const section = fc.record({
  containers: fc.array(fc.constantFrom(...CONTAINERS), { maxLength: 3 }),
  fence: fc.constantFrom(...FENCES),
  old: fc.array(line, { maxLength: 3 }),
  real: output,
  pattern: fc.constantFrom(undefined, "..."),
});

const doc = fc.record({
  sections: fc.array(section, { minLength: 1, maxLength: 3 }),
  eol: fc.constantFrom("\n", "\r\n"),
});

type Doc = typeof doc extends fc.Arbitrary<infer T> ? T : never;

function build(d: Doc): { text: string; steps: Step[]; records: RunRecords } {
  const out: string[] = [];
  const commands: Command[] = [];
  const records: RunRecords = { outcomes: new Map(), types: {}, failures: [] };
  d.sections.forEach((s, i) => {
    const first = s.containers.map(([open]) => open).join("");
    const rest = s.containers.map(([, cont]) => cont).join("");
    const run = `echo k${i}`;
    out.push(`${first}Run this:`, rest, `${rest}\`\`\`sh`, `${rest}${run}`, `${rest}\`\`\``, rest);
    out.push(`${rest}Output:`, rest, `${rest}${s.fence}`);
    for (const old of s.old) out.push(`${rest}${old}`);
    out.push(`${rest}${s.fence}`, "");
    commands.push(s.pattern === undefined ? { run } : { run, stdout: s.pattern });
    const result = {
      stdout: s.real,
      stderr: "",
      exitCode: 0,
      durationMs: 0,
      timedOut: false,
      stopped: false,
    };
    records.outcomes.set(`s#${i}`, {
      index: i,
      command: run,
      ran: run,
      status: "passed",
      result,
      comparisons: [],
    });
  });
  const steps = [{ id: "s", title: "s", commands }] as unknown as Step[];
  return { text: out.join(d.eol), steps, records };
}

function judged(text: string, steps: Step[], records: RunRecords): Verdict[] {
  const linked = linkDoc(parseMarkdown(text), steps);
  assert.deepEqual(linked.problems, []);
  return judgeDoc(linked.links, records);
}

const settled = (v: Verdict) => v.status !== "stale" || v.unwritable !== undefined;

test("an updated doc judges fresh, and a second update writes nothing", () => {
  let stale = 0;
  fc.assert(
    fc.property(doc, (d) => {
      const { text, steps, records } = build(d);
      const before = judged(text, steps, records);
      stale += before.filter((v) => !settled(v)).length;
      const updated = renderDoc(text, staleReplacements(before));
      const after = judged(updated, steps, records);
      assert.equal(after.length, before.length, "the update keeps every link");
      assert.deepEqual(
        after.filter((v) => !settled(v)).map((v) => v.status === "stale" ? v.reason : ""),
        [],
        JSON.stringify(updated),
      );
      assert.equal(renderDoc(updated, staleReplacements(after)), updated);
    }),
    { numRuns: 1000 },
  );
  assert.ok(stale > 100, `only ${stale} stale blocks were generated`);
});

const examples: [string, string, string][] = [
  ["a block quote without a space after >", ">Output:\n>\n>```\n>old\n>```\n", "  two\n\tthree"],
  [
    "a fence indented by a tab in a block quote",
    ">> Output:\n>>\n>> \t```\n>> \told\n>> \t```\n",
    " a\n\tb",
  ],
  ["a list item continued by a tab", "- Output:\n\n\t```\n\told\n\t```\n", "\t x\n  y"],
  ["CRLF and a longer fence", "Output:\r\n\r\n````\r\nold\r\n````", "```\r\nin\r\n```\r\n"],
];

for (const [what, body, real] of examples) {
  test(`an update of ${what} is fresh when checked again`, () => {
    const commands: Command[] = [{ run: "echo k" }];
    const steps = [{ id: "s", title: "s", commands }] as unknown as Step[];
    const text = `\`\`\`sh\necho k\n\`\`\`\n\n${body}`;
    const result = { stdout: real, stderr: "", exitCode: 0, durationMs: 0, timedOut: false };
    const records: RunRecords = {
      outcomes: new Map([["s#0", {
        index: 0,
        command: "echo k",
        ran: "echo k",
        status: "passed",
        result: { ...result, stopped: false },
        comparisons: [],
      }]]),
      types: {},
      failures: [],
    };
    const before = judged(text, steps, records);
    assert.deepEqual(before.map((v) => v.status), ["stale"]);
    const updated = renderDoc(text, staleReplacements(before));
    assert.deepEqual(judged(updated, steps, records).map((v) => v.status), ["fresh"], updated);
  });
}
