import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  describeJobs,
  groupJobs,
  killLocalTagged,
  killLocalTaggedUntilGone,
  listJobs,
  listRemoteJobs,
  localTaggedProcesses,
  newSessionTag,
  parseTaggedProcesses,
  taggedProcessesScript,
} from "../../../lib/target/background_jobs.ts";
import { SESSION_TAG_VARIABLE } from "../../../lib/target/shell_framing.ts";

/** `sleep SECONDS` carrying the session tag, detached as a shell's job is: its own process group. */
function taggedSleep(tag: string, seconds: string): ChildProcess {
  return spawn("sleep", [seconds], {
    env: { ...process.env, [SESSION_TAG_VARIABLE]: tag },
    detached: true,
    stdio: "ignore",
  });
}

describe("parseTaggedProcesses() and groupJobs()", () => {
  it("parseTaggedProcesses() reads pid, process group and command line", () => {
    assert.deepEqual(parseTaggedProcesses("12 12 sleep 30\n13 12 \nnoise\n"), [
      { pid: 12, pgid: 12, command: "sleep 30" },
      { pid: 13, pgid: 12, command: "" },
    ]);
  });

  it("groupJobs() groups by process group and leaves out the shell", () => {
    const jobs = groupJobs([
      { pid: 40, pgid: 40, command: "python3 -m http.server" },
      { pid: 7, pgid: 7, command: "bash" },
      { pid: 41, pgid: 40, command: "python3 worker" },
      { pid: 30, pgid: 30, command: "sleep 4242" },
    ], [7]);
    assert.deepEqual(jobs, [
      { pgid: 30, pids: [30], command: "sleep 4242" },
      { pgid: 40, pids: [40, 41], command: "python3 -m http.server" },
    ]);
    assert.equal(
      describeJobs(jobs),
      '"sleep 4242" (process group 30), "python3 -m http.server" (process group 40)',
    );
  });

  it("taggedProcessesScript() refuses a tag that is not hex digits", () => {
    assert.throws(() => taggedProcessesScript("x'; rm -rf /"), TypeError);
  });
});

describe("finding and killing a tagged process on this machine", () => {
  it("the JavaScript scan and the shell script both find it, and killLocalTagged() kills it", async () => {
    const tag = newSessionTag();
    const child = taggedSleep(tag, `31.${process.pid}`);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      // Deno's spawn gives the child the resolved path as argv[0] (/usr/bin/sleep), Node the name.
      const found = (list: Array<{ pid: number; pgid: number; command: string }>) =>
        list.map((p) => ({ ...p, command: p.command.replace(/^\/\S*\/sleep /, "sleep ") }));
      const expected = [{ pid: child.pid!, pgid: child.pid!, command: `sleep 31.${process.pid}` }];
      assert.deepEqual(found(localTaggedProcesses(tag)), expected);
      const script = spawnSync("/bin/sh", ["-c", taggedProcessesScript(tag)], { encoding: "utf8" });
      assert.deepEqual(found(parseTaggedProcesses(script.stdout)), expected);
      killLocalTagged(tag);
      assert.equal(await exited, null);
      assert.deepEqual(localTaggedProcesses(tag), []);
    } finally {
      child.kill("SIGKILL");
    }
  });
});

describe("killLocalTaggedUntilGone()", () => {
  it("returns only once no tagged process is listed, where one pass often leaves some dying", async () => {
    const nap = `36.${process.pid}`;
    for (let round = 0; round < 3; round++) {
      const tag = newSessionTag();
      // Five jobs in sessions of their own, and the shell that started them.
      const script = `for i in 1 2 3 4 5; do setsid sleep ${nap} & done; sleep ${nap}`;
      spawn("/bin/sh", ["-c", script], {
        env: { ...process.env, [SESSION_TAG_VARIABLE]: tag },
        detached: true,
        stdio: "ignore",
      });
      for (let i = 0; i < 100 && localTaggedProcesses(tag).length < 7; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await killLocalTaggedUntilGone(tag);
      assert.deepEqual(localTaggedProcesses(tag), [], `round ${round}`);
    }
    assert.equal(spawnSync("pgrep", ["-f", `sleep ${nap}`]).status, 1);
  });
});

describe("listJobs()", () => {
  const job = (pgid: number) => ({ pgid, pids: [pgid], command: `sleep ${pgid}` });

  it("lists again while a job the shell reported is missing, until the scan shows it", async () => {
    const scans = [[job(10)], [job(10)], [job(10), job(20)]];
    let calls = 0;
    const jobs = await listJobs(
      () => scans[Math.min(calls++, scans.length - 1)],
      (listed) => !listed.some((j) => j.pgid === 20),
    );
    assert.deepEqual(jobs.map((j) => j.pgid), [10, 20]);
    assert.equal(calls, 3);
  });

  it("lists once when nothing is missing, and at most four times when something stays missing", async () => {
    let calls = 0;
    assert.deepEqual(await listJobs(() => (calls++, [job(10)]), () => false), [job(10)]);
    assert.equal(calls, 1);
    calls = 0;
    const started = performance.now();
    assert.deepEqual(await listJobs(() => (calls++, [job(10)]), () => true), [job(10)]);
    assert.equal(calls, 4);
    assert.ok(performance.now() - started < 1000);
  });
});

describe("listRemoteJobs()", () => {
  it("runs the scan again while a group the shell reported is alive and not listed", async () => {
    const outputs = ["7 7 bash\nalive 20\n", "7 7 bash\n20 20 sleep 20\nalive 20\n"];
    const scripts: string[] = [];
    const jobs = await listRemoteJobs(
      (script) => Promise.resolve(outputs[Math.min(scripts.push(script) - 1, 1)]),
      "abc1",
      [20],
      7,
    );
    assert.deepEqual(jobs, [{ pgid: 20, pids: [20], command: "sleep 20" }]);
    assert.equal(scripts.length, 2);
    assert.match(scripts[0], /for g in 20; do \[ -d \/proc\/\$g \]/);
  });

  it("scans once when the missing group is gone, or when the shell reported none", async () => {
    let runs = 0;
    const once = (text: string, reported: number[]) =>
      listRemoteJobs(() => (runs++, Promise.resolve(text)), "abc1", reported, undefined);
    assert.deepEqual(await once("", [20]), []);
    assert.deepEqual(await once("30 30 sleep 30\n", []), [
      { pgid: 30, pids: [30], command: "sleep 30" },
    ]);
    assert.equal(runs, 2);
  });

  it("the script says which reported groups are alive, on this machine's /proc", async () => {
    const tag = newSessionTag();
    const child = taggedSleep(tag, `32.${process.pid}`);
    try {
      // A pid above pid_max is never alive.
      const seen: string[] = [];
      const jobs = await listRemoteJobs(
        (script) => {
          const out = spawnSync("/bin/sh", ["-c", script], { encoding: "utf8" }).stdout;
          seen.push(out);
          return Promise.resolve(out);
        },
        tag,
        [child.pid!, 99_999_999],
        undefined,
      );
      assert.deepEqual(jobs.map((j) => j.pgid), [child.pid]);
      assert.equal(seen.length, 1);
      assert.match(seen[0], new RegExp(`^alive ${child.pid}$`, "m"));
      assert.doesNotMatch(seen[0], /alive 99999999/);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
