import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { normalize } from "../../../lib/expect/normalize.ts";
import { cpuTimed } from "../_cpu_time.ts";
import { stripAnsi } from "../../../lib/expect/strip_ansi.ts";

// Pieces that terminal output and its control sequences are made of, so that random strings
// hit escapes, half escapes, byte order marks and line ends often.
const PIECES = [
  "a",
  "é",
  "{{",
  " ",
  "\t",
  "\r",
  "\n",
  "\r\n",
  "\ufeff",
  "\x1b",
  "\x1b[",
  "\x1b]",
  "\x1b(",
  "\x1bP",
  "\x1b\\",
  "[",
  "]",
  "(",
  "B",
  "0",
  "1;31",
  "m",
  "K",
  ";",
  "?",
  "\x07",
  "\x9b",
  "\x9c",
  "\x85",
  "\x90",
];
const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join("")),
  fc.string({ unit: "binary", maxLength: 40 }),
);
const RUNS = { numRuns: 1500 };
// deno-lint-ignore no-control-regex -- control characters are what it looks for
const CONTROL = /[\x1b\x80-\x9f]/;

test("normalize() is idempotent on any text", () => {
  fc.assert(fc.property(text, (x) => normalize(normalize(x)) === normalize(x)), RUNS);
});

test("normalize() leaves no CR, control sequence, leading BOM or trailing blank", () => {
  fc.assert(
    fc.property(text, (x) => {
      const out = normalize(x);
      return !out.includes("\r") && !CONTROL.test(out) && !out.startsWith("\ufeff") &&
        !/[ \t]$/m.test(out) && !out.endsWith("\n");
    }),
    RUNS,
  );
});

test("stripAnsi() is idempotent and leaves no ESC or C1 control code", () => {
  fc.assert(
    fc.property(text, (x) => {
      const once = stripAnsi(x);
      return stripAnsi(once) === once && !CONTROL.test(once);
    }),
    RUNS,
  );
});

const cases: [string, string, string][] = [
  ["removes a double byte order mark", "\ufeff\ufeffa", "a"],
  ["removes a BOM an escape hid", "\x1b[0m\ufeffa", "a"],
  ["removes ESC followed by a BOM", "\x1b\ufeffa", "a"],
  ["joins CR and LF an escape separated", "a\r\x1b[K\nb", "a\nb"],
  ["removes a charset select", "\x1b(Bplain\x1b)0", "plain"],
  ["removes single-character escapes", "\x1b=\x1b7a\x1b8\x1bM", "a"],
  ["removes C1 CSI sequences and codes", "\x9b31mred\x9b0m\x85", "red"],
  ["removes device control strings", "\x1bPq#0;2\x1b\\sixel", "sixel"],
  ["keeps BEL and tabs", "a\x07\tb", "a\x07\tb"],
];

for (const [name, input, expected] of cases) {
  test(`normalize() ${name}`, () => {
    assert.equal(normalize(input), expected);
    assert.equal(normalize(expected), expected);
  });
}

test("normalize() trims a line of 100k spaces in linear time", () => {
  const [normalized, ms] = cpuTimed(() =>
    normalize(`a${" ".repeat(100_000)}b ${" ".repeat(100_000)}`)
  );
  assert.equal(normalized, `a${" ".repeat(100_000)}b`);
  assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
});
