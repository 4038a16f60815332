/**
 * Retries only where waiting can help: a failure a probe calls final (what the check needs is
 * missing) ends a check with `retry` at once; other failures retry as before. Fake probe runners.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CheckOutcome } from "../../../lib/engine/events.ts";
import type { ProbeRunner } from "../../../lib/engine/run_check.ts";
import type { ProbeResult } from "../../../lib/lesson/types.ts";
import { check, fake, nameOf, run } from "./_checks.ts";

const RETRY = { withinMs: 5000, everyMs: 10 };

/** A fake runner answering each name from `answers`, counting calls and the attempts seen. */
function answering(answers: Record<string, ProbeResult>) {
  const seen = { calls: 0, attempts: [] as Array<number | undefined> };
  const runner: ProbeRunner = (probe, ctx) => {
    seen.calls++;
    seen.attempts.push(ctx.attempt);
    return Promise.resolve(answers[nameOf(probe)]);
  };
  return { seen, probes: { fake: runner } };
}

const missing: ProbeResult = {
  ok: false,
  evidence: 'no network named "app"',
  message: 'no network named "app"',
  final: true,
};
const starting: ProbeResult = { ok: false, evidence: "", message: "no answer yet" };
const fine: ProbeResult = { ok: true, evidence: "fine" };

describe("runCheck(): final failures", () => {
  it("fails at once when the probe says what it needs is missing", async () => {
    const { seen, probes } = answering({ x: missing });
    const outcome = await run(check({ probe: fake("x"), retry: RETRY }), probes);
    assert.deepEqual([outcome.status, outcome.points, outcome.attempts], ["fail", 0, 1]);
    assert.equal(seen.calls, 1);
    // One attempt: the message names no attempts.
    assert.equal(outcome.message, 'no network named "app"');
  });

  it("retries a failure that is not final, and tells probes the attempt", async () => {
    let calls = 0;
    const attempts: Array<number | undefined> = [];
    const outcome = await run(check({ probe: fake("x"), retry: RETRY }), {
      fake: (_probe, ctx) => {
        attempts.push(ctx.attempt);
        return Promise.resolve(++calls < 3 ? starting : fine);
      },
    });
    assert.deepEqual([outcome.status, outcome.attempts], ["pass", 3]);
    assert.deepEqual(attempts, [1, 2, 3]);
  });

  it("retries a list while a failing part is not final, and stops once all are", async () => {
    let calls = 0;
    const outcome = await run(
      check({ points: 2, probe: [fake("a"), fake("b")], retry: RETRY }),
      {
        fake: (probe) => {
          if (nameOf(probe) === "a") return Promise.resolve(missing);
          return Promise.resolve(++calls < 2 ? starting : fine);
        },
      },
    );
    // First attempt: b still starting, so try again; second: only a's final failure is left.
    assert.deepEqual([outcome.status, outcome.points, outcome.attempts], ["fail", 1, 2]);
  });

  it("does not retry a list whose every failing part is final, and keeps partial credit", async () => {
    const { probes } = answering({ a: missing, c: fine });
    const outcome = await run(
      check({ points: 2, probe: [fake("a"), fake("c")], retry: RETRY }),
      probes,
    );
    assert.deepEqual([outcome.status, outcome.points, outcome.attempts], ["fail", 1, 1]);
  });

  it("does not retry a negative check whose positive control did not pass", async () => {
    const { seen, probes } = answering({ x: fine });
    const control: CheckOutcome = {
      id: "control",
      title: "control",
      status: "fail",
      points: 0,
      maxPoints: 1,
      hint: "h",
      evidence: "",
      durationMs: 1,
      attempts: 1,
    };
    const outcome = await run(
      check({ probe: fake("x"), control: "control", retry: RETRY }),
      probes,
      { results: new Map([["control", control]]) },
    );
    assert.deepEqual([outcome.status, outcome.attempts, seen.calls], ["fail", 1, 1]);
    assert.match(outcome.message ?? "", /positive control "control" did not pass/);
  });

  it("retries a probe error as before, even next to a final failure", async () => {
    let calls = 0;
    const outcome = await run(
      check({ probe: [fake("a"), fake("b")], retry: { withinMs: 5000, everyMs: 10 } }),
      {
        fake: (probe) => {
          if (nameOf(probe) === "a") return Promise.resolve(missing);
          return ++calls < 3 ? Promise.reject(new Error("not up yet")) : Promise.resolve(fine);
        },
      },
    );
    // b errs twice (retried), then passes; a's final failure ends the check after that.
    assert.deepEqual([outcome.status, outcome.attempts], ["fail", 3]);
  });
});
