/**
 * Checks without a run, on a fake target: a check's `find` runs only for captures not bound
 * yet, what it and a shell probe capture serves its later probes and the checks after it, a
 * find that finds nothing fails the check with its hint, and runChecks scores only the checks
 * asked for while the ones they need still run.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CheckOutcome } from "../../../lib/engine/events.ts";
import { runCheck } from "../../../lib/engine/run_check.ts";
import { runChecks as runSideBySide } from "../../../lib/engine/run_checks.ts";
import { runChecks } from "../../../lib/engine/selftest_run.ts";
import type { Capture } from "../../../lib/expect/types.ts";
import type { Check } from "../../../lib/lesson/types.ts";
import { FakeTarget } from "../../_fake_target.ts";

const FIND = "ls -dt /tmp/demo.*/ | head -n 1";
const tokenFile: Check = {
  id: "token-file",
  title: "token.txt exists",
  hint: "Make it.",
  find: { kind: "shell", run: FIND, stdout: "{{workdir:/\\/tmp\\/demo\\.\\w+/}}/" },
  probe: { kind: "shell", run: "test -s {{workdir}}/token.txt" },
};
const reuses: Check = {
  id: "reuses",
  title: "the folder is writable",
  hint: "Fix it.",
  probe: { kind: "shell", run: "test -w {{workdir}}" },
};
const bound = (value: string): Record<string, Capture> => ({
  workdir: { type: "/\\/tmp\\/demo\\.\\w+/", value },
});

function context(target: FakeTarget, captures: Record<string, Capture> = {}) {
  return {
    target,
    captures,
    results: new Map<string, CheckOutcome>(),
    probes: {},
    timeoutMs: 5000,
  };
}

describe("runCheck() with find", () => {
  it("finds the capture, then probes with it, and passes", async () => {
    const target = new FakeTarget({
      [FIND]: { stdout: "/tmp/demo.ab12CD/\n" },
      "test -s /tmp/demo.ab12CD/token.txt": {},
    });
    const binds: Record<string, Capture> = {};
    const outcome = await runCheck(tokenFile, { ...context(target), binds });
    assert.equal(outcome.status, "pass", outcome.message);
    assert.deepEqual(target.ran, [FIND, "test -s /tmp/demo.ab12CD/token.txt"]);
    assert.equal(binds.workdir?.value, "/tmp/demo.ab12CD");
    assert.equal(
      outcome.evidence,
      `$ ${FIND}\n/tmp/demo.ab12CD/\n$ test -s /tmp/demo.ab12CD/token.txt`,
    );
  });

  it("skips the find when a run bound the capture", async () => {
    const target = new FakeTarget({ "test -s /tmp/demo.run123/token.txt": {} });
    const outcome = await runCheck(tokenFile, context(target, bound("/tmp/demo.run123")));
    assert.equal(outcome.status, "pass", outcome.message);
    assert.deepEqual(target.ran, ["test -s /tmp/demo.run123/token.txt"]);
  });

  it("fails with the hint and zero points when the find finds nothing", async () => {
    const target = new FakeTarget({ [FIND]: { stdout: "" } });
    const outcome = await runCheck({ ...tokenFile, points: 2 }, context(target));
    assert.equal(outcome.status, "fail");
    assert.deepEqual([outcome.points, outcome.maxPoints], [0, 2]);
    assert.equal(outcome.hint, "Make it.");
    assert.match(outcome.message ?? "", /^found no "workdir": missing line /);
    assert.deepEqual(target.ran, [FIND]);
  });

  it("lets a shell probe's capture serve the probes after it in the list", async () => {
    const target = new FakeTarget({ pwd: { stdout: "/srv/app\n" }, "test -d /srv/app/x": {} });
    const outcome = await runCheck({
      ...reuses,
      probe: [
        { kind: "shell", run: "pwd", stdout: "{{here:/\\S+/}}" },
        { kind: "shell", run: "test -d {{here}}/x" },
      ],
    }, context(target));
    assert.equal(outcome.status, "pass", outcome.message);
  });

  it("fails a probe whose capture nothing found, naming it, instead of erring", async () => {
    const target = new FakeTarget({});
    const outcome = await runCheck(reuses, context(target));
    assert.equal(outcome.status, "fail");
    assert.equal(outcome.message, 'cannot look without "workdir": nothing found it on the target');
    assert.deepEqual(target.ran, []);
  });
});

describe("runChecks() with what checks find", () => {
  it("hands what a check found to the checks after it", async () => {
    const target = new FakeTarget({
      [FIND]: { stdout: "/tmp/demo.ab12CD/\n" },
      "test -s /tmp/demo.ab12CD/token.txt": {},
      "test -w /tmp/demo.ab12CD": {},
    });
    const outcomes = await runChecks([tokenFile, reuses], target, {}, {}, 5000);
    assert.deepEqual(outcomes.map((o) => [o.id, o.status]), [
      ["token-file", "pass"],
      ["reuses", "pass"],
    ]);
  });

  it("scores only the checks asked for; the others run for what they find", async () => {
    const target = new FakeTarget({
      [FIND]: { stdout: "/tmp/demo.ab12CD/\n" },
      "test -s /tmp/demo.ab12CD/token.txt": { exitCode: 1 },
      "test -w /tmp/demo.ab12CD": {},
    });
    const heard: string[] = [];
    const outcomes = await runChecks([tokenFile, reuses], target, {}, {}, 5000, {
      scored: new Set(["reuses"]),
      onOutcome: (o) => heard.push(o.id),
    });
    assert.deepEqual(outcomes.map((o) => [o.id, o.status, o.points]), [["reuses", "pass", 1]]);
    assert.deepEqual(heard, ["reuses"]);
    assert.equal(target.ran.length, 3);
  });

  it("leaves the captures it was given as they were", async () => {
    const given = {};
    const target = new FakeTarget({
      [FIND]: { stdout: "/tmp/demo.ab12CD/\n" },
      "test -s /tmp/demo.ab12CD/token.txt": {},
    });
    await runChecks([tokenFile], target, {}, given, 5000);
    assert.deepEqual(given, {});
  });
});

describe("runChecks() side by side (grading) with what checks find", () => {
  it("starts a check that uses a found capture only once the check finding it is done", async () => {
    const target = new FakeTarget({
      [FIND]: { stdout: "/tmp/demo.ab12CD/\n", delayMs: 50 },
      "test -s /tmp/demo.ab12CD/token.txt": {},
      "test -w /tmp/demo.ab12CD": {},
    });
    const found: Record<string, Capture> = {};
    const outcomes = await runSideBySide([tokenFile, reuses], {
      concurrency: 4,
      run: (c, results) =>
        runCheck(c, { ...context(target), captures: found, binds: found, results }),
    });
    assert.deepEqual(outcomes.map((o) => [o.id, o.status]), [
      ["token-file", "pass"],
      ["reuses", "pass"],
    ]);
    assert.deepEqual(target.ran, [
      FIND,
      "test -s /tmp/demo.ab12CD/token.txt",
      "test -w /tmp/demo.ab12CD",
    ]);
  });
});
