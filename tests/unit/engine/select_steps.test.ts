/** Step selection for --from, --to and --only. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { selectSteps, type StepSelection } from "../../../lib/engine/select_steps.ts";
import { fakeLesson } from "./_lesson.ts";

const lesson = fakeLesson(
  ["pull", "network", "redis", "app", "cleanup"].map((id) => ({ id, title: id, commands: [] })),
);

const selected = (selection: StepSelection) => [...selectSteps(lesson, selection)];

describe("selectSteps()", () => {
  const cases: [string, StepSelection, string[]][] = [
    ["every step when nothing is given", {}, ["pull", "network", "redis", "app", "cleanup"]],
    ["an empty --only as nothing given", { only: [] }, [
      "pull",
      "network",
      "redis",
      "app",
      "cleanup",
    ]],
    ["from a step to the end", { from: "redis" }, ["redis", "app", "cleanup"]],
    ["from the start to a step, inclusive", { to: "network" }, ["pull", "network"]],
    ["a range", { from: "network", to: "app" }, ["network", "redis", "app"]],
    ["a range of one", { from: "app", to: "app" }, ["app"]],
    ["only the steps named", { only: ["app", "pull"] }, ["app", "pull"]],
    ["--only over --from and --to", { only: ["redis"], from: "app" }, ["redis"]],
  ];
  for (const [what, selection, expected] of cases) {
    it(`selects ${what}`, () => {
      assert.deepEqual(selected(selection), expected);
    });
  }

  const errors: [string, StepSelection, RegExp][] = [
    [
      "--from",
      { from: "nope" },
      /^Unknown step "nope" in --from for lesson "fake": known steps are pull, network, redis, app, cleanup$/,
    ],
    ["--to", { to: "nope" }, /^Unknown step "nope" in --to /],
    ["--only", { only: ["app", "nope"] }, /^Unknown step "nope" in --only /],
  ];
  for (const [flag, selection, message] of errors) {
    it(`refuses an unknown step in ${flag}, listing the known ones`, () => {
      assert.throws(() => selectSteps(lesson, selection), (error: unknown) => {
        assert.ok(error instanceof RangeError);
        assert.match(error.message, message);
        return true;
      });
    });
  }

  it("refuses --from after --to", () => {
    assert.throws(
      () => selectSteps(lesson, { from: "app", to: "network" }),
      /Cannot run from step "app" to step "network": --from comes after --to/,
    );
  });
});
