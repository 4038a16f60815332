import { test } from "node:test";
import assert from "node:assert/strict";
import { match } from "../../../lib/expect/match.ts";
import { cpuTimed } from "../_cpu_time.ts";

// 200k lines, about 10 MB. Bounds are generous (shared CI machines); on an idle machine each
// match takes well under the ~200 ms the language promises for the first two.
const LINES = Array.from(
  { length: 200_000 },
  (_, i) => `64 bytes from 172.18.0.2: seq=${i} ttl=64 time=0.${i % 10} ms [${"x".repeat(i % 7)}]`,
);
const OUTPUT = LINES.join("\n") + "\n";
const BOUND_MS = 2000;

const cases: [string, string, boolean][] = [
  ["... alone", "...", true],
  ["first line, ..., last line", `${LINES[0]}\n...\n${LINES.at(-1)}`, true],
  [
    "a placeholder line then ...",
    "64 bytes from {{ip:ipv4}}: seq={{int}} ttl=64 time={{duration}} [{{*}}]\n...",
    true,
  ],
  ["a line that is never there between two ...", "...\nnever\n...", false],
  ["a last line that differs", `${LINES[0]}\n...\nnot the last line`, false],
];

test(`the output is about 10 MB`, () => {
  assert.ok(OUTPUT.length > 10_000_000, String(OUTPUT.length));
});

for (const [name, pattern, ok] of cases) {
  test(`match() on 200k lines with ${name} takes under ${BOUND_MS} ms`, () => {
    const [r, ms] = cpuTimed(() => match(pattern, OUTPUT));
    assert.equal(r.ok, ok, r.mismatch?.message);
    assert.ok(ms < BOUND_MS, `${ms.toFixed(0)} ms`);
  });
}

test(`match() of the output against itself as a pattern takes under ${BOUND_MS} ms`, () => {
  const [r, ms] = cpuTimed(() => match(OUTPUT, OUTPUT));
  assert.equal(r.ok, true, r.mismatch?.message);
  assert.ok(ms < BOUND_MS, `${ms.toFixed(0)} ms`);
});

test(`match() of a 2k-line placeholder pattern and ... takes under ${BOUND_MS} ms`, () => {
  const head = LINES.slice(0, 2000).map((line) => line.replace(/time=\S+ ms/, "time={{duration}}"));
  const [r, ms] = cpuTimed(() => match(`${head.join("\n")}\n...`, OUTPUT));
  assert.equal(r.ok, true, r.mismatch?.message);
  assert.ok(ms < BOUND_MS, `${ms.toFixed(0)} ms`);
});
