import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BackgroundWatch, shellExitProblem } from "../../../lib/engine/shell_effects.ts";
import type { BackgroundJob } from "../../../lib/target/background_jobs.ts";
import type { CommandResult, Target } from "../../../lib/target/types.ts";

const result = (fields: Partial<CommandResult>): CommandResult => ({
  stdout: "",
  stderr: "",
  exitCode: 0,
  durationMs: 1,
  timedOut: false,
  stopped: false,
  ...fields,
});

describe("shellExitProblem()", () => {
  it("shellExitProblem() names an exit the command does not declare", () => {
    assert.equal(
      shellExitProblem({ run: "exit 3" }, result({ exitCode: 3, exitedShell: true })),
      "the command exited the shell (exit status 3), so the next command runs in a new shell " +
        "without its folder and variables; declare exitsShell: true if the lesson means it",
    );
  });

  it("shellExitProblem() names a declared exit that did not happen", () => {
    assert.equal(
      shellExitProblem({ run: "true", exitsShell: true }, result({})),
      "expected the command to exit the shell (exitsShell: true), but the shell is still running",
    );
  });

  it("shellExitProblem() accepts a declared exit, an ordinary command, and a stopped one", () => {
    const exited = result({ exitCode: 3, exitedShell: true });
    assert.equal(shellExitProblem({ run: "exit 3", exitsShell: true }, exited), undefined);
    assert.equal(shellExitProblem({ run: "true" }, result({})), undefined);
    assert.equal(
      shellExitProblem({ run: "ping x", exitsShell: true }, result({ stopped: true })),
      undefined,
    );
  });
});

/** A target whose background jobs are whatever the test says. */
function targetWith(lists: BackgroundJob[][]): Target {
  return {
    name: "fake",
    run: () => Promise.reject(new Error("not used")),
    close: () => Promise.resolve(),
    backgroundJobs: () => Promise.resolve(lists.shift() ?? []),
  };
}

const job = (pgid: number, command: string): BackgroundJob => ({ pgid, pids: [pgid], command });
const step = { id: "s", title: "S", commands: [] };

describe("BackgroundWatch", () => {
  it("afterStep() fails a step that leaves a job, once, and not one that declares it", async () => {
    const server = job(40, "python3 -m http.server");
    const sleeper = job(50, "sleep 4242");
    const watch = new BackgroundWatch(
      targetWith([[server], [server], [server, sleeper], [server, sleeper], [server, sleeper]]),
    );
    assert.deepEqual(await watch.afterStep({ ...step, background: true }), { jobs: [server] });
    assert.deepEqual(await watch.afterStep(step), {
      jobs: [sleeper],
      problem: 'left 1 background job running: "sleep 4242" (process group 50); killed at the ' +
        "end of the run (declare background: true on the step if the lesson means it)",
    });
    assert.deepEqual(await watch.afterStep(step), { jobs: [] });
  });

  it("afterStep() lists again while a job still shows the shell, as a fork does", async () => {
    const forking = job(60, "bash --noprofile --norc");
    const sleeper = job(60, "sleep 4242");
    const lists = [[forking], [forking], [sleeper], [sleeper]];
    const watch = new BackgroundWatch(targetWith(lists));
    const { problem } = await watch.afterStep(step);
    assert.match(problem!, /"sleep 4242" \(process group 60\)/);
    assert.equal(lists.length, 0);
    // A subshell job shows the shell for good: after a few lists, it is reported as it is.
    const subshell = job(70, "sh");
    const again = [[subshell], [subshell], [subshell], [subshell], [subshell], [subshell]];
    const { problem: left } = await new BackgroundWatch(targetWith(again)).afterStep(step);
    assert.match(left!, /"sh" \(process group 70\)/);
    assert.equal(again.length, 2);
  });

  it("afterStep() lists again until the jobs are the same twice, as a launcher execs its program", async () => {
    const launching = job(80, "nohup sleep 4243");
    const sleeper = job(80, "sleep 4243");
    const lists = [[launching], [sleeper], [sleeper], [sleeper]];
    const { problem } = await new BackgroundWatch(targetWith(lists)).afterStep(step);
    assert.match(problem!, /running: "sleep 4243" \(process group 80\);/);
    assert.equal(lists.length, 1);
  });

  it("afterStep() lists once when the step left no job", async () => {
    const lists: BackgroundJob[][] = [[], [job(90, "sleep 1")]];
    assert.deepEqual(await new BackgroundWatch(targetWith(lists)).afterStep(step), { jobs: [] });
    assert.equal(lists.length, 1);
  });

  it("afterStep() reports nothing for a target that cannot list its jobs", async () => {
    const plain: Target = {
      name: "p",
      run: () => Promise.reject(),
      close: () => Promise.resolve(),
    };
    assert.deepEqual(await new BackgroundWatch(plain).afterStep(step), { jobs: [] });
    const failing = { ...plain, backgroundJobs: () => Promise.reject(new Error("gone")) };
    assert.deepEqual(await new BackgroundWatch(failing).afterStep(step), { jobs: [] });
  });
});
