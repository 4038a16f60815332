import { test } from "node:test";
import assert from "node:assert/strict";
import { match } from "../../../lib/expect/match.ts";

const ID64 = "4a7d8f9e3c2b1a0f5d4e3c2b1a0f5d4e4a7d8f9e3c2b1a0f5d4e3c2b1a0f5d4e";

// [type, values it matches as a whole line, values it does not]
const cases: [string, string[], string[]][] = [
  ["id", ["4a7d8f9e3c2b", ID64], ["4a7d8f9e3c2", "4a7d8f9e3c2b1", "4A7D8F9E3C2B", "g4a7d8f9e3c2"]],
  ["hex", ["0", "7f8e9d0c", "DEADbeef"], ["", "0x1f", "7g"]],
  ["ipv4", ["172.18.0.2", "0.0.0.0", "255.255.255.255"], [
    "256.1.1.1",
    "1.2.3",
    "1.2.3.4.5",
    "01.2.3.4",
  ]],
  [
    "ipv6",
    [
      "fe80::42:acff:fe12:2",
      "::1",
      "::",
      "2001:db8:0:0:0:0:0:1",
      "2001:db8::",
      "::ffff:172.18.0.2",
    ],
    ["fe80:::1", "2001:db8:0:0:0:0:0:0:1", "12345::1", "172.18.0.2"],
  ],
  ["cidr", ["172.18.0.0/16", "fd00:dead:beef::/48", "10.0.0.1/32"], [
    "172.18.0.0",
    "172.18.0.0/",
    "/16",
  ]],
  ["mac", ["02:42:ac:12:00:02", "02:42:AC:12:00:03"], ["02:42:ac:12:00", "02-42-ac-12-00-02"]],
  [
    "duration",
    ["0.2ms", "0.661 ms", "12s", "3m", "1h", "250ns", "7us", "7µs", "1.5 s"],
    ["ms", "0.2", "1.ms", "2 days", "0.2  ms"],
  ],
  [
    "timestamp",
    ["2025-12-23T10:15:30.123456789Z", "2025-12-23T10:15:30Z", "2025-12-23T10:15:30+01:00"],
    ["2025-12-23", "2025-12-23T10:15:30", "2025-12-23 10:15:30 +0000 UTC"],
  ],
  ["int", ["0", "42", "-3"], ["+3", "1.5", "", "4x"]],
  ["num", ["0", "-3", "0.661", "12.5"], [".5", "1.", "1e3"]],
  ["word", ["redis:7-alpine", "x"], ["", "two words"]],
];

for (const [type, good, bad] of cases) {
  test(`{{${type}}} matches ${good.map((v) => `"${v}"`).join(", ")}`, () => {
    for (const value of good) {
      assert.equal(match(`{{${type}}}`, value).ok, true, value);
      assert.equal(match(`<{{${type}}}>`, `<${value}>`).ok, true, `<${value}>`);
    }
  });
  test(`{{${type}}} does not match ${bad.map((v) => `"${v}"`).join(", ")}`, () => {
    for (const value of bad) assert.equal(match(`<{{${type}}}>`, `<${value}>`).ok, false, value);
  });
}

test("{{id}} needs a word boundary on both sides", () => {
  assert.equal(match("x{{id}}", "x4a7d8f9e3c2b").ok, false);
  assert.equal(match("x {{id}}", "x 4a7d8f9e3c2b").ok, true);
  assert.equal(match("{{id}}:", "4a7d8f9e3c2b:").ok, true);
});

test("{{*}} matches any text within a line, possibly empty", () => {
  assert.equal(
    match("PING {{*}} data bytes", "PING redis-cache (172.18.0.2): 56 data bytes").ok,
    true,
  );
  assert.equal(match("a{{*}}b", "ab").ok, true);
  assert.equal(match("a{{*}}b", "a\nb").ok, false);
});

test("{{/regex/}} matches a JavaScript regex inside a line and ends at the first /}}", () => {
  assert.equal(match("seq={{/[0-9]+/}} ttl=64", "seq=12 ttl=64").ok, true);
  assert.equal(match("seq={{/[0-9]+/}} ttl=64", "seq=x ttl=64").ok, false);
  assert.equal(match("{{/a\\/b/}}", "a/b").ok, true);
  assert.equal(match("{{/a}}b/}}", "a}}b").ok, true);
});

test("a regex line must match the whole line", () => {
  assert.equal(match("{{/.*error.*/}}", "an error here").ok, true);
  assert.equal(match("{{/error/}}", "an error here").ok, false);
});

test("\\{{ is a literal {{", () => {
  assert.equal(match("\\{{.Name}}", "{{.Name}}").ok, true);
  assert.equal(match("a \\{{id}}", "a {{id}}").ok, true);
  assert.equal(match("a \\{{id}}", "a 4a7d8f9e3c2b").ok, false);
  assert.equal(match("\\\\{{", "\\{{").ok, true);
});
