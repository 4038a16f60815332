import { test } from "node:test";
import assert from "node:assert/strict";
import { match } from "../../../lib/expect/match.ts";
import { type DiffContext, formatDiff } from "../../../lib/format/diff.ts";
import type { MatchResult } from "../../../lib/expect/types.ts";

const CTX: DiffContext = {
  lesson: "container-networking",
  step: "networks",
  command: "docker network ls",
  stream: "stdout",
  color: false,
};

const LS_PATTERN = "NETWORK ID     NAME\n{{net_id}}   ai-service-network   bridge    local\n...";
const LS =
  "NETWORK ID     NAME\n9e8f7d6c5b4a   ai-service-network   bridge    local\n7f9d8e4c3b2a   bridge";
const CAPTURES = {
  net_id: { type: "id", value: "4a7d8f9e3c2b", origin: "step create, command 1" },
};

const EXIT: MatchResult = {
  ok: false,
  resolved: "1",
  captures: {},
  hunks: [{ expectedStart: 1, expected: ["0"], actualStart: 1, actual: ["1"] }],
  mismatch: { expectedLine: 1, actualLine: 1, message: "expected exit code 0, got 1" },
};

const cases: [string, MatchResult, Partial<DiffContext>, string][] = [
  [
    "a capture disagreement with both values",
    match(LS_PATTERN, LS, { captures: CAPTURES }),
    {},
    [
      'lesson "container-networking", step "networks", command "docker network ls": stdout differs',
      'expected line 2, actual line 2: capture "net_id" was "4a7d8f9e3c2b", now "9e8f7d6c5b4a" (bound at step create, command 1)',
      "@@ -2,1 +2,1 @@",
      "- 2 | {{net_id}}   ai-service-network   bridge    local",
      "+ 2 | 9e8f7d6c5b4a   ai-service-network   bridge    local",
    ].join("\n"),
  ],
  [
    "the same in red and green, the changed words in inverse video",
    match(LS_PATTERN, LS, { captures: CAPTURES }),
    { color: true },
    [
      'lesson "container-networking", step "networks", command "docker network ls": stdout differs',
      'expected line 2, actual line 2: capture "net_id" was "4a7d8f9e3c2b", now "9e8f7d6c5b4a" (bound at step create, command 1)',
      "@@ -2,1 +2,1 @@",
      "\x1b[31m- 2 | \x1b[7m{{net_id}}\x1b[27m   ai-service-network   bridge    local\x1b[39m",
      "\x1b[32m+ 2 | \x1b[7m9e8f7d6c5b4a\x1b[27m   ai-service-network   bridge    local\x1b[39m",
    ].join("\n"),
  ],
  [
    "a missing and an extra line as two hunks",
    match("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11", "1\n2\n3\n4\n5\n6\n7\n8\n10\n11\n12"),
    { stream: "stderr" },
    [
      'lesson "container-networking", step "networks", command "docker network ls": stderr differs',
      'expected line 9: missing line "9"',
      "@@ -9,1 +8,0 @@",
      "- 9 | 9",
      "@@ -11,0 +11,1 @@",
      "+ 11 | 12",
    ].join("\n"),
  ],
  [
    "an exit code without line numbers",
    EXIT,
    { stream: "exit", command: "docker exec isolated-container \\\n  ping -c 1 redis-cache" },
    [
      'lesson "container-networking", step "networks", command "docker exec isolated-container ping -c 1 redis-cache": exit code differs',
      "expected exit code 0, got 1",
      "- 0",
      "+ 1",
    ].join("\n"),
  ],
  [
    "a JSON path without line numbers in the reason",
    match({ kind: "json", value: { Driver: "bridge" } }, '{\n    "Driver": "host"\n}'),
    { stream: "stdout", command: "docker network inspect -f json x" },
    [
      'lesson "container-networking", step "networks", command "docker network inspect -f json x": stdout differs',
      '$.Driver: expected "bridge", got "host"',
      "@@ -2,1 +2,1 @@",
      '- 2 |     "Driver": "bridge"',
      '+ 2 |     "Driver": "host"',
    ].join("\n"),
  ],
  [
    "long hunks cut after maxLines",
    match("a", "a\nb\nc\nd\ne"),
    { maxLines: 2 },
    [
      'lesson "container-networking", step "networks", command "docker network ls": stdout differs',
      'actual line 2: extra line "b"',
      "@@ -1,0 +2,4 @@",
      "+ 2 | b",
      "+ 3 | c",
      "+ … 2 more lines",
    ].join("\n"),
  ],
];

for (const [name, result, ctx, expected] of cases) {
  test(`formatDiff() renders ${name}`, () => {
    assert.equal(formatDiff(result, { ...CTX, ...ctx }), expected);
  });
}

test("formatDiff() renders nothing for a match", () => {
  assert.equal(formatDiff(match("a", "a"), CTX), "");
});

test("formatDiff() uses no escape sequences without colour", () => {
  const text = formatDiff(match(LS_PATTERN, LS, { captures: CAPTURES }), CTX);
  assert.equal(text.includes("\x1b"), false);
});
