/**
 * Grading 1, 10 and 50 student hosts: wall time and peak memory of `run-lesson grade`. Each
 * host is its own sshd on loopback; they share this machine's engine, which holds the finished
 * lesson (run with --keep first and removed at the end). The baseline is grading one host.
 * Goal: 50 hosts in under 2x the time of one, under 200 MB peak.
 *
 *   npx tsx bench/grade.bench.ts [--sizes 1,10,50] [--jobs 50] [--rounds 2]
 * @module
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { connectDocker } from "../lib/docker/mod.ts";
import { removeResources } from "../lib/target/docker_resources.ts";
import { type SshdFixture, startSshd } from "../tests/ssh/_sshd.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1,10,50" },
    jobs: { type: "string", default: "50" },
    rounds: { type: "string", default: "2" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const rounds = Number(values.rounds);
const dir = mkdtempSync(join(tmpdir(), "rl-bench-grade-"));

function sh(argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

console.log("setting up: the finished lesson on this machine's engine (run --keep)");
const setup = await sh([
  process.execPath,
  "runner/bin.js",
  "run",
  "container-networking",
  "--offline",
  "--keep",
  "--to",
  "three-tier",
  "--reporter",
  "json",
]);
const runId = /run-lesson\.run=(\S+)\)/.exec(setup.err)?.[1];
if (setup.code !== 0 || !runId) {
  console.error(setup.err);
  try {
    for (const step of JSON.parse(setup.out).steps) {
      for (const c of step.commands) {
        if (c.status === "failed" || c.status === "error") {
          console.error(`step ${step.id}: $ ${c.command}: ${c.reason}\n${c.stdout}${c.stderr}`);
        }
      }
    }
  } catch {
    console.error(setup.out);
  }
  throw new Error(`the lesson run failed (exit ${setup.code})`);
}
const sshds: SshdFixture[] = [];
const fullMarks: string[] = [];
try {
  const most = Math.max(...sizes);
  for (let i = 0; i < most; i++) sshds.push(await startSshd());
  console.log(`${sshds.length} sshd endpoints on loopback`);
  const rows: string[] = [];
  const measured: Record<number, { wall: number; rss: number }> = {};
  for (const size of sizes) {
    const inventory = join(dir, `class-${size}.csv`);
    writeFileSync(
      inventory,
      [
        "id,host,port,user,identity_file,host_key",
        ...sshds.slice(0, size).map((s, i) =>
          `s${i + 1},127.0.0.1,${s.port},root,${s.keyPath},${
            s.hostKeyPub.split(" ").slice(0, 2).join(" ")
          }`
        ),
      ].join("\n") + "\n",
    );
    const walls: number[] = [];
    const peaks: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const out = join(dir, `out-${size}-${round}`);
      const started = performance.now();
      const r = await sh([
        "/usr/bin/time",
        "-f",
        "maxrss_kb=%M",
        process.execPath,
        "runner/bin.js",
        "grade",
        "container-networking",
        "--hosts",
        inventory,
        "--out",
        out,
        "--jobs",
        values.jobs,
      ]);
      walls.push((performance.now() - started) / 1000);
      peaks.push(Number(/maxrss_kb=(\d+)/.exec(r.err)?.[1]) / 1024);
      const report = JSON.parse(readFileSync(join(out, "grades.json"), "utf8"));
      if (r.code !== 0 || report.summary.fullMarks !== size) {
        // Every host holds the same finished state: anything short of full marks is the load.
        const missed: Record<string, number> = {};
        for (const host of report.hosts) {
          for (const c of host.checks) {
            if (c.status !== "pass") {
              const key = `${c.id} ${c.status}: ${
                String(c.message).replace(
                  /^.*?cannot start its probe container [^:]*: /,
                  "cannot start: ",
                ).slice(0, 160)
              }`;
              missed[key] = (missed[key] ?? 0) + 1;
            }
          }
        }
        console.log(`  ${size} hosts: exit ${r.code}, ${report.summary.fullMarks} with full marks`);
        for (const [what, n] of Object.entries(missed)) console.log(`    ${n}x ${what}`);
        fullMarks.push(`${size} hosts: ${report.summary.fullMarks}/${size} full marks`);
      }
    }
    const wall = Math.min(...walls);
    const rss = Math.max(...peaks);
    measured[size] = { wall, rss };
    rows.push(
      `${String(size).padStart(4)} hosts  wall ${
        wall.toFixed(1).padStart(6)
      } s (best of ${rounds})  peak RSS ${rss.toFixed(0).padStart(4)} MB`,
    );
    console.log(rows.at(-1));
  }
  for (const line of fullMarks) console.log(`NOT ALL GRADED CORRECTLY: ${line}`);
  const one = measured[sizes[0]];
  console.log("\nresults (every host full marks, --jobs " + values.jobs + ")");
  for (const row of rows) console.log(row);
  for (const size of sizes.slice(1)) {
    console.log(
      `${size} hosts / ${sizes[0]} host: ${
        (measured[size].wall / one.wall).toFixed(2)
      }x the time (goal < 2x), peak ${measured[size].rss.toFixed(0)} MB (goal < 200 MB)`,
    );
  }
} finally {
  for (const s of sshds) await s.stop();
  // The lesson run's own cleanup, named volumes its containers made included.
  const report = await removeResources(await connectDocker(), { run: runId });
  for (const error of report.errors) console.error(`cleanup: ${error}`);
  rmSync(dir, { recursive: true, force: true });
}
