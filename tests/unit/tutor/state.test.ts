import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type PollOutcome,
  shownHints,
  stepPasses,
  type Transition,
  tutorReduce,
  tutorStart,
  type TutorState,
  type TutorStep,
} from "../../../lib/tutor/state.ts";

const STEPS: TutorStep[] = [
  { id: "intro", title: "Intro", checks: [] },
  {
    id: "net",
    title: "Network",
    checks: [{ id: "net-exists", title: "the network exists", hint: "create it" }],
  },
  {
    id: "svc",
    title: "Services",
    checks: [
      { id: "redis", title: "redis runs", hint: "start redis" },
      { id: "pg", title: "postgres runs", hint: "start postgres" },
    ],
  },
];

const pass = (id: string): PollOutcome => ({ id, status: "pass" });
const fail = (id: string, message = "missing"): PollOutcome => ({ id, status: "fail", message });

/** Applies events in order; returns the last transition and every effect seen. */
function play(start: Transition, ...events: Parameters<typeof tutorReduce>[1][]) {
  let t = start;
  const effects = [...start.effects];
  for (const event of events) {
    t = tutorReduce(t.state, event);
    effects.push(...t.effects);
  }
  return { state: t.state, last: t.effects, effects };
}

const token = (state: TutorState) => state.polling!;

describe("tutorStart()", () => {
  it("enters the first step, saves it, and does not poll a step without checks", () => {
    const t = tutorStart(STEPS, { now: 0 });
    assert.deepEqual(t.effects, [
      { kind: "enter", index: 0 },
      { kind: "save", step: "intro", finished: false },
    ]);
    assert.equal(t.state.polling, undefined);
    assert.equal(tutorReduce(t.state, { type: "tick", now: 10_000 }).effects.length, 0);
  });

  it("resumes at a saved step and polls its checks at once", () => {
    const t = tutorStart(STEPS, { index: 1, now: 0 });
    assert.deepEqual(t.effects, [
      { kind: "enter", index: 1 },
      { kind: "save", step: "net", finished: false },
      { kind: "poll", token: 1, step: "net", checks: ["net-exists"] },
    ]);
    assert.deepEqual(t.state.checks.map((c) => c.status), ["pending"]);
  });

  it("clamps the index and resumes a finished lesson at its end", () => {
    assert.equal(tutorStart(STEPS, { index: 99, now: 0 }).state.index, 2);
    const t = tutorStart(STEPS, { index: 1, finished: true, now: 0 });
    assert.equal(t.state.finished, true);
    assert.deepEqual(t.effects, [{ kind: "finished" }]);
  });

  it("refuses a lesson without steps", () => {
    assert.throws(() => tutorStart([], { now: 0 }), /the lesson has no steps/);
  });
});

describe("tutorReduce()", () => {
  it("ticks a check off, and moves on when every check of the step passes", () => {
    const start = tutorStart(STEPS, { index: 2, now: 0 });
    const first = play(start, {
      type: "poll-result",
      token: 1,
      outcomes: [pass("redis"), fail("pg")],
      now: 100,
    });
    assert.deepEqual(first.state.checks.map((c) => c.status), ["pass", "fail"]);
    assert.equal(first.state.checks[1].message, "missing");
    assert.equal(stepPasses(first.state), false);
    // Not due yet: no second poll before the interval.
    assert.deepEqual(tutorReduce(first.state, { type: "tick", now: 1000 }).effects, []);
    const second = play(
      { state: first.state, effects: [] },
      { type: "tick", now: 2100 },
      { type: "poll-result", token: 2, outcomes: [pass("redis"), pass("pg")], now: 2200 },
    );
    assert.deepEqual(second.last, [
      { kind: "step-done", index: 2 },
      { kind: "finished" },
      { kind: "save", step: "svc", finished: true },
    ]);
    assert.equal(second.state.finished, true);
  });

  it("advances to the next step and polls it when the step comes to pass", () => {
    const t = play(
      tutorStart(STEPS, { index: 1, now: 0 }),
      { type: "poll-result", token: 1, outcomes: [fail("net-exists")], now: 50 },
      { type: "tick", now: 2050 },
      { type: "poll-result", token: 2, outcomes: [pass("net-exists")], now: 2100 },
    );
    assert.deepEqual(t.last, [
      { kind: "step-done", index: 1 },
      { kind: "enter", index: 2 },
      { kind: "save", step: "svc", finished: false },
      { kind: "poll", token: 3, step: "svc", checks: ["redis", "pg"] },
    ]);
    assert.deepEqual(t.state.checks.map((c) => c.status), ["pending", "pending"]);
  });

  it("stays on a step whose checks pass on arrival until n, so it is not skipped unread", () => {
    const t = play(tutorStart(STEPS, { index: 1, now: 0 }), {
      type: "poll-result",
      token: 1,
      outcomes: [pass("net-exists")],
      now: 50,
    });
    assert.deepEqual(t.last, []);
    assert.equal(t.state.index, 1);
    assert.equal(stepPasses(t.state), true);
    assert.equal(t.state.sawFailing, false);
    const again = play(
      { state: t.state, effects: [] },
      { type: "tick", now: 2050 },
      { type: "poll-result", token: 2, outcomes: [pass("net-exists")], now: 2100 },
    );
    assert.equal(again.state.index, 1);
    assert.equal(tutorReduce(again.state, { type: "key", key: "n", now: 2200 }).state.index, 2);
  });

  it("never starts a second poll while one is in flight; c then polls right after it", () => {
    const start = tutorStart(STEPS, { index: 1, now: 0 });
    const during = play(start, { type: "tick", now: 5000 }, {
      type: "key",
      key: "c",
      now: 5000,
    });
    assert.equal(during.effects.filter((e) => e.kind === "poll").length, 1);
    assert.equal(during.state.pollWanted, true);
    const after = tutorReduce(during.state, {
      type: "poll-result",
      token: 1,
      outcomes: [fail("net-exists")],
      now: 6000,
    });
    assert.deepEqual(after.effects, [
      { kind: "poll", token: 2, step: "net", checks: ["net-exists"] },
    ]);
  });

  it("c polls at once when no poll is in flight", () => {
    const t = play(tutorStart(STEPS, { index: 1, now: 0 }), {
      type: "poll-result",
      token: 1,
      outcomes: [fail("net-exists")],
      now: 10,
    }, { type: "key", key: "c", now: 20 });
    assert.deepEqual(t.last, [{ kind: "poll", token: 2, step: "net", checks: ["net-exists"] }]);
  });

  it("shows the hints of failing checks after three failing polls in a row", () => {
    let t: Transition = tutorStart(STEPS, { index: 2, now: 0 });
    for (let i = 1; i <= 3; i++) {
      assert.deepEqual(shownHints(t.state), [], `before poll ${i}`);
      t = tutorReduce(t.state, {
        type: "poll-result",
        token: token(t.state),
        outcomes: [pass("redis"), fail("pg")],
        now: i * 3000,
      });
      if (i < 3) t = tutorReduce(t.state, { type: "tick", now: i * 3000 + 2000 });
    }
    assert.equal(t.state.failingPolls, 3);
    assert.deepEqual(shownHints(t.state).map((c) => [c.id, c.hint]), [["pg", "start postgres"]]);
  });

  it("h shows the hints at once", () => {
    const t = play(tutorStart(STEPS, { index: 2, now: 0 }), {
      type: "key",
      key: "h",
      now: 1,
    });
    assert.deepEqual(shownHints(t.state).map((c) => c.id), ["redis", "pg"]);
  });

  it("ignores the result of a poll of a step the learner left, and polls the new step", () => {
    const t = play(
      tutorStart(STEPS, { index: 1, now: 0 }),
      { type: "key", key: "n", now: 10 },
    );
    assert.deepEqual(t.last, [
      { kind: "enter", index: 2 },
      { kind: "save", step: "svc", finished: false },
    ]);
    assert.equal(t.state.pollWanted, true);
    const after = tutorReduce(t.state, {
      type: "poll-result",
      token: 1,
      outcomes: [pass("net-exists")],
      now: 20,
    });
    assert.deepEqual(after.effects, [
      { kind: "poll", token: 2, step: "svc", checks: ["redis", "pg"] },
    ]);
    assert.equal(after.state.index, 2);
    assert.deepEqual(after.state.checks.map((c) => c.status), ["pending", "pending"]);
  });

  it("n and p move between steps, p does nothing on the first, n past the last finishes", () => {
    const start = tutorStart(STEPS, { now: 0 });
    assert.deepEqual(tutorReduce(start.state, { type: "key", key: "p", now: 1 }).effects, []);
    const end = play(
      start,
      { type: "key", key: "n", now: 1 },
      { type: "poll-result", token: 1, outcomes: [fail("net-exists")], now: 2 },
      { type: "key", key: "n", now: 3 },
      { type: "poll-result", token: 2, outcomes: [fail("redis"), fail("pg")], now: 4 },
      { type: "key", key: "n", now: 5 },
    );
    assert.equal(end.state.finished, true);
    assert.deepEqual(end.last, [{ kind: "finished" }, {
      kind: "save",
      step: "svc",
      finished: true,
    }]);
    assert.deepEqual(tutorReduce(end.state, { type: "key", key: "n", now: 6 }).effects, []);
    const back = tutorReduce(end.state, { type: "key", key: "p", now: 7 });
    assert.equal(back.state.finished, false);
    assert.deepEqual(back.effects, [
      { kind: "enter", index: 2 },
      { kind: "save", step: "svc", finished: false },
      { kind: "poll", token: 3, step: "svc", checks: ["redis", "pg"] },
    ]);
  });

  it("a new step starts with its hints hidden and its failing polls at zero", () => {
    const t = play(
      tutorStart(STEPS, { index: 1, now: 0 }),
      { type: "key", key: "h", now: 1 },
      { type: "key", key: "s", now: 1 },
      { type: "poll-result", token: 1, outcomes: [fail("net-exists")], now: 2 },
      { type: "key", key: "n", now: 3 },
    );
    assert.equal(t.state.hintsShown, false);
    assert.equal(t.state.solutionShown, false);
    assert.equal(t.state.failingPolls, 0);
    assert.ok(t.effects.some((e) => e.kind === "solution" && e.index === 1));
  });

  it("p goes back to a step that passes and stays there until n", () => {
    const done = play(
      tutorStart(STEPS, { index: 1, now: 0 }),
      { type: "poll-result", token: 1, outcomes: [fail("net-exists")], now: 1 },
      { type: "key", key: "c", now: 2 },
      { type: "poll-result", token: 2, outcomes: [pass("net-exists")], now: 3 },
    );
    assert.equal(done.state.index, 2);
    const back = play(
      { state: done.state, effects: [] },
      { type: "key", key: "p", now: 4 },
      { type: "poll-result", token: 3, outcomes: [fail("redis"), fail("pg")], now: 5 },
      { type: "poll-result", token: 4, outcomes: [pass("net-exists")], now: 6 },
    );
    assert.equal(back.state.index, 1);
    assert.equal(stepPasses(back.state), true);
    assert.ok(!back.last.some((e) => e.kind === "step-done"));
    assert.equal(tutorReduce(back.state, { type: "key", key: "n", now: 7 }).state.index, 2);
  });

  it("q quits, and nothing happens after it", () => {
    const t = play(tutorStart(STEPS, { index: 1, now: 0 }), { type: "key", key: "q", now: 1 });
    assert.deepEqual(t.last, [{ kind: "quit" }]);
    assert.equal(t.state.quit, true);
    assert.deepEqual(tutorReduce(t.state, { type: "key", key: "n", now: 2 }).effects, []);
  });

  it("a check missing from a poll's outcomes stays pending", () => {
    const t = play(tutorStart(STEPS, { index: 2, now: 0 }), {
      type: "poll-result",
      token: 1,
      outcomes: [pass("redis")],
      now: 1,
    });
    assert.deepEqual(t.state.checks.map((c) => c.status), ["pass", "pending"]);
    assert.equal(t.state.index, 2);
  });
});
