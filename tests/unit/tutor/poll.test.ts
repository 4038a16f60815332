import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ProbeContext } from "../../../lib/engine/run_check.ts";
import type { Check } from "../../../lib/lesson/types.ts";
import { pollChecks, tutorOutcome } from "../../../lib/tutor/poll.ts";
import type { CheckOutcome } from "../../../lib/engine/events.ts";
import { FakeTarget } from "../../_fake_target.ts";

const check = (id: string, probe: Check["probe"], extra: Partial<Check> = {}): Check =>
  ({ id, title: id, hint: `fix ${id}`, probe, ...extra }) as Check;

describe("pollChecks()", () => {
  it("answers for the shown checks only, after running their controls", async () => {
    const target = new FakeTarget({ "test -d /a": { exitCode: 0 }, "test -d /b": { exitCode: 1 } });
    const control = check("a", { kind: "shell", run: "test -d /a" });
    const shown = check("b", { kind: "shell", run: "test -d /b", exitCode: 1 }, { control: "a" });
    const outcomes = await pollChecks({ shown: [shown], run: [control, shown] }, {
      target,
      probes: {},
      checkTimeoutMs: 1000,
      pollLimitMs: 5000,
    });
    assert.deepEqual(outcomes, [{ id: "b", status: "pass", message: undefined }]);
    assert.deepEqual(target.ran, ["test -d /a", "test -d /b"]);
  });

  it("asks shared probe reads to read afresh on every poll", async () => {
    const seen: (number | undefined)[] = [];
    const probes = {
      "docker.network": (_probe: unknown, ctx: ProbeContext) => {
        seen.push(ctx.attempt);
        return Promise.resolve({ ok: true, evidence: "" });
      },
    };
    const c = check("net", { kind: "docker.network", network: "n" });
    const ctx = { target: new FakeTarget({}), probes, checkTimeoutMs: 1000, pollLimitMs: 5000 };
    await pollChecks({ shown: [c], run: [c] }, ctx);
    await pollChecks({ shown: [c], run: [c] }, ctx);
    assert.deepEqual(seen, [2, 2]);
  });

  it("tutorOutcome() says a check that needs a lesson run's capture cannot be checked here", () => {
    const outcome: CheckOutcome = {
      id: "token",
      title: "token",
      status: "error",
      points: 0,
      maxPoints: 1,
      hint: "",
      evidence: "",
      message: 'probe failed: Unknown capture "workdir" in command "test -s {{workdir}}/t"',
      durationMs: 1,
      attempts: 1,
    };
    assert.deepEqual(tutorOutcome(outcome), {
      id: "token",
      status: "skipped",
      message:
        "cannot be checked here: it needs {{workdir}}, a value only a run of the lesson captures",
    });
    assert.deepEqual(tutorOutcome({ ...outcome, status: "fail", message: "no" }), {
      id: "token",
      status: "fail",
      message: "no",
    });
  });

  it("leaves out the checks the poll's time limit did not reach", async () => {
    const target = new FakeTarget({ slow: { delayMs: 300, exitCode: 0 } });
    const a = check("a", { kind: "shell", run: "slow" });
    const b = check("b", { kind: "shell", run: "slow" });
    const outcomes = await pollChecks({ shown: [a, b], run: [a, b] }, {
      target,
      probes: {},
      checkTimeoutMs: 1000,
      pollLimitMs: 100,
    });
    assert.deepEqual(outcomes.map((o) => [o.id, o.status]), [["a", "pass"], ["b", "timeout"]]);
    assert.equal(outcomes[1].message, "not checked: the poll ran out of its 100 ms");
    assert.deepEqual(target.ran, ["slow"]);
  });
});
