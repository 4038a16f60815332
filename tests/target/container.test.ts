import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectDocker, type DockerClient } from "../../lib/docker/mod.ts";
import { ContainerTarget } from "../../lib/target/container.ts";
import { type SshdFixture, startSshd } from "../ssh/_sshd.ts";
import { cli } from "../_cli.ts";

const id = randomBytes(4).toString("hex");
/** A running busybox container, the target of every test here. */
const NAME = `rl-container-target-${id}`;
/** A container that exists but does not run. */
const STOPPED = `rl-container-target-stopped-${id}`;
/** The demo lesson's steps that busybox's tools can pass (`ls` words its errors differently). */
const STEPS = "workspace,ticker,cleanup";

let docker: DockerClient;
let target: ContainerTarget;

before(async () => {
  docker = await connectDocker();
  for (const name of [NAME, STOPPED]) {
    await docker.containers.create({
      image: "alpine:latest",
      name,
      cmd: ["sleep", "3600"],
      labels: { "run-lesson.test": "1" },
    });
  }
  await docker.containers.start(NAME);
  target = new ContainerTarget(docker, NAME);
});

after(async () => {
  await target?.close();
  for (const name of [NAME, STOPPED]) {
    await docker?.containers.remove(name, { force: true }).catch(() => {});
  }
});

const run = (command: string, options: Partial<Parameters<ContainerTarget["run"]>[1]> = {}) =>
  target.run(command, { timeoutMs: 10_000, ...options });

/** The processes in the container whose command line holds `text`, found from a separate exec. */
async function processes(text: string): Promise<string[]> {
  const r = await docker.exec(NAME, ["ps", "-o", "pid,args"]);
  return r.stdout.split("\n").filter((line) => line.includes(text));
}

describe("ContainerTarget", () => {
  it("run() keeps state between commands and keeps stdout and stderr apart", async () => {
    await run("cd /tmp && V=inside");
    const r = await run('echo "$V in $(pwd)"; echo oops >&2; false');
    assert.deepEqual([r.stdout, r.stderr, r.exitCode], ["inside in /tmp\n", "oops\n", 1]);
  });

  it("run() stops a never-ending loop after a pattern, keeping the partial output and the shell", async () => {
    const r = await run('i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.3; done', {
      stop: { kind: "pattern", pattern: "tick 2" },
    });
    assert.equal(r.stopped, true);
    assert.equal(r.stdout, "tick 1\ntick 2\n");
    assert.equal((await run('echo "stopped at $i"')).stdout, "stopped at 2\n");
  });

  it("run() kills the process tree inside the container when a command times out", async () => {
    const started = performance.now();
    // A duration no other test uses, so that ps finds only this test's processes.
    const nap = `41.${process.pid}`;
    const r = await run(`sleep ${nap} & sleep ${nap}`, { timeoutMs: 500 });
    assert.equal(r.timedOut, true);
    assert.ok(performance.now() - started < 6_000);
    assert.deepEqual(await processes(`sleep ${nap}`), []);
    assert.equal((await run("echo after")).stdout, "after\n");
  });

  it("run() reports a shell that exits with its status and starts a new one for the next command", async () => {
    const r = await run("echo bye; exit 3");
    assert.deepEqual([r.stdout, r.exitCode, r.exitedShell], ["bye\n", 3, true]);
    assert.equal((await run("echo again")).stdout, "again\n");
  });
});

describe("ContainerTarget against what commands do to their shell", () => {
  it("run() keeps its framing when a command closes stdout or turns on set -x", async () => {
    assert.equal((await run("exec >&-; echo gone")).stdout, "");
    assert.equal((await run("echo back")).stdout, "back\n");
    await run("set -x");
    const traced = await run("echo traced");
    assert.deepEqual([traced.stdout, traced.stderr], ["traced\n", "+ echo traced\n"]);
    await run("set +x");
  });

  it("backgroundJobs() lists what a command left running, and close() kills it", async () => {
    const own = new ContainerTarget(docker, NAME);
    // A duration no other test uses, so that ps finds only this test's processes.
    const nap = String(43_000 + (process.pid % 1000));
    try {
      await own.run(`sleep ${nap} & (sleep ${nap} &)`, { timeoutMs: 10_000 });
      // Without bash (alpine's sh), jobs share the shell's process group: one job, two pids.
      const jobs = await own.backgroundJobs();
      assert.equal(jobs.flatMap((job) => job.pids).length, 2);
      assert.ok(jobs.every((job) => job.command === `sleep ${nap}`), JSON.stringify(jobs));
    } finally {
      await own.close();
    }
    assert.deepEqual(await processes(`sleep ${nap}`), []);
  });
});

describe("--target container://NAME", () => {
  it("the CLI runs the demo lesson inside the container", async () => {
    const r = await cli("run", "demo", "--target", `container://${NAME}`, "--only", STEPS);
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(r.err, "");
    assert.match(r.out, new RegExp(`\\(demo, container://${NAME}\\)`));
    assert.match(r.out, /\n3 passed, 0 failed\n$/);
  });

  it("a missing or stopped container is one line and exit code 1", async () => {
    const missing = await cli("run", "demo", "--target", `container://${NAME}-gone`);
    assert.deepEqual([missing.code, missing.out], [1, ""]);
    assert.equal(
      missing.err,
      `run-lesson: Cannot use container://${NAME}-gone: no container "${NAME}-gone" on the engine at "/var/run/docker.sock"\n`,
    );
    const stopped = await cli("run", "demo", "--target", `container://${STOPPED}`);
    assert.deepEqual([stopped.code, stopped.out], [1, ""]);
    assert.equal(
      stopped.err,
      `run-lesson: Cannot use container://${STOPPED}: container "${STOPPED}" is created\n`,
    );
  });

  it("a malformed target, or --via without a container target, is a usage error", async () => {
    const bad = await cli("run", "demo", "--target", "container://");
    assert.deepEqual([bad.code, bad.out], [2, ""]);
    assert.equal(
      bad.err,
      'run-lesson: Cannot parse container URL "container://": expected container://NAME\n',
    );
    const via = await cli("run", "demo", "--via", "ssh://root@127.0.0.1:22");
    assert.deepEqual([via.code, via.err], [
      2,
      "run-lesson: --via needs --target container://NAME\n",
    ]);
  });
});

describe("--target container://NAME --via ssh://…", () => {
  let sshd: SshdFixture;
  let dir: string;

  before(async () => {
    sshd = await startSshd();
    dir = mkdtempSync(join(tmpdir(), "rl-container-via-"));
    writeFileSync(join(dir, "known_hosts"), `${sshd.knownHostsLine}\n`);
  });

  after(async () => {
    await sshd?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const over = (...argv: string[]) =>
    cli(
      ...argv,
      "--via",
      `ssh://${sshd.user}@${sshd.host}:${sshd.port}`,
      "--identity",
      sshd.keyPath,
      "--known-hosts",
      join(dir, "known_hosts"),
    );

  it("the CLI runs the demo lesson in a container on the SSH host's engine", async () => {
    const r = await over("run", "demo", "--target", `container://${NAME}`, "--only", STEPS);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /\n3 passed, 0 failed\n$/);
  });

  it("a container missing on the SSH host's engine is one line naming the host", async () => {
    const r = await over("run", "demo", "--target", `container://${NAME}-gone`);
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      new RegExp(
        `^run-lesson: Cannot use container://${NAME}-gone: no container "${NAME}-gone" on the engine on root@127\\.0\\.0\\.1:\\d+\\n$`,
      ),
    );
  });
});
