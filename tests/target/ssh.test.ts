import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectSsh } from "../../lib/ssh/connect.ts";
import type { SshConnection } from "../../lib/ssh/connection.ts";
import { SshTarget } from "../../lib/target/ssh.ts";
import { type SshdFixture, sshTargetArgs, startSshd } from "../ssh/_sshd.ts";
import { cli } from "../_cli.ts";

let sshd: SshdFixture;
let dir: string;
let knownHosts: string;
let connection: SshConnection;
let target: SshTarget;

before(async () => {
  sshd = await startSshd();
  dir = mkdtempSync(join(tmpdir(), "rl-ssh-target-"));
  knownHosts = join(dir, "known_hosts");
  writeFileSync(knownHosts, `${sshd.knownHostsLine}\n`);
  connection = await connectSsh({
    host: sshd.host,
    port: sshd.port,
    user: sshd.user,
    identityFile: sshd.keyPath,
    knownHostsFiles: [knownHosts],
    configFile: null,
  });
  target = new SshTarget(connection);
});

after(async () => {
  await target?.close();
  await connection?.close();
  await sshd?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const run = (command: string, options: Partial<Parameters<SshTarget["run"]>[1]> = {}) =>
  target.run(command, { timeoutMs: 10_000, ...options });

describe("SshTarget", () => {
  it("run() keeps state between commands and keeps stdout and stderr apart", async () => {
    await run("cd /tmp && V=remote");
    const r = await run('echo "$V in $(pwd)"; echo oops >&2; false');
    assert.deepEqual([r.stdout, r.stderr, r.exitCode], ["remote in /tmp\n", "oops\n", 1]);
  });

  it("run() stops a remote never-ending loop after a pattern, keeping the partial output", async () => {
    const r = await run('n=0; while true; do n=$((n+1)); echo "tick $n"; sleep 0.3; done', {
      stop: { kind: "pattern", pattern: "tick 2" },
    });
    assert.equal(r.stopped, true);
    assert.equal(r.stdout, "tick 1\ntick 2\n");
    assert.equal((await run("echo after")).stdout, "after\n");
  });

  it("run() kills the remote process group of a command that times out", async () => {
    const started = performance.now();
    // A duration no other test uses, so that pgrep finds only this test's processes.
    const nap = `31.${process.pid}`;
    const r = await run(`sleep ${nap} & sleep ${nap}`, { timeoutMs: 500 });
    assert.equal(r.timedOut, true);
    assert.ok(performance.now() - started < 6_000);
    const ps = await run(`pgrep -f 'sleep ${nap}' || true`);
    assert.equal(ps.stdout, "");
  });

  it("run() stops a command but not an earlier background job, which close() kills", async () => {
    const own = new SshTarget(connection);
    const nap = `35.${process.pid}`;
    try {
      await own.run(`sleep ${nap} &`, { timeoutMs: 10_000 });
      const r = await own.run("yes", { timeoutMs: 10_000, stop: { kind: "lines", count: 2 } });
      assert.equal(r.stopped, true);
      const jobs = await own.backgroundJobs();
      assert.deepEqual(jobs.map((job) => job.command), [`sleep ${nap}`]);
    } finally {
      await own.close();
    }
    assert.equal((await run(`pgrep -f 'sleep ${nap}' || true`)).stdout, "");
  });

  it("run() keeps its framing when a command closes stdout, turns on set -x or exits", async () => {
    assert.equal((await run("exec >&-; echo gone")).stdout, "");
    assert.equal((await run("echo back")).stdout, "back\n");
    await run("set -x");
    const traced = await run("echo traced");
    assert.deepEqual([traced.stdout, traced.stderr], ["traced\n", "+ echo traced\n"]);
    const exited = await run("exit 3");
    assert.deepEqual([exited.exitCode, exited.exitedShell], [3, true]);
    assert.equal((await run("echo again")).stdout, "again\n");
  });

  it("run() returns 10 MB of output byte for byte", async () => {
    const r = await run("head -c 7500000 /dev/zero | base64 -w 100");
    assert.equal(r.stdout.length, 10_100_000);
    assert.equal(r.exitCode, 0);
  });

  it("the CLI refuses an unknown host key with its fingerprint, before running anything", async () => {
    const empty = join(dir, "empty_known_hosts");
    writeFileSync(empty, "");
    const r = await cli(
      "run",
      "demo",
      "--target",
      `ssh://${sshd.user}@${sshd.host}:${sshd.port}`,
      "--identity",
      sshd.keyPath,
      "--known-hosts",
      empty,
    );
    assert.equal(r.code, 1);
    assert.equal(r.out, "");
    assert.match(
      r.err,
      /^run-lesson: Host key for "\[127\.0\.0\.1\]:\d+" is not known: ssh-ed25519 SHA256:/,
    );
  });

  it("the CLI runs the demo lesson on the remote host", async () => {
    const r = await cli(
      "run",
      "demo",
      ...sshTargetArgs(sshd, knownHosts),
    );
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /\(demo, ssh:\/\/root@127\.0\.0\.1:\d+\)/);
    assert.match(r.out, /\n6 passed, 0 failed\n$/);
  });

  it("a dropped connection ends the command with a clear error", async () => {
    const own = await startSshd();
    const hosts = join(dir, "own_known_hosts");
    writeFileSync(hosts, `${own.knownHostsLine}\n`);
    const c = await connectSsh({
      host: own.host,
      port: own.port,
      user: own.user,
      identityFile: own.keyPath,
      knownHostsFiles: [hosts],
      configFile: null,
    });
    const t = new SshTarget(c);
    try {
      await t.run("true", { timeoutMs: 5_000 });
      const pending = t.run("sleep 20", { timeoutMs: 30_000 });
      setTimeout(() => void own.kill(), 300);
      await assert.rejects(pending, /Lost the connection to ssh:\/\/root@127\.0\.0\.1:\d+/);
    } finally {
      await t.close();
      await c.close();
      await own.stop();
    }
  });
});
