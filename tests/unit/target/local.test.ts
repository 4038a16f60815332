import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalTarget } from "../../../lib/target/local.ts";

const target = new LocalTarget();
after(() => target.close());
const run = (command: string, options: Partial<Parameters<LocalTarget["run"]>[1]> = {}) =>
  target.run(command, { timeoutMs: 10_000, ...options });

describe("LocalTarget", () => {
  it("run() keeps the working folder and variables between commands", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rl-local-"));
    try {
      await run(`cd ${dir}`);
      await run("GREETING=hello");
      const r = await run('echo "$GREETING from $(pwd)"');
      assert.equal(r.stdout, `hello from ${dir}\n`);
      assert.equal(r.exitCode, 0);
    } finally {
      rmSync(dir, { recursive: true });
      await run("cd /");
    }
  });

  it("run() keeps stdout and stderr apart and returns the exit code", async () => {
    const r = await run("echo out; echo err >&2; exit_code() { return 3; }; exit_code");
    assert.deepEqual([r.stdout, r.stderr, r.exitCode], ["out\n", "err\n", 3]);
  });

  it("run() keeps output that does not end with a newline", async () => {
    const r = await run("printf 'no newline'");
    assert.equal(r.stdout, "no newline");
  });

  it("run() gives each command /dev/null as stdin, so a reader cannot swallow the next command", async () => {
    const r = await run("cat; echo after-cat");
    assert.equal(r.stdout, "after-cat\n");
    const next = await run("echo next");
    assert.equal(next.stdout, "next\n");
  });

  it("run() survives a syntax error in a command", async () => {
    const r = await run('echo "unterminated');
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /unexpected EOF/);
    assert.equal((await run("echo fine")).stdout, "fine\n");
  });

  it("run() cannot be fooled by output that imitates a sentinel", async () => {
    const r = await run("printf '\\n__RL_0000 0\\n'; echo real");
    assert.equal(r.stdout, "\n__RL_0000 0\nreal\n");
  });

  it("run() kills the whole process group of a command that times out", async () => {
    const marker = join(tmpdir(), `rl-timeout-${process.pid}`);
    const started = performance.now();
    // A duration no other test uses, so that pgrep finds only this test's processes.
    const nap = `30.${process.pid}`;
    const r = await run(`(sleep ${nap}; touch ${marker}) & sleep ${nap}`, { timeoutMs: 300 });
    assert.equal(r.timedOut, true);
    assert.ok(performance.now() - started < 5_000, "returned quickly");
    const ps = await run(`pgrep -f 'sleep ${nap}' || true`);
    assert.equal(ps.stdout, "");
    assert.equal(existsSync(marker), false);
    assert.equal((await run("echo still-alive")).stdout, "still-alive\n");
  });

  it("run() stops a never-ending loop after a pattern and keeps the partial output", async () => {
    const r = await run(
      'n=0; while true; do n=$((n+1)); echo "line $n"; sleep 0.3; done',
      { stop: { kind: "pattern", pattern: "line 3" } },
    );
    // The whole result on failure: a lost session, for one, says why in stderr.
    assert.equal(r.stopped, true, JSON.stringify(r));
    assert.equal(r.timedOut, false);
    assert.equal(r.stdout, "line 1\nline 2\nline 3\n");
    assert.equal((await run('echo "n=$n"')).stdout, "n=3\n");
  });

  it("run() stops a loop while a command substitution runs, and keeps the session", async () => {
    const shell = (await run("echo $$")).stdout;
    // Each line starts the next substitution at once: its child is in the session's process
    // group when the stop comes, and signalling that group would end the session.
    const r = await run('while true; do echo "tick $(sleep 0.2; echo x)"; done', {
      stop: { kind: "pattern", pattern: "tick x" },
    });
    assert.equal(r.stopped, true, JSON.stringify(r));
    assert.equal(r.stdout, "tick x\n");
    assert.equal((await run("echo $$")).stdout, shell, "the same shell");
  });

  it("run() stops a command and leaves an earlier command's background job alone", async () => {
    const nap = `34.${process.pid}`;
    await run(`sleep ${nap} &`);
    try {
      const r = await run("yes", { stop: { kind: "lines", count: 2 } });
      assert.equal(r.stopped, true);
      const timedOut = await run("sleep 20", { timeoutMs: 300 });
      assert.equal(timedOut.timedOut, true);
      assert.match((await run(`pgrep -f 'sleep ${nap}' || true`)).stdout, /^\d+\n$/);
    } finally {
      await run(`pkill -f 'sleep ${nap}'; wait`);
    }
  });

  it("run() stops after a number of lines", async () => {
    const r = await run("yes", { stop: { kind: "lines", count: 2 } });
    assert.equal(r.stopped, true);
    assert.equal(r.stdout, "y\ny\n");
  });

  it("run() stops after a time and sends the chosen signal", async () => {
    const r = await run(
      "trap 'echo got-term; exit 0' TERM; echo start; while :; do sleep 0.05; done",
      {
        stop: { kind: "time", ms: 300, signal: "SIGTERM" },
      },
    );
    assert.equal(r.stopped, true);
    assert.equal(r.stdout, "start\n");
  });

  it("run() gives up a shell stuck in a builtin loop and starts a fresh one", async () => {
    const r = await run("while :; do :; done", { timeoutMs: 300 });
    assert.equal(r.timedOut, true);
    assert.equal((await run("echo fresh")).stdout, "fresh\n");
  });

  it("run() reports a command that exits the shell with its status, then starts a new shell", async () => {
    await run("LEFT=behind");
    const r = await run("echo bye; exit 4");
    assert.deepEqual([r.stdout, r.exitCode, r.exitedShell], ["bye\n", 4, true]);
    const again = await run('echo "again${LEFT-}"');
    assert.deepEqual([again.stdout, again.exitedShell], ["again\n", undefined]);
  });

  it("backgroundJobs() lists what commands left running, and close() kills it", async () => {
    const own = new LocalTarget();
    const nap = `32.${process.pid}`;
    try {
      await own.run(`sleep ${nap} & (sleep ${nap} &); true`, { timeoutMs: 10_000 });
      // A job forked an instant ago may not have become `sleep` yet (it is still the shell).
      let jobs = await own.backgroundJobs();
      for (let i = 0; i < 50 && !jobs.every((job) => job.command === `sleep ${nap}`); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        jobs = await own.backgroundJobs();
      }
      assert.equal(jobs.flatMap((job) => job.pids).length, 2, JSON.stringify(jobs));
      assert.ok(jobs.every((job) => job.command === `sleep ${nap}`));
    } finally {
      await own.close();
    }
    const ps = await run(`pgrep -f 'sleep ${nap}' || true`);
    assert.equal(ps.stdout, "");
  });

  it("run() returns 10 MB of output byte for byte", async () => {
    const file = join(tmpdir(), `rl-big-${process.pid}`);
    try {
      await run(`head -c 7500000 /dev/urandom | base64 -w 100 > ${file}`);
      const r = await run(`cat ${file}`);
      assert.equal(r.stdout, readFileSync(file, "utf8"));
      assert.ok(r.stdout.length > 10_000_000);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it("run() aborts on a signal as if timed out", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const r = await run("sleep 20", { signal: controller.signal });
    assert.equal(r.timedOut, true);
  });

  it("run() refuses a command meant for a container", async () => {
    await assert.rejects(
      run("ls", { where: { kind: "container", container: "web" } }),
      {
        name: "TargetError",
        message:
          'Cannot run command "ls" on the local target: it runs in "container", which needs the docker target',
      },
    );
  });
});
