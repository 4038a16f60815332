import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { match } from "../../../lib/expect/mod.ts";
import type { Captures } from "../../../lib/expect/types.ts";
import type { Expectation } from "../../../lib/lesson/types.ts";
import { acceptExpectation } from "../../../lib/accept/accept_expectation.ts";
import { refitLine } from "../../../lib/accept/_refit.ts";

const CAPTURES: Captures = {
  redis_ip: { type: "ipv4", value: "10.0.0.2" },
  token: { type: "id", value: "abc123abc123" },
};

describe("refitLine()", () => {
  const CASES: Array<[string, string, string, string]> = [
    [
      "a typed capture that still matches is kept",
      "PING x ({{ip:ipv4}}): 56 data bytes",
      "PING x (10.0.0.9): 64 data bytes",
      "PING x ({{ip:ipv4}}): 64 data bytes",
    ],
    [
      "references and placeholders are kept around changed text",
      "64 bytes from {{redis_ip}}: seq=0 ttl=64 time={{duration}}",
      "64 bytes from 10.0.0.2: seq=1 ttl=63 time=0.2 ms",
      "64 bytes from {{redis_ip}}: seq=1 ttl=63 time={{duration}}",
    ],
    [
      "a reference whose value the line no longer shows becomes text",
      "from {{redis_ip}}: seq=0",
      "from 10.0.0.9: seq=1",
      "from 10.0.0.9: seq=1",
    ],
    [
      "only the placeholders that fit are kept",
      "a {{int}} b {{int}} c",
      "a x b 5 c d",
      "a x b {{int}} c d",
    ],
    [
      "a regex placeholder is kept",
      "dir {{workdir:/\\/tmp\\/[a-z]+/}} left",
      "dir /tmp/abc right",
      "dir {{workdir:/\\/tmp\\/[a-z]+/}} right",
    ],
    [
      "a {{*}} takes the changed text before the literal that follows it",
      "ls: cannot access {{*}}: No such file",
      "ls: cannot access '/x': No such file or directory",
      "ls: cannot access {{*}}: No such file or directory",
    ],
    [
      "a {{*}} at the end takes the rest, the changed text before it is kept as text",
      "tack 2 at {{*}}",
      "tick 2 at 16:19:23",
      "tick 2 at {{*}}",
    ],
    [
      "a regex placeholder with a group of its own",
      "a {{x:/(b|c)+/}} d {{int}}",
      "a bb e 4",
      "a {{x:/(b|c)+/}} e {{int}}",
    ],
    ["printed braces are escaped", "n {{int}}", "n {{x}} 4", "n \\{{x}} {{int}}"],
    [
      "an escaped brace in the pattern stays escaped",
      "\\{{ lit {{int}}",
      "{{ lot 7",
      "\\{{ lot {{int}}",
    ],
  ];
  for (const [name, pattern, actual, expected] of CASES) {
    it(`${name}: "${pattern}" + "${actual}" -> "${expected}"`, () => {
      const got = refitLine(pattern, actual, CAPTURES);
      assert.equal(got, expected);
      assert.ok(match(got, actual, { captures: CAPTURES }).ok, "the refitted line matches");
    });
  }
});

describe("acceptExpectation()", () => {
  const CASES: Array<[string, Expectation, string, Expectation]> = [
    [
      "unchanged lines keep their placeholders; changed and extra lines are refitted or added",
      "PING x ({{ip:ipv4}}): 56 data bytes\nseq=0 time={{duration}}\nstats",
      "PING x (10.0.0.2): 64 data bytes\nseq=0 time=0.3 ms\nstats changed\nextra",
      "PING x ({{ip:ipv4}}): 64 data bytes\nseq=0 time={{duration}}\nstats changed\nextra",
    ],
    ["a line no longer printed is dropped", "a\nb\nc", "a\nc", "a\nc"],
    ["an ellipsis is kept", "a\n...\nz", "a\nb\nc\ny", "a\n...\ny"],
    [
      "lines: the text changes, the kind stays",
      { kind: "lines", text: "token {{token}} in /tmp/x" },
      "token abc123abc123 in /tmp/y",
      { kind: "lines", text: "token {{token}} in /tmp/y" },
    ],
    [
      "unordered: matching rows kept in their order, new rows added",
      { kind: "unordered", header: 1, text: "H\nb {{int}}\na 1" },
      "H\na 1\nb 2\nc 3",
      { kind: "unordered", header: 1, text: "H\nb {{int}}\na 1\nc 3" },
    ],
    [
      "unordered: a changed header and a changed row are refitted",
      { kind: "unordered", header: 1, text: "NAME SIZE\nb {{int}}\na 1" },
      "NAME  SIZE\na 2\nb 2",
      { kind: "unordered", header: 1, text: "NAME  SIZE\nb {{int}}\na 2" },
    ],
    [
      "unordered: room for other rows stays, and a changed row is refitted to its own row",
      {
        kind: "unordered",
        header: 1,
        text: "NETWORK ID NAME DRIVER\n{{net_id:id}} my-net bridge\n...",
      },
      "NETWORK ID     NAME     DRIVER\n0123456789ab   bridge   bridge\n" +
      "abcdef012345   my-net   bridge\n5555555555ab   host     host",
      {
        kind: "unordered",
        header: 1,
        text: "NETWORK ID     NAME     DRIVER\n{{net_id:id}}   my-net   bridge\n...",
      },
    ],
  ];
  for (const [name, expectation, actual, expected] of CASES) {
    it(name, () => {
      const failed = match(expectation, actual, { captures: CAPTURES });
      assert.equal(failed.ok, false);
      const accepted = acceptExpectation(expectation, actual, failed);
      assert.ok(accepted.ok);
      assert.deepEqual(accepted.expectation, expected);
      assert.ok(match(accepted.expectation, actual, { captures: CAPTURES }).ok);
    });
  }

  it("a json expectation is left alone, with the reason", () => {
    const expectation: Expectation = { kind: "json", value: { Name: "x" } };
    const failed = match(expectation, '{"Name": "y"}');
    assert.deepEqual(acceptExpectation(expectation, '{"Name": "y"}', failed), {
      ok: false,
      reason: 'a "json" expectation is not accepted',
    });
  });
});
