/**
 * The linux-basics lesson end to end: in its throwaway container (run, self-test, docs), the
 * container's life (removed at the end, kept with --keep, removed by the next run after a
 * SIGKILL), and over SSH on a student host, whose state afterwards is read directly.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { cli } from "../_cli.ts";
import { docker } from "../prepare/_docker.ts";
import { LINUX_HOST, startClass } from "../grade/_class.ts";

const LESSON = "linux-basics";
const CHECKS = [
  "group-devs",
  "user-alice",
  "user-bob",
  "user-carol",
  "project-folder",
  "notes-group",
  "token-file",
  "carol-kept-out",
  "user-webapp",
  "service-runs",
  "port-8080",
  "page-served",
  "package-installed",
  "lab-hello-runs",
  "find-devs",
];

/** The names of the lesson's throwaway containers on the engine, with a label filter. */
async function throwaways(label = ""): Promise<string[]> {
  const filters = ["run-lesson.lesson=linux-basics", "run-lesson.throwaway=true", label]
    .filter((l) => l !== "")
    .flatMap((l) => ["--filter", `label=${l}`]);
  const r = await docker(["ps", "-a", ...filters, "--format", "{{.Names}}"]);
  return r.stdout.split("\n").filter((l) => l !== "");
}

/** Whether a container exists. */
async function exists(name: string): Promise<boolean> {
  return (await docker(["container", "inspect", name])).code === 0;
}

describe("the linux-basics lesson", { timeout: 600_000 }, () => {
  it("run --offline passes in a throwaway container, every check passing, which is then removed", async () => {
    const r = await cli("run", LESSON, "--offline", "--reporter", "json");
    assert.equal(r.code, 0, r.out + r.err);
    const report = JSON.parse(r.out);
    assert.deepEqual(report.summary, { passed: 6, failed: 0, skipped: 0 });
    const name = /^container:\/\/(run-lesson-linux-basics-[0-9a-f]{8})$/.exec(report.target)?.[1];
    assert.ok(name, report.target);
    const checks = report.steps.flatMap((s: { checks: { id: string; status: string }[] }) =>
      s.checks
    );
    assert.deepEqual(
      checks.map((c: { id: string; status: string }) => [c.id, c.status]),
      CHECKS.map((id) => [id, "pass"]),
    );
    assert.equal(await exists(name), false, `${name} is still there`);
  });

  it("test passes: clean, finished, and each of the five broken states", async () => {
    const r = await cli("test", LESSON, "--offline", "--reporter", "json");
    assert.equal(r.code, 0, r.out + r.err);
    const doc = JSON.parse(r.out);
    assert.deepEqual(doc.phases.map((p: { id: string; ok: boolean }) => [p.id, p.ok]), [
      ["clean", true],
      ["finished", true],
      ["broken:token-world-readable", true],
      ["broken:carol-in-devs", true],
      ["broken:no-setgid", true],
      ["broken:service-stopped", true],
      ["broken:package-removed", true],
      ["cleanup", true],
    ]);
  });

  it("docs --check finds every Output block of its doc true", async () => {
    const r = await cli("docs", LESSON, "--check", "--offline");
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /23 blocks fresh, 0 stale, 0 not compared, 0 unlinked/);
  });

  it("--keep leaves the container and says how to remove it", async () => {
    const r = await cli("run", LESSON, "--offline", "--keep", "--only", "users");
    const name = /kept the lesson's container (\S+);/.exec(r.err)?.[1];
    try {
      assert.equal(r.code, 0, r.out + r.err);
      assert.ok(name, r.err);
      assert.match(r.err, new RegExp(`\\n  docker rm -f ${name}\\n`));
      assert.equal(await exists(name), true);
    } finally {
      if (name) await docker(["rm", "-f", name]);
    }
  });

  it("a run killed with SIGKILL leaves its container, and the next run removes it", async () => {
    const child = spawn(process.execPath, ["runner/bin.js", "run", LESSON, "--offline"], {
      stdio: "ignore",
    });
    const owner = `run-lesson.owner=${hostname()}:${child.pid}`;
    let left: string[] = [];
    try {
      for (let i = 0; i < 600 && left.length === 0; i++) {
        await sleep(100);
        left = await throwaways(owner);
      }
      assert.equal(left.length, 1, "the run made no container within 60 s");
    } finally {
      child.kill("SIGKILL");
    }
    await new Promise((resolve) => child.once("exit", resolve));
    try {
      assert.deepEqual(await throwaways(owner), left);
      const r = await cli("run", LESSON, "--offline", "--only", "users");
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(
        r.err,
        new RegExp(`removed what an earlier run of linux-basics left \\(${left[0]}\\)`),
      );
      assert.deepEqual(await throwaways(owner), []);
    } finally {
      for (const name of left) await docker(["rm", "-f", name]);
    }
  });

  it("passes over SSH on a student host, which then holds what the lesson built", async () => {
    const klass = await startClass([{ id: "learner", images: [] }], LINUX_HOST);
    const dir = await mkdtemp(join(tmpdir(), "rl-linux-ssh-"));
    try {
      const m = klass.machines.get("learner")!;
      const knownHosts = join(dir, "known_hosts");
      await writeFile(knownHosts, `[127.0.0.1]:${m.port} ${m.hostKey}\n`);
      const r = await cli(
        "run",
        LESSON,
        "--offline",
        "--target",
        `ssh://root@127.0.0.1:${m.port}`,
        "--identity",
        klass.keyPath,
        "--known-hosts",
        knownHosts,
      );
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /\(linux-basics, ssh:\/\/root@127\.0\.0\.1:\d+\)/);
      assert.match(r.out, /\n6 passed, 0 failed\n$/);
      const state = await klass.sh(
        "learner",
        [
          "id -nG alice",
          "id -nG carol",
          "stat -c '%a %U:%G %n' /srv/project /srv/project/notes.txt /etc/webapp/token",
          "ps -o user=,args= -C python3",
          "curl -s http://127.0.0.1:8080/",
          "dpkg-query -W lab-hello",
        ].join("; "),
      );
      assert.equal(
        state,
        [
          "alice devs",
          "carol",
          "2770 root:devs /srv/project",
          "644 alice:devs /srv/project/notes.txt",
          "640 root:devs /etc/webapp/token",
          "webapp   python3 -m http.server 8080 --bind 127.0.0.1 --directory /srv/www",
          "hello from webapp",
          "lab-hello\t1.0",
          "",
        ].join("\n"),
      );
      // The lesson's throwaway container is for runs without --target only.
      assert.deepEqual(await throwaways(`run-lesson.owner=${hostname()}:${process.pid}`), []);
    } finally {
      await klass.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
