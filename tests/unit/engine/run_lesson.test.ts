/**
 * The orchestrator against a fake target: order, failure semantics, captures between commands,
 * the event stream, offline skips, time limits and Ctrl-C.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TargetError } from "../../../lib/target/types.ts";
import { FakeTarget } from "../../_fake_target.ts";
import { fakeLesson, ofType, runAll, trace } from "./_lesson.ts";

const ok = (stdout = "") => ({ stdout, exitCode: 0 });

describe("runLesson(): order and events", () => {
  const lesson = fakeLesson([
    {
      id: "make",
      title: "Make it",
      commands: [{ run: "echo one", stdout: "one" }, { run: "echo two" }],
      checks: [{
        id: "made",
        title: "It is made",
        hint: "make it",
        probe: { kind: "shell", run: "test -f made" },
      }],
    },
    { id: "use", title: "Use it", commands: [{ run: "echo three", stdout: "three" }] },
  ]);

  it("runs steps, then commands, then checks, in order, with one event per thing", async () => {
    const target = new FakeTarget({
      "echo one": ok("one\n"),
      "echo two": ok("two\n"),
      "test -f made": ok(),
      "echo three": ok("three\n"),
    });
    const events = await runAll(lesson, { target });
    assert.deepEqual(target.ran, ["echo one", "echo two", "test -f made", "echo three"]);
    assert.deepEqual(trace(events), [
      "run:start",
      "step:start make",
      "command:start make#0",
      "command:end make#0 passed",
      "command:start make#1",
      "command:end make#1 passed",
      "check:end made pass",
      "step:end make passed",
      "step:start use",
      "command:start use#0",
      "command:end use#0 passed",
      "step:end use passed",
      "run:end",
    ]);
    const [start] = ofType(events, "run:start");
    assert.equal(start.lesson, "fake");
    assert.equal(start.target, "fake");
    assert.deepEqual(start.steps.map((s) => [s.id, s.file, s.selected]), [
      ["make", "lessons/fake/steps/make.ts", true],
      ["use", "lessons/fake/steps/use.ts", true],
    ]);
    const [end] = ofType(events, "run:end");
    assert.deepEqual(end.summary, { passed: 2, failed: 0, skipped: 0 });
  });

  it("announces every step but runs only the selected ones", async () => {
    const target = new FakeTarget({ "echo three": ok("three\n") });
    const events = await runAll(lesson, { target, only: ["use"] });
    assert.deepEqual(target.ran, ["echo three"]);
    const [start] = ofType(events, "run:start");
    assert.deepEqual(start.steps.map((s) => s.selected), [false, true]);
    assert.deepEqual(ofType(events, "step:start").map((e) => e.step), ["use"]);
  });

  it("leaves the checks out with checks: false", async () => {
    const target = new FakeTarget({ "echo one": ok("one\n"), "echo three": ok("three\n") });
    const events = await runAll(lesson, { target, checks: false });
    assert.ok(!target.ran.includes("test -f made"));
    assert.equal(ofType(events, "check:end").length, 0);
  });

  it("calls afterChecks after a step's checks and before the next step's commands", async () => {
    const target = new FakeTarget({
      "echo one": ok("one\n"),
      "echo two": ok("two\n"),
      "test -f made": ok(),
      "echo three": ok("three\n"),
    });
    const calls: string[][] = [];
    await runAll(lesson, {
      target,
      afterChecks: () => Promise.resolve(void calls.push([...target.ran])),
    });
    // Once, for the only step with checks, when its check had run and nothing after it.
    assert.deepEqual(calls, [["echo one", "echo two", "test -f made"]]);
    calls.length = 0;
    await runAll(lesson, {
      target,
      checks: false,
      afterChecks: () => Promise.resolve(void calls.push([])),
    });
    assert.deepEqual(calls, []);
  });

  it("refuses an unknown step before running anything", async () => {
    const target = new FakeTarget({});
    await assert.rejects(runAll(lesson, { target, from: "nope" }), RangeError);
    assert.deepEqual(target.ran, []);
  });
});

describe("runLesson(): a failure fails its step and the run goes on", () => {
  const lesson = fakeLesson([
    {
      id: "first",
      title: "First",
      commands: [{ run: "false" }, { run: "echo after", stdout: "after" }],
    },
    {
      id: "second",
      title: "Second",
      commands: [{ run: "echo hi", stdout: "hello" }, { run: "true" }],
    },
    { id: "third", title: "Third", commands: [{ run: "true" }] },
  ]);

  it("runs every later command and step, and reports each difference", async () => {
    const target = new FakeTarget({
      "false": { exitCode: 1 },
      "echo after": ok("after\n"),
      "echo hi": ok("hi\n"),
      "true": ok(),
    });
    const events = await runAll(lesson, { target });
    assert.deepEqual(target.ran, ["false", "echo after", "echo hi", "true", "true"]);
    assert.deepEqual(ofType(events, "step:end").map((e) => [e.step, e.status]), [
      ["first", "failed"],
      ["second", "failed"],
      ["third", "passed"],
    ]);
    const outcomes = ofType(events, "command:end").map((e) => e.outcome);
    assert.equal(outcomes[0].status, "failed");
    assert.equal(outcomes[0].reason, "exit: expected exit code 0, got 1");
    assert.equal(outcomes[1].status, "passed");
    assert.equal(outcomes[2].status, "failed");
    assert.match(outcomes[2].reason ?? "", /^stdout: /);
    const [end] = ofType(events, "run:end");
    assert.deepEqual(end.summary, { passed: 1, failed: 2, skipped: 0 });
  });

  it("fails a step whose commands passed when one of its checks does not pass", async () => {
    const checked = fakeLesson([{
      id: "only",
      title: "Only",
      commands: [{ run: "true" }],
      checks: [{ id: "c", title: "C", hint: "h", probe: { kind: "shell", run: "false" } }],
    }]);
    const events = await runAll(checked, {
      target: new FakeTarget({ "true": ok(), "false": { exitCode: 1 } }),
    });
    assert.deepEqual(trace(events).slice(-3), [
      "check:end c fail",
      "step:end only failed",
      "run:end",
    ]);
  });

  it("reports a command the target cannot run as an error, and goes on", async () => {
    const target = new FakeTarget({
      "false": { throws: new TargetError("Cannot reach fake: connection lost") },
      "echo after": ok("after\n"),
      "echo hi": ok("hello\n"),
      "true": ok(),
    });
    const events = await runAll(lesson, { target });
    const [first] = ofType(events, "command:end");
    assert.equal(first.outcome.status, "error");
    assert.equal(first.outcome.reason, "Cannot reach fake: connection lost");
    assert.deepEqual(ofType(events, "step:end").map((e) => e.status), [
      "failed",
      "passed",
      "passed",
    ]);
  });

  it("accepts the exit codes a command expects", async () => {
    const codes = fakeLesson([{
      id: "codes",
      title: "Codes",
      commands: [
        { run: "grep x", exitCode: 1 },
        { run: "ls /nope", exitCode: "nonzero" },
        { run: "maybe", exitCode: "any" },
        { run: "grep y", exitCode: 1 },
      ],
    }]);
    const target = new FakeTarget({
      "grep x": { exitCode: 1 },
      "ls /nope": { exitCode: 2 },
      "maybe": { exitCode: 7 },
      "grep y": { exitCode: 0 },
    });
    const events = await runAll(codes, { target });
    assert.deepEqual(ofType(events, "command:end").map((e) => e.outcome.status), [
      "passed",
      "passed",
      "passed",
      "failed",
    ]);
  });
});

describe("runLesson(): captures flow between commands", () => {
  it("substitutes what an earlier command bound into later commands and probes", async () => {
    const id = "4a7d8f9e3c2b1a0f4a7d8f9e3c2b1a0f4a7d8f9e3c2b1a0f4a7d8f9e3c2b1a0f";
    const lesson = fakeLesson([
      { id: "create", title: "Create", commands: [{ run: "make net", stdout: "{{net_id:hex}}" }] },
      {
        id: "inspect",
        title: "Inspect",
        commands: [{ run: "inspect {{net_id}}", stdout: "{{net_id}}" }],
        checks: [{
          id: "there",
          title: "There",
          hint: "h",
          probe: { kind: "shell", run: "ls {{net_id}}" },
        }],
      },
    ]);
    const target = new FakeTarget({
      "make net": ok(`${id}\n`),
      [`inspect ${id}`]: ok(`${id.slice(0, 12)}\n`),
      [`ls ${id}`]: ok(),
    });
    const events = await runAll(lesson, { target });
    assert.deepEqual(target.ran, ["make net", `inspect ${id}`, `ls ${id}`]);
    const inspect = ofType(events, "command:end")[1].outcome;
    assert.equal(inspect.command, "inspect {{net_id}}");
    assert.equal(inspect.ran, `inspect ${id}`);
    assert.equal(inspect.status, "passed");
    assert.equal(ofType(events, "check:end")[0].outcome.status, "pass");
  });

  it("errors on a command whose capture nothing bound, without running it", async () => {
    const lesson = fakeLesson([
      { id: "a", title: "A", commands: [{ run: "make", stdout: "{{tok:word}}" }] },
      { id: "b", title: "B", commands: [{ run: "use {{tok}}" }] },
    ]);
    const target = new FakeTarget({ make: ok("") });
    const events = await runAll(lesson, { target });
    assert.deepEqual(target.ran, ["make"]);
    const use = ofType(events, "command:end")[1].outcome;
    assert.equal(use.status, "error");
    assert.match(use.reason ?? "", /tok/);
  });
});
