/**
 * The orchestrator's limits against a fake target: time limits handed to the target, timed-out
 * and stopped commands, --offline skips, and Ctrl-C (an aborted signal) ending the run early.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_TIMEOUT_MS } from "../../../lib/engine/run_lesson.ts";
import { FakeTarget } from "../../_fake_target.ts";
import { fakeLesson, ofType, runAll, trace } from "./_lesson.ts";

describe("runLesson(): time limits", () => {
  const lesson = fakeLesson([{
    id: "wait",
    title: "Wait",
    commands: [
      { run: "sleep 1" },
      { run: "sleep 2", timeoutMs: 50 },
      { run: "ping host", stop: { kind: "lines", count: 3 }, stdout: "a\n..." },
    ],
  }]);

  it("hands each command its own limit, the run's, or the default", async () => {
    const target = new FakeTarget({ "ping host": { stdout: "a\nb\nc\n", stopped: true } });
    await runAll(lesson, { target, timeoutMs: 5000 });
    assert.deepEqual(target.calls.map((c) => c.options.timeoutMs), [5000, 50, 5000]);
    assert.deepEqual(target.calls[2].options.stop, { kind: "lines", count: 3 });
    const other = new FakeTarget({});
    await runAll(lesson, { target: other });
    assert.equal(other.calls[0].options.timeoutMs, DEFAULT_TIMEOUT_MS);
  });

  it("fails a timed-out command naming its limit, and does not compare its exit code", async () => {
    const target = new FakeTarget({
      "sleep 1": {},
      "sleep 2": { timedOut: true },
      "ping host": { stdout: "a\nb\nc\n", stopped: true, exitCode: 130 },
    });
    const events = await runAll(lesson, { target });
    const [, slept, pinged] = ofType(events, "command:end").map((e) => e.outcome);
    assert.equal(slept.status, "failed");
    assert.equal(slept.reason, "timed out after 50 ms");
    assert.ok(!slept.comparisons.some((c) => c.stream === "exit"));
    // A stopped command (the doc's ^C) passes on its partial output; 130 is not held against it.
    assert.equal(pinged.status, "passed");
    assert.deepEqual(pinged.comparisons.map((c) => c.stream), ["stdout"]);
  });
});

describe("runLesson(): --offline", () => {
  it("skips commands tagged network, by step or by command, and runs the rest", async () => {
    const lesson = fakeLesson([
      {
        id: "pull",
        title: "Pull",
        tags: ["network"],
        commands: [{ run: "docker pull redis" }],
      },
      {
        id: "mixed",
        title: "Mixed",
        commands: [{ run: "curl example.org", tags: ["network"] }, { run: "true" }],
      },
    ]);
    const target = new FakeTarget({ "true": {} });
    const events = await runAll(lesson, { target, offline: true });
    assert.deepEqual(target.ran, ["true"]);
    const outcomes = ofType(events, "command:end").map((e) => e.outcome);
    assert.deepEqual(outcomes.map((o) => o.status), ["skipped", "skipped", "passed"]);
    assert.equal(outcomes[0].reason, "needs the internet (skipped with --offline)");
    assert.deepEqual(ofType(events, "step:end").map((e) => e.status), ["skipped", "passed"]);
    const [end] = ofType(events, "run:end");
    assert.deepEqual(end.summary, { passed: 1, failed: 0, skipped: 1 });
  });

  it("runs network commands when online", async () => {
    const lesson = fakeLesson([{
      id: "pull",
      title: "Pull",
      commands: [{ run: "docker pull redis", tags: ["network"] }],
    }]);
    const target = new FakeTarget({ "docker pull redis": {} });
    await runAll(lesson, { target });
    assert.deepEqual(target.ran, ["docker pull redis"]);
  });
});

describe("runLesson(): Ctrl-C (an aborted signal)", () => {
  const lesson = fakeLesson([
    {
      id: "one",
      title: "One",
      commands: [{ run: "long" }, { run: "next" }],
      checks: [{ id: "c1", title: "C1", hint: "h", probe: { kind: "shell", run: "probe" } }],
    },
    { id: "two", title: "Two", commands: [{ run: "later" }] },
  ]);

  it("ends the running command, skips the rest as interrupted, and still ends the run", async () => {
    const controller = new AbortController();
    const target = new FakeTarget({
      long: (options) => {
        assert.equal(options.signal, controller.signal);
        setTimeout(() => controller.abort(), 10);
        return { delayMs: 60_000 };
      },
    });
    const started = performance.now();
    const events = await runAll(lesson, { target, signal: controller.signal });
    assert.ok(performance.now() - started < 10_000, "the abort did not end the command");
    assert.deepEqual(target.ran, ["long"]);
    assert.deepEqual(trace(events), [
      "run:start",
      "step:start one",
      "command:start one#0",
      "command:end one#0 failed",
      "command:start one#1",
      "command:end one#1 skipped",
      "check:end c1 skipped",
      "step:end one failed",
      "step:start two",
      "step:end two skipped",
      "run:end",
    ]);
    const outcomes = ofType(events, "command:end").map((e) => e.outcome);
    assert.equal(outcomes[0].reason, "interrupted");
    assert.equal(outcomes[1].reason, "interrupted");
    assert.equal(ofType(events, "check:end")[0].outcome.message, "interrupted");
    assert.equal(ofType(events, "step:end")[1].reason, "interrupted");
    const [end] = ofType(events, "run:end");
    assert.deepEqual(end.summary, { passed: 0, failed: 1, skipped: 1 });
  });

  it("runs nothing when the signal aborted before the run", async () => {
    const controller = new AbortController();
    controller.abort();
    const target = new FakeTarget({});
    const events = await runAll(lesson, { target, signal: controller.signal });
    assert.deepEqual(target.ran, []);
    assert.deepEqual(ofType(events, "step:end").map((e) => e.status), ["skipped", "skipped"]);
  });
});
