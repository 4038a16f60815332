import { test } from "node:test";
import assert from "node:assert/strict";
import { normalize } from "../../../lib/expect/normalize.ts";

const cases: [string, string, string][] = [
  ["keeps plain text", "a\nb", "a\nb"],
  ["turns CRLF into LF", "a\r\nb\r\n", "a\nb"],
  ["turns a lone CR into LF", "a\rb", "a\nb"],
  ["removes CSI colour sequences", "\x1b[1;31mred\x1b[0m text", "red text"],
  ["removes CSI erase-line sequences", "50%\x1b[K\r100%\x1b[K", "50%\n100%"],
  ["removes OSC ended by BEL", "\x1b]0;title\x07prompt", "prompt"],
  ["removes OSC ended by ST", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"],
  ["removes trailing spaces and tabs on every line", "a  \t\nb \n c", "a\nb\n c"],
  ["removes trailing empty lines", "a\n\n  \n\t\n", "a"],
  ["keeps leading whitespace", "  a\n\tb", "  a\n\tb"],
  ["keeps inner blank lines", "a\n\n\nb", "a\n\n\nb"],
  ["removes a leading BOM", "\ufeffa", "a"],
  ["keeps a BOM that is not leading", "a\ufeff", "a\ufeff"],
  ["turns whitespace-only text into the empty text", " \n\t\r\n", ""],
  ["keeps other control characters", "a\x07b", "a\x07b"],
];

for (const [name, input, expected] of cases) {
  test(`normalize() ${name}`, () => {
    assert.equal(normalize(input), expected);
  });
}

test("normalize() is idempotent", () => {
  for (const [, input] of cases) assert.equal(normalize(normalize(input)), normalize(input));
});
