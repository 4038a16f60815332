/**
 * Running a host's checks side by side (runChecks) on a fake target: the bound on how many run
 * at once, list order of the outcomes, a negative check waiting for its positive control, and
 * what each check sees of the others.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CheckOutcome } from "../../../lib/engine/events.ts";
import { runCheck } from "../../../lib/engine/run_check.ts";
import { runChecks } from "../../../lib/engine/run_checks.ts";
import type { Check } from "../../../lib/lesson/types.ts";
import { type Answer, FakeTarget } from "../../_fake_target.ts";
import { check } from "./_checks.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A shell check running `command`. */
const shell = (id: string, command: string, more: Partial<Check> = {}): Check =>
  check({ id, title: id, probe: { kind: "shell", run: command }, ...more });

/** A fake target whose commands take `ms` and exit as told; records starts, ends and peak. */
function timedTarget(commands: Record<string, { ms: number; exitCode?: number }>) {
  const log: string[] = [];
  let running = 0;
  let peak = 0;
  const script: Record<string, Answer> = {};
  for (const [command, { ms, exitCode }] of Object.entries(commands)) {
    script[command] = async () => {
      log.push(`start ${command}`);
      peak = Math.max(peak, ++running);
      await sleep(ms);
      running--;
      log.push(`end ${command}`);
      return { stdout: "", exitCode: exitCode ?? 0 };
    };
  }
  return { target: new FakeTarget(script), log, peak: () => peak };
}

/** Runs the checks on the target, `concurrency` at a time; notes what each one saw. */
function runAll(target: FakeTarget, checks: Check[], concurrency: number) {
  const saw = new Map<string, string[]>();
  const outcomes = runChecks(checks, {
    concurrency,
    run: (c, results) => {
      saw.set(c.id, [...results.keys()]);
      return runCheck(c, { target, probes: {}, captures: {}, results, timeoutMs: 5000 });
    },
  });
  return { outcomes, saw };
}

const statuses = (outcomes: CheckOutcome[]) => outcomes.map((o) => [o.id, o.status]);

describe("runChecks()", () => {
  it("runs at most `concurrency` checks at once and returns outcomes in list order", async () => {
    const { target, log, peak } = timedTarget({
      slow: { ms: 150 },
      a: { ms: 10 },
      b: { ms: 10, exitCode: 1 },
      c: { ms: 10 },
      d: { ms: 10 },
    });
    const checks = ["slow", "a", "b", "c", "d"].map((id) => shell(id, id));
    const result = await runAll(target, checks, 2).outcomes;
    assert.equal(peak(), 2);
    assert.deepEqual(statuses(result), [
      ["slow", "pass"],
      ["a", "pass"],
      ["b", "fail"],
      ["c", "pass"],
      ["d", "pass"],
    ]);
    // The short ones run beside the long one, in list order, not after it.
    assert.deepEqual(log.filter((l) => l.startsWith("start")), [
      "start slow",
      "start a",
      "start b",
      "start c",
      "start d",
    ]);
    assert.ok(log.indexOf("start b") < log.indexOf("end slow"), log.join(", "));
  });

  it("runs one after another in list order with a concurrency of 1", async () => {
    const { target, log, peak } = timedTarget({ a: { ms: 20 }, b: { ms: 5 }, c: { ms: 10 } });
    await runAll(target, ["a", "b", "c"].map((id) => shell(id, id)), 1).outcomes;
    assert.equal(peak(), 1);
    assert.deepEqual(log, ["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("starts a negative check only once its positive control has its outcome", async () => {
    const { target, log } = timedTarget({ control: { ms: 80 }, other: { ms: 10 }, neg: { ms: 5 } });
    const checks = [
      shell("control", "control"),
      shell("other", "other"),
      shell("neg", "neg", { control: "control" }),
    ];
    const { outcomes, saw } = runAll(target, checks, 4);
    assert.deepEqual(statuses(await outcomes), [
      ["control", "pass"],
      ["other", "pass"],
      ["neg", "pass"],
    ]);
    // `other` does not wait; `neg` starts after the control ended, and saw its outcome.
    assert.ok(log.indexOf("start other") < log.indexOf("end control"), log.join(", "));
    assert.ok(log.indexOf("start neg") > log.indexOf("end control"), log.join(", "));
    assert.ok(saw.get("neg")!.includes("control"));
  });

  it("fails a negative check whose control failed, as one after another would", async () => {
    const { target } = timedTarget({ control: { ms: 30, exitCode: 1 }, neg: { ms: 5 } });
    const checks = [shell("control", "control"), shell("neg", "neg", { control: "control" })];
    const [, neg] = await runAll(target, checks, 4).outcomes;
    assert.equal(neg.status, "fail");
    assert.match(neg.message ?? "", /positive control "control" did not pass in this run/);
  });

  it("shows a check only the outcomes of checks listed before it", async () => {
    // The control is listed after the negative check: run one after another, the negative
    // check never saw it, so it fails; side by side it must not wait for it or see it either.
    const { target, log } = timedTarget({ neg: { ms: 30 }, control: { ms: 5 }, last: { ms: 5 } });
    const checks = [
      shell("neg", "neg", { control: "control" }),
      shell("control", "control"),
      shell("last", "last"),
    ];
    const { outcomes, saw } = runAll(target, checks, 1);
    const result = await outcomes;
    assert.deepEqual(statuses(result), [["neg", "fail"], ["control", "pass"], ["last", "pass"]]);
    assert.equal(log[0], "start neg");
    assert.deepEqual(saw.get("neg"), []);
    assert.deepEqual(saw.get("last"), ["neg", "control"]);
  });

  it("rejects when running a check throws (a bug), as the loop did", async () => {
    await assert.rejects(
      runChecks([shell("a", "a"), shell("b", "b")], {
        concurrency: 2,
        run: (c) =>
          c.id === "b"
            ? Promise.reject(new Error("bug"))
            : sleep(5).then(() => ({} as CheckOutcome)),
      }),
      { message: "bug" },
    );
  });
});
