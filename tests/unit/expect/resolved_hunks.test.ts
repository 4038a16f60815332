import { test } from "node:test";
import assert from "node:assert/strict";
import { match } from "../../../lib/expect/match.ts";
import type { Captures, Hunk } from "../../../lib/expect/types.ts";

const PING_PATTERN = [
  "PING redis-cache ({{ip:ipv4}}): 56 data bytes",
  "64 bytes from {{ip}}: seq={{int}} ttl=64 time={{duration}}",
  "...",
  "--- redis-cache ping statistics ---",
  "{{int}} packets transmitted, {{int}} packets received, 0% packet loss",
].join("\n");

const PING = [
  "PING redis-cache (172.18.0.2): 56 data bytes",
  "64 bytes from 172.18.0.2: seq=0 ttl=64 time=0.2ms",
  "64 bytes from 172.18.0.2: seq=1 ttl=64 time=0.112 ms",
  "64 bytes from 172.18.0.2: seq=2 ttl=64 time=0.104 ms",
  "",
  "--- redis-cache ping statistics ---",
  "3 packets transmitted, 3 packets received, 0% packet loss",
].join("\n");

// [name, pattern, actual, captures, resolved, hunks]
const cases: [string, string, string, Captures, string, Hunk[]][] = [
  ["a match, resolved to the pattern itself", PING_PATTERN, PING, {}, PING_PATTERN, []],
  [
    "a last line that differs",
    PING_PATTERN,
    PING.replace("3 packets received, 0%", "1 packets received, 66%"),
    {},
    PING_PATTERN.replace(
      "{{int}} packets transmitted, {{int}} packets received, 0% packet loss",
      "3 packets transmitted, 1 packets received, 66% packet loss",
    ),
    [{
      expectedStart: 5,
      expected: ["{{int}} packets transmitted, {{int}} packets received, 0% packet loss"],
      actualStart: 7,
      actual: ["3 packets transmitted, 1 packets received, 66% packet loss"],
    }],
  ],
  [
    "a capture that disagrees, kept literally",
    PING_PATTERN,
    PING.replace("from 172.18.0.2: seq=0", "from 172.18.0.9: seq=0"),
    {},
    PING_PATTERN.replace(
      "64 bytes from {{ip}}: seq={{int}} ttl=64 time={{duration}}",
      "64 bytes from 172.18.0.9: seq=0 ttl=64 time=0.2ms",
    ),
    [{
      expectedStart: 2,
      expected: ["64 bytes from {{ip}}: seq={{int}} ttl=64 time={{duration}}"],
      actualStart: 2,
      actual: ["64 bytes from 172.18.0.9: seq=0 ttl=64 time=0.2ms"],
    }],
  ],
  [
    "a change and a replacement of one line by two",
    "a\nb\nc\nd\ne",
    "a\nX\nc\nd\nY\nZ",
    {},
    "a\nX\nc\nd\nY\nZ",
    [
      { expectedStart: 2, expected: ["b"], actualStart: 2, actual: ["X"] },
      { expectedStart: 5, expected: ["e"], actualStart: 5, actual: ["Y", "Z"] },
    ],
  ],
  [
    "a missing line and an extra line",
    "{{int}} start\nmiddle\n{{int}} end",
    "1 start\n2 end\nafter",
    {},
    "{{int}} start\n{{int}} end\nafter",
    [
      { expectedStart: 2, expected: ["middle"], actualStart: 2, actual: [] },
      { expectedStart: 4, expected: [], actualStart: 3, actual: ["after"] },
    ],
  ],
  [
    "lines after ... that differ, the rest swallowed",
    "head\n...\ntail 1\ntail 2",
    "head\nx\ny\ntail 1\ntail X",
    {},
    "head\n...\ntail 1\ntail X",
    [{ expectedStart: 4, expected: ["tail 2"], actualStart: 5, actual: ["tail X"] }],
  ],
  [
    "unmatched output with {{, escaped",
    "a",
    "{{.Name}}\na",
    {},
    "\\{{.Name}}\na",
    [{ expectedStart: 1, expected: [], actualStart: 1, actual: ["{{.Name}}"] }],
  ],
  [
    "no output at all",
    "a\n...\nb",
    "",
    {},
    "...",
    [
      { expectedStart: 1, expected: ["a"], actualStart: 1, actual: [] },
      { expectedStart: 3, expected: ["b"], actualStart: 1, actual: [] },
    ],
  ],
];

for (const [name, pattern, actual, captures, resolved, hunks] of cases) {
  test(`match() resolves and diffs ${name}`, () => {
    const r = match(pattern, actual, { captures });
    assert.equal(r.resolved, resolved);
    assert.deepEqual(r.hunks, hunks);
    assert.equal(r.ok, hunks.length === 0);
  });

  test(`match() with the resolved text as pattern passes for ${name}`, () => {
    const again = match(match(pattern, actual, { captures }).resolved, actual, { captures });
    assert.equal(again.ok, true, again.mismatch?.message);
    assert.equal(again.resolved, match(pattern, actual, { captures }).resolved);
  });
}

test("match() hunks leave out lines a pattern line matches, whatever their values", () => {
  const r = match("id {{id}}\nip {{ipv4}}\nname x", "id 4a7d8f9e3c2b\nip 10.0.0.9\nname y");
  assert.deepEqual(r.hunks, [{
    expectedStart: 3,
    expected: ["name x"],
    actualStart: 3,
    actual: ["name y"],
  }]);
  assert.equal(r.resolved, "id {{id}}\nip {{ipv4}}\nname y");
});

test("match() returns the captures bound before a failure", () => {
  const r = match("{{a:int}}\nb", "1\nc");
  assert.equal(r.ok, false);
  assert.equal(r.captures.a.value, "1");
});
