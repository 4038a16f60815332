import { test } from "node:test";
import assert from "node:assert/strict";
import { match } from "../../../lib/expect/match.ts";
import type { Captures, MatchResult } from "../../../lib/expect/types.ts";

const LS = [
  "NETWORK ID     NAME                 DRIVER    SCOPE",
  "7f9d8e4c3b2a   bridge               bridge    local",
  "4a7d8f9e3c2b   ai-service-network   bridge    local",
  "1c2d3e4f5a6b   host                 host      local",
  "9e8f7d6c5b4a   none                 null      local",
].join("\n");

const NET: Captures = {
  net_id: {
    type: "id",
    value: "4a7d8f9e3c2b1a0f5d4e3c2b1a0f5d4e4a7d8f9e3c2b1a0f5d4e3c2b1a0f5d4e",
    origin: "step create, command 1",
  },
};

const unordered = (text: string, header?: number) => ({ kind: "unordered" as const, text, header });

function check(r: MatchResult, ok: boolean, message?: [number, number, string]) {
  assert.equal(r.ok, ok, r.mismatch?.message);
  if (message) {
    const [expectedLine, actualLine, text] = message;
    assert.deepEqual(r.mismatch, { expectedLine, actualLine, message: text });
  }
}

const cases: [
  string,
  string,
  number | undefined,
  string,
  Captures,
  boolean,
  [number, number, string]?,
][] = [
  [
    "lines in another order with ... for the rest",
    "NETWORK ID     NAME                 DRIVER    SCOPE\n{{net_id}}   ai-service-network   bridge    local\n{{id}}   bridge               bridge    local\n...",
    1,
    LS,
    NET,
    true,
  ],
  ["all lines in reverse order", "c\nb\na", undefined, "a\nb\nc", {}, true],
  ["duplicate lines one-to-one", "a\nb\na", undefined, "a\na\nb", {}, true],
  ["an empty block and no output", "", undefined, "", {}, true],
  ["only ... and any output", "...", undefined, "x\ny", {}, true],
  [
    "a choice that needs backtracking",
    "{{word}} x\na x",
    undefined,
    "a x\nb x",
    {},
    true,
  ],
  [
    "captures that need backtracking",
    "{{v:word}} 1\n{{v}} 2\n...",
    undefined,
    "b 2\na 1\nb 1",
    {},
    true,
  ],
  ["an extra line", "a\nb", undefined, "b\nx\na", {}, false, [0, 2, 'extra line "x"']],
  ["a missing line", "a\nb\nc", undefined, "c\na", {}, false, [2, 0, 'missing line "b"']],
  ["a duplicate that is not there", "a\na", undefined, "a", {}, false, [2, 0, 'missing line "a"']],
  ["a missing line despite ...", "a\nb\n...", undefined, "a\nc\nd", {}, false, [
    2,
    0,
    'missing line "b"',
  ]],
  [
    "a header that differs",
    "ID NAME\n{{id}} x",
    1,
    "NETWORK ID NAME\n4a7d8f9e3c2b x",
    {},
    false,
    [1, 1, 'expected "ID NAME", got "NETWORK ID NAME"'],
  ],
  ["a missing header", "H\na", 1, "", {}, false, [1, 0, 'missing line "H"']],
  [
    "a capture that disagrees",
    "NETWORK ID     NAME                 DRIVER    SCOPE\n{{net_id}}   ai-service-network   bridge    local\n...",
    1,
    LS.replace("4a7d8f9e3c2b   ai", "0123456789ab   ai"),
    NET,
    false,
    [
      2,
      3,
      `capture "net_id" was "${NET.net_id.value}", now "0123456789ab" (bound at step create, command 1)`,
    ],
  ],
];

for (const [name, text, header, actual, captures, ok, message] of cases) {
  test(`match() unordered ${ok ? "accepts" : "rejects"} ${name}`, () => {
    check(match(unordered(text, header), actual, { captures }), ok, message);
  });
}

test("match() unordered with a wrong header line is not fixed by the body", () => {
  check(match(unordered("H\na\nb", 1), "a\nH\nb"), false, [1, 1, 'expected "H", got "a"']);
});

test("match() unordered binds captures in pattern order", () => {
  const r = match(unordered("{{b:int}} b\n{{a:int}} a"), "1 a\n2 b", { origin: "o" });
  assert.deepEqual(r.captures, {
    b: { type: "int", value: "2", origin: "o line 2" },
    a: { type: "int", value: "1", origin: "o line 1" },
  });
});

test("match() unordered resolves in output order with one ... last", () => {
  const r = match(
    unordered(
      "NETWORK ID     NAME                 DRIVER    SCOPE\n{{net_id}}   ai-service-network   bridge    local\n...\n{{id}}   bridge               bridge    local",
      1,
    ),
    LS,
    { captures: NET },
  );
  assert.equal(
    r.resolved,
    [
      "NETWORK ID     NAME                 DRIVER    SCOPE",
      "{{id}}   bridge               bridge    local",
      "{{net_id}}   ai-service-network   bridge    local",
      "...",
    ].join("\n"),
  );
  assert.equal(match(unordered(r.resolved, 1), LS, { captures: NET }).ok, true);
});

test("match() unordered hunks show only missing and extra lines", () => {
  const r = match(unordered("a\nb\nc"), "c\nx\na");
  assert.deepEqual(r.hunks, [
    { expectedStart: 2, expected: ["b"], actualStart: 2, actual: ["x"] },
  ]);
  assert.equal(r.resolved, "c\nx\na");
});
