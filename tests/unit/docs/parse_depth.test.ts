import { test } from "node:test";
import assert from "node:assert/strict";
import { parseMarkdown } from "../../../lib/docs/parse_markdown.ts";
import { cpuTimed } from "../_cpu_time.ts";

// Parsing is linear in the nesting depth: each line matches its open containers in one step,
// and the blanks before them are scanned once. Before, 5,000 nested list levels took minutes.
// CPU time, not wall time, so that a loaded machine does not fail the test.
const DEPTH = 5000;
const BOUND_MS = 3000; // A quadratic parse of these inputs takes minutes; a linear one, a fraction of a second.

function cpuMs(f: () => void): number {
  return cpuTimed(f)[1];
}

test(`${DEPTH} nested list items, one per line, parse in under ${BOUND_MS} ms`, () => {
  const source = Array.from({ length: DEPTH }, (_, i) => `${"  ".repeat(i)}- item ${i}\n`).join("");
  let elements: ReturnType<typeof parseMarkdown> = [];
  const ms = cpuMs(() => elements = parseMarkdown(source));
  assert.equal(elements.length, DEPTH);
  assert.deepEqual(elements.at(-1), {
    kind: "paragraph",
    line: DEPTH,
    start: source.length - `${"  ".repeat(DEPTH - 1)}- item ${DEPTH - 1}\n`.length,
    end: source.length,
    text: `item ${DEPTH - 1}`,
  });
  assert.ok(ms < BOUND_MS, `${ms.toFixed(0)} ms`);
});

test(`${DEPTH} list markers and block quotes on one line parse in under ${BOUND_MS} ms`, () => {
  const lists = `${"- ".repeat(DEPTH)}x\n${"  ".repeat(DEPTH)}\`\`\`\n${"  ".repeat(DEPTH)}y\n`;
  const quotes = `${"> ".repeat(DEPTH)}x\n${">".repeat(DEPTH)}\`\`\`\n${">".repeat(DEPTH)} y\n`;
  let listed: ReturnType<typeof parseMarkdown> = [];
  let quoted: ReturnType<typeof parseMarkdown> = [];
  const ms = cpuMs(() => {
    listed = parseMarkdown(lists);
    quoted = parseMarkdown(quotes);
  });
  assert.deepEqual(listed.map((e) => e.kind), ["paragraph", "fenced"]);
  assert.equal(listed[1].kind === "fenced" && listed[1].text, "y");
  assert.deepEqual(quoted.map((e) => e.kind), ["paragraph", "fenced"]);
  assert.equal(quoted[1].kind === "fenced" && quoted[1].text, "y");
  assert.ok(ms < BOUND_MS, `${ms.toFixed(0)} ms`);
});

test(`${DEPTH} nested block quotes, one more per line, parse in under ${BOUND_MS} ms`, () => {
  const source = Array.from({ length: DEPTH }, (_, i) => `${">".repeat(i + 1)} q${i}`).join("\n");
  let elements: ReturnType<typeof parseMarkdown> = [];
  const ms = cpuMs(() => elements = parseMarkdown(source));
  assert.equal(elements.length, DEPTH);
  const last = elements.at(-1);
  assert.equal(last?.kind === "paragraph" ? last.text : undefined, `q${DEPTH - 1}`);
  assert.ok(ms < BOUND_MS, `${ms.toFixed(0)} ms`);
});
