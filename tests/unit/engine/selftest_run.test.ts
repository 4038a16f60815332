/**
 * The self-test against a fake target: its phases (clean, finished, each broken state) and
 * what it calls between them. A phase's checks must be over, and what they kept removed
 * (afterChecks), before the commands of the next phase run.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { selfTest } from "../../../lib/engine/selftest_run.ts";
import { FakeTarget } from "../../_fake_target.ts";
import { fakeLesson } from "./_lesson.ts";

const lesson = fakeLesson([{
  id: "make",
  title: "Make it",
  commands: [{ run: "touch made" }],
  checks: [{
    id: "made",
    title: "It is made",
    hint: "make it",
    probe: { kind: "shell", run: "test -f made" },
  }],
}]);

const spec = {
  finishedAfter: "make",
  broken: [{
    id: "gone",
    title: "It is gone",
    break: ["rm made"],
    repair: ["touch made"],
    fails: ["made"],
  }],
};

describe("selfTest()", () => {
  it("passes each phase, calling afterChecks after every phase's checks", async () => {
    const target = new FakeTarget({
      "touch made": { exitCode: 0 },
      "rm made": { exitCode: 0 },
      // Clean: missing; finished: there; broken: missing again.
      "test -f made": [{ exitCode: 1 }, { exitCode: 0 }, { exitCode: 1 }],
    });
    const calls: string[][] = [];
    const phases = await selfTest(lesson, spec, {
      target,
      probes: {},
      afterChecks: () => Promise.resolve(void calls.push([...target.ran])),
    });
    assert.deepEqual(phases.map((p) => [p.id, p.ok, p.problems]), [
      ["clean", true, []],
      ["finished", true, []],
      ["broken:gone", true, []],
    ]);
    assert.deepEqual(calls, [
      ["test -f made"],
      ["test -f made", "touch made", "test -f made"],
      ["test -f made", "touch made", "test -f made", "rm made", "test -f made"],
    ]);
  });

  it("still calls afterChecks when a phase's check does not pass as it should", async () => {
    const target = new FakeTarget({
      "touch made": { exitCode: 0 },
      "test -f made": { exitCode: 0 },
    });
    let calls = 0;
    const phases = await selfTest(lesson, { ...spec, broken: [] }, {
      target,
      probes: {},
      afterChecks: () => Promise.resolve(void calls++),
    });
    assert.deepEqual(phases.map((p) => [p.id, p.ok]), [["clean", false], ["finished", true]]);
    assert.equal(calls, 2);
  });
});
