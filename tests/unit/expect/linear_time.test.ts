import { test } from "node:test";
import assert from "node:assert/strict";
import { match } from "../../../lib/expect/match.ts";
import { cpuTimed } from "../_cpu_time.ts";
import { matchLine } from "../../../lib/expect/match_line.ts";

// Patterns run on RE2: time linear in the line and the pattern, whatever the regex. Before, the
// first case took about 20 s and the second about 3 s; the bound is generous for shared CI.
const BOUND_MS = 1000;

test(`a catastrophic regex fails its expectation in under ${BOUND_MS} ms`, () => {
  const [r, ms] = cpuTimed(() => match("{{x:/(a+)+$/}}", `${"a".repeat(29)}!`));
  assert.equal(r.ok, false);
  assert.ok(ms < BOUND_MS, `${ms.toFixed(0)} ms`);
  const [long, ms2] = cpuTimed(() => match("{{/(a|aa)+$/}}", `${"a".repeat(5000)}!`));
  assert.equal(long.ok, false);
  assert.ok(ms2 < BOUND_MS, `${ms2.toFixed(0)} ms`);
});

test(`a catastrophic regex in a stop condition answers in under ${BOUND_MS} ms`, () => {
  const [r, ms] = cpuTimed(() => matchLine("{{/(x+x+)+y/}}", "x".repeat(40)));
  assert.equal(r.ok, false);
  assert.ok(ms < BOUND_MS, `${ms.toFixed(0)} ms`);
});

test(`twelve {{word}} on one line answer in under ${BOUND_MS} ms`, () => {
  const adjacent = "{{word}}".repeat(12);
  const [r, ms] = cpuTimed(() => match(adjacent, `${"a".repeat(30)} x`));
  assert.equal(r.ok, false);
  assert.ok(ms < BOUND_MS, `${ms.toFixed(0)} ms`);
  const [wide, ms2] = cpuTimed(() => match(adjacent, `${"a".repeat(20_000)} x`));
  assert.equal(wide.ok, false);
  assert.ok(ms2 < BOUND_MS, `${ms2.toFixed(0)} ms`);
  const spaced = Array.from({ length: 12 }, (_, i) => `{{w${i}:word}}`).join("-");
  const text = Array.from({ length: 12 }, (_, i) => `v${i}`).join("-");
  const [ok, ms3] = cpuTimed(() => match(spaced, text));
  assert.equal(ok.ok, true);
  assert.equal(ok.captures.w0.value, "v0");
  assert.equal(ok.captures.w11.value, "v11");
  assert.ok(ms3 < BOUND_MS, `${ms3.toFixed(0)} ms`);
});

test("captures keep JavaScript's leftmost, greedy-or-lazy choices", () => {
  const r = match("{{a:/a*?/}}{{b:/a+/}}-{{c:word}}-{{d:word}}", "aaa-x-y-z");
  assert.equal(r.ok, true);
  assert.deepEqual(
    [r.captures.a.value, r.captures.b.value, r.captures.c.value, r.captures.d.value],
    ["", "aaa", "x-y", "z"],
  );
  const s = match("[{{x:/.*?/}}] {{y:/\\d+/}}", "[a] b] 12");
  assert.equal(s.captures.x.value, "a] b");
});

test("anchors and word boundaries in a regex see the whole line", () => {
  assert.equal(match("a{{/^b/}}", "ab").ok, false);
  assert.equal(match("{{/^a/}}b", "ab").ok, true);
  assert.equal(match("{{/a$/}}b", "ab").ok, false);
  assert.equal(match("x {{/\\bid\\b/}}y", "x idy").ok, false);
  assert.equal(match("x {{/\\bid/}}y", "x idy").ok, true);
});

test("a regex keeps JavaScript syntax: escapes, classes and named groups", () => {
  assert.equal(match("{{/\\u00e9[^]\\x41/}}", "é-A").ok, true);
  assert.equal(match("{{/(?<n>\\d+)\\/[/]/}}", "12//").ok, true);
  assert.equal(match("{{word}}", "a\u00a0b").ok, false);
});
