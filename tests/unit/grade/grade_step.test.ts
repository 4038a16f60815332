/**
 * Grading one step (grade --step, --upto) with stand-in hosts: only the checks asked for are
 * scored and reported, while the earlier checks they need (one that finds a folder they look
 * in) still run first on each host, and what a check finds on one host never serves another.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { selectChecks } from "../../../lib/engine/select_checks.ts";
import type { StudentHost } from "../../../lib/grade/inventory.ts";
import type { Lesson } from "../../../lib/lesson/types.ts";
import { gradeClass } from "../../../runner/grade/grade_class.ts";
import type { PreparedTarget } from "../../../runner/targets.ts";
import { FakeTarget } from "../../_fake_target.ts";

const FIND = "ls -d /srv/box.*";
const lesson = {
  id: "boxes",
  dir: "/",
  index: { title: "Boxes", steps: [] },
  steps: [
    {
      id: "make",
      title: "Make a box",
      file: "lessons/boxes/steps/01_make.ts",
      commands: [],
      checks: [{
        id: "box-made",
        title: "the box exists",
        hint: "Make it.",
        find: { kind: "shell", run: FIND, stdout: "{{box:/\\/srv\\/box\\.\\w+/}}" },
        probe: { kind: "shell", run: "test -d {{box}}" },
      }],
    },
    {
      id: "seal",
      title: "Seal it",
      file: "lessons/boxes/steps/02_seal.ts",
      commands: [],
      checks: [{
        id: "sealed",
        title: "the box is sealed",
        hint: "Seal it.",
        points: 2,
        probe: { kind: "shell", run: "test -e {{box}}/seal" },
      }],
    },
  ],
} as unknown as Lesson;

const hosts = (...ids: string[]): StudentHost[] =>
  ids.map((id) => ({ id, host: "127.0.0.1", port: 22, user: "u" }));

describe("gradeClass() with a selection of checks", () => {
  it("scores only the step asked for; the check finding its folder runs first, per host", async () => {
    const targets: Record<string, FakeTarget> = {
      ada: new FakeTarget({
        [FIND]: { stdout: "/srv/box.ada1\n" },
        "test -d /srv/box.ada1": {},
        "test -e /srv/box.ada1/seal": {},
      }),
      bob: new FakeTarget({
        [FIND]: { stdout: "/srv/box.bob2\n" },
        "test -d /srv/box.bob2": {},
        "test -e /srv/box.bob2/seal": { exitCode: 1 },
      }),
    };
    const open = (host: StudentHost): Promise<PreparedTarget> =>
      Promise.resolve({
        target: targets[host.id],
        probes: {},
        leftovers: () => Promise.resolve([]),
        finish: () => Promise.resolve(),
      } as unknown as PreparedTarget);
    const { results } = await gradeClass({
      lesson,
      checks: selectChecks(lesson, { step: "seal" }),
      hosts: hosts("ada", "bob"),
      jobs: 2,
      checkTimeoutMs: 5000,
      hostTimeoutMs: 10_000,
      open,
    });
    assert.deepEqual(
      results.map((r) => [r.id, r.status, r.score, r.maxScore, r.checks.map((c) => c.id)]),
      [["ada", "graded", 2, 2, ["sealed"]], ["bob", "graded", 0, 2, ["sealed"]]],
    );
    assert.deepEqual(targets.bob.ran, [
      FIND,
      "test -d /srv/box.bob2",
      "test -e /srv/box.bob2/seal",
    ]);
  });
});
