/**
 * Scoring of one check with fake probe runners: full points, partial credit for a list of
 * probes, fail-closed outcomes (error, no verdict, timeout, unreachable), positive controls.
 * Retries are in run_check_retry.test.ts; shell and custom probes in run_check_probes.test.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CheckOutcome } from "../../../lib/engine/events.ts";
import { notRunOutcome } from "../../../lib/engine/run_check.ts";
import type { Check, Probe } from "../../../lib/lesson/types.ts";
import { TargetError } from "../../../lib/target/types.ts";
import { check, fake, nameOf, run, verdicts } from "./_checks.ts";

describe("runCheck(): points", () => {
  it("gives full points on a pass, with the evidence and one attempt", async () => {
    const outcome = await run(check({ points: 3, probe: fake("yes") }), verdicts({ yes: true }));
    assert.equal(outcome.status, "pass");
    assert.equal(outcome.points, 3);
    assert.equal(outcome.maxPoints, 3);
    assert.equal(outcome.evidence, "saw yes");
    assert.equal(outcome.attempts, 1);
    assert.equal(outcome.message, undefined);
  });

  it("gives 1 point when the check names none, and 0 with the reason on a fail", async () => {
    const passed = await run(check({ probe: fake("yes") }), verdicts({ yes: true }));
    assert.deepEqual([passed.points, passed.maxPoints], [1, 1]);
    const failed = await run(check({ probe: fake("no") }), verdicts({ no: false }));
    assert.equal(failed.status, "fail");
    assert.deepEqual([failed.points, failed.maxPoints], [0, 1]);
    assert.equal(failed.message, "no is wrong");
    assert.equal(failed.hint, "the hint");
  });

  it("gives each passing probe of a list its equal share", async () => {
    const probes = [fake("a"), fake("b"), fake("c")];
    const two = await run(
      check({ points: 3, probe: probes }),
      verdicts({ a: true, b: false, c: true }),
    );
    assert.equal(two.status, "fail");
    assert.equal(two.points, 2);
    assert.equal(two.message, "2 of 3 parts pass: b is wrong");
    assert.equal(two.evidence, "saw a\nsaw b\nsaw c");
    const third = await run(check({ probe: probes }), verdicts({ a: true, b: false, c: false }));
    assert.equal(third.points, 0.33);
    const all = await run(
      check({ points: 3, probe: probes }),
      verdicts({ a: true, b: true, c: true }),
    );
    assert.deepEqual([all.status, all.points], ["pass", 3]);
  });

  it("hands the runner the probe, the captures, the target and the time limit", async () => {
    const seen: unknown[] = [];
    const probe: Probe = { kind: "fake", name: "x" };
    await run(check({ probe }), {
      fake: (p, ctx) => {
        seen.push(p, ctx.captures.net?.value, ctx.timeoutMs, ctx.target.name);
        return Promise.resolve({ ok: true, evidence: "" });
      },
    }, { captures: { net: { type: "word", value: "app-net" } }, timeoutMs: 1234 });
    assert.deepEqual(seen, [probe, "app-net", 1234, "fake"]);
  });
});

describe("runCheck(): fail closed", () => {
  it("scores a probe that throws as an error with nothing earned", async () => {
    const outcome = await run(check({ points: 2, probe: fake("x") }), {
      fake: () => Promise.reject(new Error("boom")),
    });
    assert.deepEqual([outcome.status, outcome.points], ["error", 0]);
    assert.equal(outcome.message, "probe failed: boom");
  });

  it("scores a probe that returns no verdict as an error", async () => {
    const outcome = await run(check({ probe: fake("x") }), {
      fake: () => Promise.resolve({ evidence: "?" } as never),
    });
    assert.deepEqual([outcome.status, outcome.points], ["error", 0]);
    assert.equal(outcome.message, "probe returned no verdict");
  });

  it("scores a probe that does not answer in time as a timeout", async () => {
    const started = performance.now();
    const outcome = await run(check({ probe: fake("x") }), {
      fake: () => new Promise(() => {}),
    }, { timeoutMs: 30 });
    assert.ok(performance.now() - started < 5000);
    assert.deepEqual([outcome.status, outcome.points], ["timeout", 0]);
    assert.equal(outcome.message, "probe did not answer within 30 ms");
  });

  it("scores a target it cannot reach as unreachable", async () => {
    const outcome = await run(check({ probe: fake("x") }), {
      fake: () => Promise.reject(new TargetError("Cannot reach ssh://host: refused")),
    });
    assert.deepEqual([outcome.status, outcome.points], ["unreachable", 0]);
    assert.equal(outcome.message, "Cannot reach ssh://host: refused");
  });

  it("scores a probe kind with no runner as an error", async () => {
    const outcome = await run(check({ probe: { kind: "nowhere" } }), {});
    assert.equal(outcome.status, "error");
    assert.match(outcome.message ?? "", /no probe runner for kind "nowhere"/);
  });

  it("lets an erroring part earn nothing and decide the status of a list", async () => {
    const probes = [fake("a"), fake("b"), fake("c"), fake("d")];
    const outcome = await run(check({ points: 4, probe: probes }), {
      fake: (p) =>
        nameOf(p) === "c"
          ? Promise.reject(new Error("bad"))
          : Promise.resolve({ ok: nameOf(p) !== "d", evidence: "" }),
    });
    assert.equal(outcome.status, "error");
    assert.equal(outcome.points, 2);
    assert.equal(outcome.message, "2 of 4 parts pass: probe failed: bad; fail");
  });
});

describe("runCheck(): positive controls", () => {
  const negative = check({ id: "no-reach", probe: fake("isolated"), control: "reach" });
  const control = (status: CheckOutcome["status"]) =>
    new Map([["reach", { ...notRunOutcome(check({ id: "reach" }), status, ""), status }]]);

  it("counts a passing negative check when its control passed in the same run", async () => {
    const outcome = await run(negative, verdicts({ isolated: true }), { results: control("pass") });
    assert.deepEqual([outcome.status, outcome.points], ["pass", 1]);
  });

  for (
    const [why, results] of [
      ["failed", control("fail")],
      ["errored", control("error")],
      ["did not run", new Map()],
    ] as const
  ) {
    it(`does not count it when the control ${why}`, async () => {
      const outcome = await run(negative, verdicts({ isolated: true }), { results });
      assert.deepEqual([outcome.status, outcome.points], ["fail", 0]);
      assert.match(outcome.message ?? "", /positive control "reach" did not pass in this run/);
    });
  }
});

describe("notRunOutcome()", () => {
  it("records a check that did not run with its points available and none earned", () => {
    const c: Check = check({ points: 5 });
    assert.deepEqual(notRunOutcome(c, "skipped", "interrupted"), {
      id: c.id,
      title: c.title,
      status: "skipped",
      points: 0,
      maxPoints: 5,
      hint: c.hint,
      evidence: "",
      message: "interrupted",
      durationMs: 0,
      attempts: 0,
    });
  });
});
