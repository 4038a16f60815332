/**
 * Grading a simulated class of real student hosts: each its own Docker engine (Docker-in-Docker)
 * behind its own sshd, in a known state, plus a host that does not answer and one whose host key
 * changed. Every host's and every check's outcome is asserted exactly, and grading must leave
 * every host as it found it.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { GradeReport, HostResult } from "../../lib/grade/report.ts";
import { cli } from "../_cli.ts";
import { type SimulatedClass, startClass } from "./_class.ts";

const LESSON = "container-networking";
const BASE = ["alpine:latest", "redis:7-alpine"];
const FULL = [...BASE, "postgres:16-alpine", "python:3.12-alpine"];

// What the learners built, typed on each host's own engine.
const STATES: Record<string, string> = {
  // Step 2 and the start of step 3, and one of the three containers of step 8.
  partial: [
    "docker network create ai-service-network",
    "docker run -d --name redis-cache --network ai-service-network redis:7-alpine",
    "docker network create ai-app-network",
    "docker run -d --name redis --network ai-app-network redis:7-alpine",
  ].join(" && "),
  // redis-cache was started without --network: it runs on the default bridge.
  "wrong-network": [
    "docker network create ai-service-network",
    "docker run -d --name redis-cache redis:7-alpine",
  ].join(" && "),
  // A container named redis-cache exists, but on another network.
  "other-network": [
    "docker network create ai-service-network",
    "docker network create another-network",
    "docker run -d --name redis-cache --network another-network redis:7-alpine",
    "docker run -d --name isolated-container --network another-network alpine sleep 3600",
  ].join(" && "),
  "key-changed": "docker network create ai-service-network",
};

const CHECK_IDS = [
  "network-exists",
  "redis-on-network",
  "postgres-on-network",
  "dns-resolves",
  "isolation",
  "isolated-disconnected",
  "isolated-on-other",
  "aliases",
  "alias-resolves",
  "app-network",
  "agent-health",
  "message-stored",
];

/** Each host's expected status, score, and the points of every check that earns any. */
const EXPECTED: Record<string, { status: string; score: number; points: Record<string, number> }> =
  {
    complete: {
      status: "graded",
      score: 21,
      points: {
        "network-exists": 1,
        "redis-on-network": 2,
        "postgres-on-network": 2,
        "dns-resolves": 2,
        isolation: 2,
        "isolated-disconnected": 1,
        "isolated-on-other": 1,
        aliases: 2,
        "alias-resolves": 1,
        "app-network": 3,
        "agent-health": 2,
        "message-stored": 2,
      },
    },
    // app-network: one of three containers on ai-app-network earns a third of its points.
    partial: {
      status: "graded",
      score: 6,
      points: { "network-exists": 1, "redis-on-network": 2, "dns-resolves": 2, "app-network": 1 },
    },
    "wrong-network": { status: "graded", score: 1, points: { "network-exists": 1 } },
    "other-network": {
      status: "graded",
      score: 3,
      points: { "network-exists": 1, "isolated-disconnected": 1, "isolated-on-other": 1 },
    },
    "key-changed": { status: "hostkey-mismatch", score: 0, points: {} },
    unreachable: { status: "unreachable", score: 0, points: {} },
  };

/** The status every check of a host must have. */
function expectedStatuses(id: string): Record<string, string> {
  const e = EXPECTED[id];
  const statuses: Record<string, string> = {};
  for (const check of CHECK_IDS) {
    if (e.status === "unreachable") statuses[check] = "unreachable";
    else if (e.status !== "graded") statuses[check] = "error";
    else if (id === "complete") statuses[check] = "pass";
    else if (check in e.points && check !== "app-network") statuses[check] = "pass";
    else statuses[check] = "fail";
  }
  return statuses;
}

function assertClass(report: GradeReport) {
  assert.deepEqual(report.hosts.map((h) => h.id), Object.keys(EXPECTED));
  for (const host of report.hosts) {
    const e = EXPECTED[host.id];
    assert.equal(host.status, e.status, `${host.id}: ${host.reason ?? ""}`);
    assert.equal(host.maxScore, 21, host.id);
    assert.deepEqual(
      Object.fromEntries(host.checks.map((c) => [c.id, c.status])),
      expectedStatuses(host.id),
      `${host.id}: ${JSON.stringify(host.checks.map((c) => [c.id, c.message]))}`,
    );
    assert.deepEqual(
      Object.fromEntries(host.checks.filter((c) => c.points > 0).map((c) => [c.id, c.points])),
      e.points,
      host.id,
    );
    assert.equal(host.score, e.score, host.id);
    for (const c of host.checks) {
      if (c.status === "pass") continue;
      // Feedback: a reason and the learner's hint, never the probes' evidence.
      assert.ok(c.message && c.hint, `${host.id}/${c.id} lacks a message or hint`);
      assert.equal(c.evidence, undefined);
    }
  }
  assert.match(
    report.hosts.find((h) => h.id === "key-changed")!.reason!,
    /HOST KEY CHANGED .* refusing to connect/,
  );
  assert.match(report.hosts.find((h) => h.id === "unreachable")!.reason!, /ECONNREFUSED/);
  assert.deepEqual(report.summary, {
    hosts: 6,
    graded: 4,
    notGraded: 2,
    fullMarks: 1,
    meanScore: 5.17,
  });
}

/** What a host's engine holds, to show that grading changed nothing. */
async function engineState(klass: SimulatedClass, id: string): Promise<string> {
  return await klass.sh(
    id,
    "docker ps -a --no-trunc --format '{{.ID}} {{.Names}} {{.State}} {{.Networks}}' | sort; " +
      "docker network ls -q --no-trunc | sort; docker volume ls -q | sort",
  );
}

describe("run-lesson grade on a simulated class", { timeout: 1_200_000 }, () => {
  let klass: SimulatedClass;
  let dir: string;
  let inventory: string;
  let knownHosts: string;
  const before_: Record<string, string> = {};
  let full: GradeReport;

  /** `run-lesson grade` arguments for this class, results to `out`. */
  const gradeArgs = (out: string, ...more: string[]) => [
    "grade",
    LESSON,
    "--hosts",
    inventory,
    "--known-hosts",
    knownHosts,
    "--out",
    out,
    ...more,
  ];

  before(async () => {
    klass = await startClass([
      { id: "complete", images: FULL },
      ...Object.keys(STATES).map((id) => ({ id, images: BASE })),
    ]);
    dir = await mkdtemp(join(tmpdir(), "rl-grade-"));
    const m = (id: string) => klass.machines.get(id)!;
    // The complete host: the learner followed the lesson to its last step (run over SSH).
    const kh = join(dir, "complete.known_hosts");
    await writeFile(kh, `[127.0.0.1]:${m("complete").port} ${m("complete").hostKey}\n`);
    const lesson = await cli(
      "run",
      LESSON,
      "--offline",
      "--keep",
      "--to",
      "three-tier",
      "--target",
      `ssh://root@127.0.0.1:${m("complete").port}`,
      "--identity",
      klass.keyPath,
      "--known-hosts",
      kh,
    );
    assert.equal(lesson.code, 0, lesson.out + lesson.err);
    for (const [id, commands] of Object.entries(STATES)) await klass.sh(id, commands);
    for (const id of klass.machines.keys()) before_[id] = await engineState(klass, id);

    // Pinned keys for most; known_hosts (holding an old key) for the host that was reinstalled.
    const oldKey = (await klass.sh("partial", "cut -d' ' -f1,2 /etc/ssh/ssh_host_ed25519_key.pub"))
      .trim();
    assert.notEqual(oldKey, m("key-changed").hostKey);
    knownHosts = join(dir, "known_hosts");
    await writeFile(knownHosts, `[127.0.0.1]:${m("key-changed").port} ${oldKey}\n`);
    const row = (id: string, port: number, key: string) =>
      `${id},127.0.0.1,${port},root,${klass.keyPath},${key}`;
    inventory = join(dir, "class.csv");
    await writeFile(
      inventory,
      [
        "id,host,port,user,identity_file,host_key",
        ...["complete", "partial", "wrong-network", "other-network"].map((id) =>
          row(id, m(id).port, m(id).hostKey)
        ),
        row("key-changed", m("key-changed").port, ""),
        row("unreachable", klass.closedPort, ""),
        "",
      ].join("\n"),
    );
  });

  after(async () => {
    await klass?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("grades every host exactly, each on its own, and writes every export", async () => {
    const out = join(dir, "all");
    const r = await cli(...gradeArgs(out, "--jobs", "6"));
    assert.equal(r.code, 1, r.out + r.err); // two hosts could not be graded
    full = JSON.parse(readFileSync(join(out, "grades.json"), "utf8"));
    assertClass(full);
    assert.match(r.out, /4\/6 hosts graded, 1 with full marks, mean 5\.17\/21/);
    // Progress: one line per host as it ends.
    assert.equal(r.err.split("\n").filter((l) => /^\[\d\/6\] /.test(l)).length, 6, r.err);

    // Each host's result was written on its own, and Gradescope got one file per student.
    for (const id of Object.keys(EXPECTED)) {
      const own: GradeReport = JSON.parse(readFileSync(join(out, "hosts", `${id}.json`), "utf8"));
      assert.deepEqual(own.hosts, [full.hosts.find((h) => h.id === id)]);
      const gs = JSON.parse(readFileSync(join(out, "gradescope", id, "results.json"), "utf8"));
      assert.equal(gs.score, EXPECTED[id].score);
      assert.equal(gs.tests.length, 12);
      assert.equal(
        gs.tests.reduce((sum: number, t: { score: number }) => sum + t.score, 0),
        EXPECTED[id].score,
      );
    }
    const junit = readFileSync(join(out, "junit.xml"), "utf8");
    assert.equal(junit.match(/<testsuite /g)?.length, 6);
    assert.equal(junit.match(/<testcase /g)?.length, 72);
    assert.match(junit, /<testsuite name="complete" [^>]*tests="12" failures="0" errors="0"/);
    assert.match(junit, /<testsuite name="unreachable" [^>]*failures="0" errors="12"/);
    const tap = readFileSync(join(out, "grades.tap"), "utf8");
    assert.match(tap, /^ok 1 - complete 21\/21$/m);
    assert.match(tap, /^not ok 2 - partial 6\/21$/m);
    assert.match(tap, /^1\.\.6$/m);
    const csv = readFileSync(join(out, "gradebook.csv"), "utf8").split("\r\n");
    assert.equal(csv[0], `id,host,status,score,max_score,percent,${CHECK_IDS.join(",")},reason`);
    assert.equal(csv[2], "partial,127.0.0.1,graded,6,21,28.6,1,2,0,2,0,0,0,0,0,1,0,0,");

    // Read-only: every engine holds exactly what it held, and no probe container is left.
    for (const id of klass.machines.keys()) {
      assert.equal(await engineState(klass, id), before_[id], `${id} changed`);
    }
  });

  it("grades shards on their own and merges them into the same class", async () => {
    const [one, two] = await Promise.all(
      ["1/2", "2/2"].map((shard, i) =>
        cli(...gradeArgs(join(dir, `shard${i + 1}`), "--shard", shard))
      ),
    );
    const ids = (name: string) =>
      (JSON.parse(readFileSync(join(dir, name, "grades.json"), "utf8")) as GradeReport).hosts
        .map((h) => h.id);
    const a = ids("shard1");
    const b = ids("shard2");
    assert.ok(a.length > 0 && b.length > 0, `${one.err}${two.err}`);
    assert.deepEqual([...a, ...b].sort(), Object.keys(EXPECTED).sort());
    const merged = join(dir, "merged");
    const r = await cli(
      "report",
      "merge",
      "--out",
      merged,
      "--hosts",
      inventory,
      join(dir, "shard1"),
      join(dir, "shard2", "grades.json"),
    );
    assert.equal(r.code, 0, r.out + r.err);
    const report: GradeReport = JSON.parse(readFileSync(join(merged, "grades.json"), "utf8"));
    assert.deepEqual(report.shards, ["1/2", "2/2"]);
    assertClass(report);
    assert.equal(readdirSync(join(merged, "gradescope")).length, 6);
  });

  it("keeps what was graded when interrupted, and --resume grades only the rest", async () => {
    const out = join(dir, "interrupted");
    // The CLI as its own process (Node, under either test runtime), so that it gets a real SIGINT.
    const child = spawn(
      "node",
      ["runner/bin.js", ...gradeArgs(out, "--jobs", "1")],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) =>
      child.on("close", (code) => resolve(code))
    );
    const hostsDir = join(out, "hosts");
    const deadline = Date.now() + 300_000;
    while (
      !existsSync(hostsDir) || readdirSync(hostsDir).filter((n) => n.endsWith(".json")).length === 0
    ) {
      assert.ok(Date.now() < deadline, `no host was graded: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    child.kill("SIGINT");
    const code = await exited;
    // Deno's node:child_process reports no exit code for a child it sent a signal to, even one
    // that handled it and exited; Node reports the code the CLI chose.
    if (!("Deno" in globalThis) || code !== null) assert.equal(code, 130, stderr);
    assert.match(stderr, /interrupted: [1-5] hosts not graded; run again with --resume/);
    const kept: GradeReport = JSON.parse(readFileSync(join(out, "grades.json"), "utf8"));
    assert.ok(kept.hosts.length >= 1 && kept.hosts.length < 6, JSON.stringify(kept.summary));
    assert.equal(kept.hosts[0].id, "complete");

    const refused = await cli("grade", LESSON, "--hosts", inventory, "--out", out);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /already holds grade results: use --resume/);

    const resumed = await cli(...gradeArgs(out, "--resume"));
    assert.match(resumed.err, new RegExp(`resuming: ${kept.hosts.length} hosts already graded`));
    const report: GradeReport = JSON.parse(readFileSync(join(out, "grades.json"), "utf8"));
    assertClass(report);
    const first: HostResult = report.hosts[0];
    assert.equal(first.startedAt, kept.hosts[0].startedAt, "the kept result was graded again");
  });
});
