/**
 * Retries of a check with `retry: { withinMs, everyMs }`, with fake probe runners: attempts until
 * a pass, the deadline, the default interval, and what is never retried.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TargetError } from "../../../lib/target/types.ts";
import { check, fake, run, verdicts } from "./_checks.ts";

/** A verdict that fails `failures` times, then passes; counts its calls. */
function passesAfter(failures: number) {
  const counter = { calls: 0, verdict: () => ++counter.calls > failures };
  return counter;
}

describe("runCheck(): retry", () => {
  it("tries again every everyMs until the probe passes, with full points", async () => {
    const probe = passesAfter(2);
    const outcome = await run(
      check({ points: 2, probe: fake("x"), retry: { withinMs: 5000, everyMs: 20 } }),
      verdicts({ x: probe.verdict }),
    );
    assert.deepEqual([outcome.status, outcome.points, outcome.attempts], ["pass", 2, 3]);
    assert.equal(probe.calls, 3);
    assert.ok(outcome.durationMs >= 35, `${outcome.durationMs} ms for two waits of 20 ms`);
    assert.equal(outcome.message, undefined);
  });

  it("gives up when the next attempt would pass the deadline, naming the attempts", async () => {
    const probe = passesAfter(Infinity);
    const outcome = await run(
      check({ probe: fake("x"), retry: { withinMs: 200, everyMs: 50 } }),
      verdicts({ x: probe.verdict }),
    );
    assert.equal(outcome.status, "fail");
    assert.equal(outcome.points, 0);
    assert.equal(outcome.attempts, probe.calls);
    // Attempts at about 0, 50, 100, 150 and 200 ms; slow timers can only make them fewer.
    assert.ok(outcome.attempts >= 2 && outcome.attempts <= 5, `${outcome.attempts} attempts`);
    assert.ok(outcome.durationMs >= 50, `${outcome.durationMs} ms`);
    assert.ok(outcome.durationMs < 200 + 50 + 1000, `${outcome.durationMs} ms`);
    assert.match(outcome.message ?? "", /^x is wrong \(\d attempts in \d+\.\d s\)$/);
  });

  it("waits 1000 ms between attempts when everyMs is absent", async () => {
    // A deadline shorter than one interval leaves room for a single attempt.
    const probe = passesAfter(Infinity);
    const outcome = await run(
      check({ probe: fake("x"), retry: { withinMs: 900 } }),
      verdicts({ x: probe.verdict }),
    );
    assert.deepEqual([outcome.status, outcome.attempts, probe.calls], ["fail", 1, 1]);
    assert.equal(outcome.message, "x is wrong");
  });

  it("runs a check without retry once", async () => {
    const probe = passesAfter(1);
    const outcome = await run(check({ probe: fake("x") }), verdicts({ x: probe.verdict }));
    assert.deepEqual([outcome.status, outcome.attempts, probe.calls], ["fail", 1, 1]);
  });

  it("does not retry a target it cannot reach", async () => {
    let calls = 0;
    const outcome = await run(
      check({ probe: fake("x"), retry: { withinMs: 5000, everyMs: 10 } }),
      { fake: () => (calls++, Promise.reject(new TargetError("Cannot reach host"))) },
    );
    assert.deepEqual([outcome.status, outcome.attempts, calls], ["unreachable", 1, 1]);
  });

  it("retries an erroring probe, and scores what the last attempt saw", async () => {
    let calls = 0;
    const outcome = await run(
      check({ probe: fake("x"), retry: { withinMs: 5000, everyMs: 10 } }),
      {
        fake: () =>
          ++calls < 3
            ? Promise.reject(new Error("not up yet"))
            : Promise.resolve({ ok: true, evidence: "up" }),
      },
    );
    assert.deepEqual([outcome.status, outcome.attempts, outcome.evidence], ["pass", 3, "up"]);
  });

  it("retries the whole list of a partial-credit check", async () => {
    const b = passesAfter(1);
    const outcome = await run(
      check({ points: 2, probe: [fake("a"), fake("b")], retry: { withinMs: 5000, everyMs: 10 } }),
      verdicts({ a: true, b: b.verdict }),
    );
    assert.deepEqual([outcome.status, outcome.points, outcome.attempts], ["pass", 2, 2]);
  });
});
