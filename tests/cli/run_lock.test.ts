// Two runs of one Docker lesson on one engine, and a run killed with SIGKILL: the second run
// refuses at once naming the first, never deleting its resources; after a SIGKILL, the next run
// takes the lock over, kills the shell the dead run left, and removes its resources.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { requireEngine } from "../_services.ts";
import { runIdPrefix } from "../../lib/target/docker_resources.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SUFFIX = Math.random().toString(36).slice(2, 8);
const NETWORK = `rl-lock-net-${SUFFIX}`;
let dir = "";

/** A Docker lesson: make a network, then wait for the file `RL_LOCK_GO`, then `RL_LOCK_SLEEP` s. */
function writeLesson(): string {
  const lesson = join(dir, `lock-${SUFFIX}`);
  mkdirSync(join(lesson, "steps"), { recursive: true });
  writeFileSync(
    join(lesson, "lesson.ts"),
    `export default { title: "Lock", target: "docker", steps: ["steps/01.ts", "steps/02.ts"] };\n`,
  );
  writeFileSync(
    join(lesson, "steps/01.ts"),
    `export default { id: "make", title: "Make", commands: [{ run: "docker network create ${NETWORK}", stdout: "{{id}}" }] };\n`,
  );
  writeFileSync(
    join(lesson, "steps/02.ts"),
    `export default { id: "wait", title: "Wait", commands: [{ run: ${
      JSON.stringify(
        'if [ -n "$RL_LOCK_GO" ]; then while [ ! -e "$RL_LOCK_GO" ]; do sleep 0.1; done; fi; ' +
          "sleep ${RL_LOCK_SLEEP:-0}",
      )
    }, timeoutMs: 600000 }] };\n`,
  );
  return lesson;
}

interface Finished {
  code: number | null;
  out: string;
  err: string;
  ms: number;
}

function start(lesson: string, env: Record<string, string> = {}) {
  const started = performance.now();
  const child = spawn("node", ["runner/bin.js", lesson, "--offline"], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk) => out += chunk);
  child.stderr!.on("data", (chunk) => err += chunk);
  const done = new Promise<Finished>((resolve) =>
    child.on("close", (code) => resolve({ code, out, err, ms: performance.now() - started }))
  );
  return { child, done };
}

function docker(...args: string[]): string {
  return execFileSync("docker", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

async function until(what: string, test: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms / 1000} s for ${what}`);
    await sleep(200);
  }
}

function processesOf(pattern: string): string[] {
  return execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" })
    .split("\n").filter((line) => line.includes(pattern) && !line.includes("ps -eo"));
}

const networkExists = () => docker("network", "ls", "-q", "--filter", `name=^${NETWORK}$`) !== "";

describe("one run of a Docker lesson at a time on an engine", () => {
  let running: ChildProcess | undefined;
  before(() => {
    requireEngine();
    dir = mkdtempSync(join(tmpdir(), "rl-lock-"));
  });
  after(() => {
    running?.kill("SIGKILL");
    try {
      docker("network", "rm", NETWORK);
    } catch {
      // Removed by the runs, as it should be.
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("a second run refuses at once, naming the first, which then passes", async () => {
    const lesson = writeLesson();
    const go = join(dir, "go");
    const first = start(lesson, { RL_LOCK_GO: go });
    running = first.child;
    await until("the first run's network", networkExists);
    const second = await start(lesson).done;
    assert.equal(second.code, 2, second.out + second.err);
    assert.match(
      second.err,
      new RegExp(
        `another run of .*lock-${SUFFIX} is in progress on this machine \\(run \\S+, process ${first.child.pid} on `,
      ),
    );
    assert.equal(second.out, "");
    assert.ok(networkExists(), "the second run removed the first run's network");
    writeFileSync(go, "");
    const done = await first.done;
    assert.equal(done.code, 0, done.out + done.err);
    assert.ok(!networkExists(), "the first run left its network");
  });

  it("after a SIGKILL, the next run takes over: the old shell and its command are gone", async () => {
    const lesson = writeLesson();
    const marker = `sleep 4${Math.floor(Math.random() * 1000) + 1000}`;
    const killed = start(lesson, { RL_LOCK_SLEEP: marker.split(" ")[1] });
    running = killed.child;
    await until("the killed run's command", () => processesOf(marker).length > 0);
    killed.child.kill("SIGKILL");
    await killed.done;
    assert.notDeepEqual(processesOf(marker), [], "SIGKILL of the CLI also ended its command");
    assert.ok(networkExists());
    // A probe container the killed run left on its network (they carry only the run's label).
    const probe = docker(
      "run",
      "-d",
      "--label",
      "run-lesson.probe=1",
      "--label",
      `run-lesson.run=${runIdPrefix(lesson)}0badf00d`,
      "--network",
      NETWORK,
      "alpine:latest",
      "sleep",
      "300",
    ).trim();

    const next = await start(lesson).done;
    assert.equal(next.code, 0, next.out + next.err);
    assert.match(next.err, /took over the lock of run \S+ of .*, whose process is gone/);
    assert.match(next.err, /removed what an earlier run of .* left \(1 containers, 1 networks/);
    assert.equal(docker("ps", "-aq", "--filter", `id=${probe}`), "");
    assert.deepEqual(processesOf(marker), []);
    assert.ok(!networkExists());
  });
});
