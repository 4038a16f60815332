import { test } from "node:test";
import assert from "node:assert/strict";
import { match } from "../../../lib/expect/match.ts";
import { cpuTimed } from "../_cpu_time.ts";
import type { Mismatch } from "../../../lib/expect/types.ts";

const PING = [
  "PING redis-cache (172.18.0.2): 56 data bytes",
  "64 bytes from 172.18.0.2: seq=0 ttl=64 time=0.2ms",
  "64 bytes from 172.18.0.2: seq=1 ttl=64 time=0.112 ms",
  "",
  "--- redis-cache ping statistics ---",
  "2 packets transmitted, 2 packets received, 0% packet loss",
].join("\n");

const passing: [string, string, string][] = [
  ["an identical text", "a\nb", "a\nb"],
  ["the empty pattern and empty output", "", "\n\n"],
  ["despite CRLF, colours and trailing blanks", "a\nb", "\x1b[32ma\x1b[0m  \r\nb\r\n\r\n"],
  ["a pattern with trailing spaces", "a  \nb\t", "a\nb"],
  ["... with zero lines", "a\n...\nb", "a\nb"],
  ["... with many lines", "a\n...\nz", "a\nb\nc\nz"],
  ["... alone with any output", "...", PING],
  ["... alone with no output", "...", ""],
  ["... at the start", "...\nz", "x\ny\nz"],
  ["... at the end", "a\n...", "a\nb\nc"],
  ["... with spaces around it", "a\n   ...  \nz", "a\nb\nz"],
  ["two ... in a row", "a\n...\n...\nz", "a\nb\nz"],
  ["... that must skip an early false match", "...\nx\ny", "x\nq\nx\ny"],
  [
    "a ping transcript",
    [
      "PING redis-cache ({{ipv4}}): 56 data bytes",
      "64 bytes from {{ipv4}}: seq={{int}} ttl=64 time={{duration}}",
      "...",
      "--- redis-cache ping statistics ---",
      "{{int}} packets transmitted, {{int}} packets received, {{num}}% packet loss",
    ].join("\n"),
    PING,
  ],
  ["an inner blank line", "a\n\nb", "a\n\nb"],
];

for (const [name, pattern, actual] of passing) {
  test(`match() passes ${name}`, () => {
    const r = match(pattern, actual);
    assert.equal(r.ok, true, r.mismatch?.message);
    assert.deepEqual(r.hunks, []);
    assert.equal(r.mismatch, undefined);
  });
}

test('match() accepts { kind: "lines" } like a plain string', () => {
  assert.equal(match({ kind: "lines", text: "a\n...\nz" }, "a\nb\nz").ok, true);
  assert.equal(match({ kind: "lines", text: "a" }, "b").ok, false);
});

test('match() with { kind: "any" } passes and resolves to the normalised output', () => {
  assert.deepEqual(match({ kind: "any" }, "x  \r\ny\n", { captures: {} }), {
    ok: true,
    resolved: "x\ny",
    captures: {},
    hunks: [],
  });
});

const failing: [string, string, string, Mismatch][] = [
  [
    "a literal difference",
    "a\nb\nc",
    "a\nX\nc",
    { expectedLine: 2, actualLine: 2, message: 'expected "b", got "X"' },
  ],
  [
    "a missing line",
    "a\nb\nc",
    "a\nc",
    { expectedLine: 2, actualLine: 0, message: 'missing line "b"' },
  ],
  [
    "a missing last line",
    "a\nb",
    "a",
    { expectedLine: 2, actualLine: 0, message: 'missing line "b"' },
  ],
  [
    "an extra line",
    "a\nc",
    "a\nb\nc",
    { expectedLine: 0, actualLine: 2, message: 'extra line "b"' },
  ],
  [
    "an extra last line",
    "a",
    "a\nb",
    { expectedLine: 0, actualLine: 2, message: 'extra line "b"' },
  ],
  [
    "output where none is expected",
    "",
    "a",
    { expectedLine: 0, actualLine: 1, message: 'extra line "a"' },
  ],
  [
    "leading whitespace",
    "a",
    "  a",
    { expectedLine: 1, actualLine: 1, message: 'expected "a", got "  a"' },
  ],
  [
    "a placeholder that does not match",
    "time={{duration}}",
    "time=soon",
    { expectedLine: 1, actualLine: 1, message: 'expected "time={{duration}}", got "time=soon"' },
  ],
  [
    "the line after a ...",
    "a\n...\nz",
    "a\nb\nc\ny",
    { expectedLine: 3, actualLine: 4, message: 'expected "z", got "y"' },
  ],
  [
    "a line between two ...",
    "...\nneedle\n...",
    "hay\nhay",
    { expectedLine: 2, actualLine: 0, message: 'missing line "needle"' },
  ],
  [
    "a ... that cannot skip the first line",
    "...\nb",
    "a",
    { expectedLine: 2, actualLine: 1, message: 'expected "b", got "a"' },
  ],
];

for (const [name, pattern, actual, mismatch] of failing) {
  test(`match() reports ${name}`, () => {
    const r = match(pattern, actual);
    assert.equal(r.ok, false);
    assert.deepEqual(r.mismatch, mismatch);
    assert.notDeepEqual(r.hunks, []);
  });
}

test("match() does not backtrack exponentially on nested ...", () => {
  const actual = Array(2000).fill("a").join("\n");
  const pattern = Array(12).fill("...\na").join("\n") + "\n...\nb";
  const [r, ms] = cpuTimed(() => match(pattern, actual));
  assert.equal(r.ok, false);
  assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
});
