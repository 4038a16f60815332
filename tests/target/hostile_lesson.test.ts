import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SshdFixture, sshTargetArgs, startSshd } from "../ssh/_sshd.ts";
import {
  type CliChild,
  hostileSteps,
  nap,
  processesInGroup,
  processesWith,
  runCli,
  waitFor,
  writeLesson,
} from "./_hostile.ts";

/** How long one CLI run may take, start-up included, before it counts as hung. */
const LIMIT_MS = 90_000;

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function lesson(steps: Record<string, unknown>[]): string {
  const dir = writeLesson(steps);
  dirs.push(dir);
  return dir;
}

/** Nothing the run started is alive: not in its process group, not by the test's sleep durations. */
function assertNothingLeft(run: CliChild): void {
  assert.deepEqual(processesInGroup(run.pid), [], "processes left in the CLI's process group");
  assert.deepEqual(processesWith(`.${process.pid}`).filter((p) => / sleep \d+\./.test(p)), []);
}

/** The hostile lesson's verdicts, the same on every target. */
function assertHostileRun(run: CliChild): void {
  assert.equal(run.code, 1, run.out + run.err);
  assert.ok(run.ms < LIMIT_MS, `the CLI took ${run.ms} ms`);
  const failed = run.out.split("\n").filter((line) => line.startsWith("✖"));
  assert.equal(failed.length, 2, run.out);
  assert.match(
    failed[0],
    new RegExp(
      `^✖ 1/9 bg  Jobs left running +[\\d.]+ m?s \\(left 2 background jobs running: ` +
        `"sleep ${_escaped(nap(4242))}" \\(process group \\d+\\), "sleep ${_escaped(nap(4243))}" ` +
        `\\(process group \\d+\\); killed at the end of the run \\(declare background: true on ` +
        `the step if the lesson means it\\)\\)$`,
    ),
  );
  assert.match(failed[1], /^✖ 5\/9 exit {2}An exit nobody expected /);
  assert.match(
    run.out,
    /\n {4}failed \$ exit 3: the command exited the shell \(exit status 3\), so the next command runs in a new shell without its folder and variables; declare exitsShell: true if the lesson means it\n/,
  );
  assert.match(run.out, /\n7 passed, 2 failed\n$/);
  assert.doesNotMatch(run.out + run.err, /__RL_|__rl_[a-z]+=/);
}

function _escaped(text: string): string {
  return text.replaceAll(".", "\\.");
}

describe("a lesson whose commands attack their own shell, on the local target", () => {
  it("the CLI ends, gives a one-line reason per failing step, and leaves no process", async () => {
    const run = await runCli(["run", lesson(hostileSteps())], LIMIT_MS);
    assertHostileRun(run);
    assertNothingLeft(run);
  });

  it("the CLI refuses a stop pattern of two lines at load, naming the field, and runs nothing", async () => {
    const dir = lesson([{
      id: "two-lines",
      title: "A stop pattern of two lines",
      commands: [{
        run: `sleep ${nap(4247)}`,
        stop: { kind: "pattern", pattern: "one\ntwo" },
      }],
    }]);
    const run = await runCli(["run", dir], LIMIT_MS);
    assert.equal(run.code, 2, run.out + run.err);
    assert.equal(run.out, "");
    assert.match(
      run.err,
      /^run-lesson: Cannot load step "[^"]*steps\/01\.ts": "commands\[0\]\.stop\.pattern" must be one line: a stop pattern is matched against each line of output, got "one\\ntwo"\n$/,
    );
    assertNothingLeft(run);
  });

  it("Ctrl-C ends a run whose shell had its stdout closed, killing the running command", async () => {
    const dir = lesson([{
      id: "closed-then-long",
      title: "Closed stdout, then a long command",
      commands: [{ run: "exec >&-" }, { run: `sleep ${nap(4246)}`, timeoutMs: 120_000 }],
    }]);
    let sent = false;
    const run = await runCli(["run", dir], LIMIT_MS, (pid) => {
      void waitFor(() => processesWith(`sleep ${nap(4246)}`).length > 0, LIMIT_MS).then(() => {
        sent = true;
        process.kill(pid, "SIGINT");
      });
    });
    assert.equal(sent, true);
    assert.equal(run.code, 130, run.out + run.err);
    assertNothingLeft(run);
  });
});

describe("a lesson whose commands attack their own shell, on an SSH target", () => {
  let sshd: SshdFixture;
  let knownHosts: string;
  let dir: string;

  before(async () => {
    sshd = await startSshd();
    dir = mkdtempSync(join(tmpdir(), "rl-hostile-ssh-"));
    knownHosts = join(dir, "known_hosts");
    writeFileSync(knownHosts, `${sshd.knownHostsLine}\n`);
  });

  after(async () => {
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const sshArgs = () => sshTargetArgs(sshd, knownHosts);

  it("the CLI ends, gives a one-line reason per failing step, and leaves no process", async () => {
    const run = await runCli(["run", lesson(hostileSteps()), ...sshArgs()], LIMIT_MS);
    assertHostileRun(run);
    // The remote shell's processes are this machine's too (the sshd is local).
    assert.ok(
      await waitFor(() => processesWith(`.${process.pid}`).every((p) => !/ sleep /.test(p)), 5_000),
      processesWith(`.${process.pid}`).join("\n"),
    );
    assertNothingLeft(run);
  });

  it("Ctrl-C ends a remote run whose shell had its stdout closed", async () => {
    const steps = [{
      id: "closed-then-long",
      title: "Closed stdout, then a long command",
      commands: [{ run: "exec >&-" }, { run: `sleep ${nap(4248)}`, timeoutMs: 120_000 }],
    }];
    const run = await runCli(["run", lesson(steps), ...sshArgs()], LIMIT_MS, (pid) => {
      void waitFor(() => processesWith(`sleep ${nap(4248)}`).length > 0, LIMIT_MS).then(() =>
        process.kill(pid, "SIGINT")
      );
    });
    assert.equal(run.code, 130, run.out + run.err);
    assert.ok(await waitFor(() => processesWith(`sleep ${nap(4248)}`).length === 0, 5_000));
    assertNothingLeft(run);
  });
});
