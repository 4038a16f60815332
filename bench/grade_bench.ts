/**
 * Grading speed at classroom scale, the grader's own cost apart from the student hosts' work.
 * Run on demand (not in CI): it starts simulated student hosts (Docker-in-Docker, as the class
 * test does), runs the container-networking lesson on one of them, and grades with
 * `run-lesson grade` as a child process under `/usr/bin/time`.
 *
 * - latency: one host at --jobs 1, a complete one (the finished lesson) and an empty one, as
 *   the host's `durationMs` in grades.json (connecting included), median of --rounds;
 * - cost: the grader's CPU time (user + system) and peak RSS. Hosts are logins to one more sshd
 *   inside a student host, each its own SSH connection in front of the same engine. The CPU per
 *   complete host is the growth from grading 1 to --cpu-hosts (15) complete hosts, --cpu-jobs
 *   (3) at a time (one Docker-in-Docker engine cannot serve more gradings at once within the
 *   checks' time limits), per host added, start-up not counted; each count is graded --rounds
 *   times, alternating, and the run of median CPU counts. The grader's CPU is also read from
 *   /proc at the end of the first and of the last host of each --cpu-hosts run, which leaves
 *   start-up and exit out (bench/_grade_run.ts); with --cpu-jobs 1 that span is the cost of the
 *   hosts after the first alone. Peak memory with 1, 50 and 200 hosts in
 *   flight (--scale) grades the empty host, whose engine work is two lists, so that the
 *   connections, not the engine, are what is in flight (the CPU per empty host follows too);
 * - throughput: min(jobs x 60 / latency, cores x 60 / cpu_per_host) hosts per minute.
 *
 * With --baseline COMMIT the same figures are measured for that commit too, checked out into a
 * temporary git worktree (the shared work tree is never switched), and printed side by side.
 *
 *   npx tsx bench/grade_bench.ts [--baseline COMMIT] [--scale 1,50,200] [--rounds 3]
 *     [--cpu-hosts 15] [--cpu-jobs 3] [--jobs 16] [--skip-scale] [--profile DIR]
 *
 * --profile DIR writes a CPU profile of every grading run into DIR (`node --cpu-prof`).
 * @module
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { docker } from "../tests/prepare/_docker.ts";
import { type SimulatedClass, startClass } from "../tests/grade/_class.ts";
import { grade, type GradeRun } from "./_grade_run.ts";
import { type Worktree, worktree } from "./_worktree.ts";
import { median, medianBy } from "./_median.ts";

const { values } = parseArgs({
  options: {
    baseline: { type: "string" },
    scale: { type: "string", default: "1,50,200" },
    "cpu-hosts": { type: "string", default: "15" },
    "cpu-jobs": { type: "string", default: "3" },
    rounds: { type: "string", default: "3" },
    jobs: { type: "string", default: "16" },
    "skip-scale": { type: "boolean", default: false },
    profile: { type: "string" },
  },
});
const scale = values.scale.split(",").map(Number);
const rounds = Number(values.rounds);
const defaultJobs = Number(values.jobs);
const LESSON = "container-networking";
const BASE = ["alpine:latest", "redis:7-alpine"];
const FULL = [...BASE, "postgres:16-alpine", "python:3.12-alpine"];
/** The extra sshd inside each student host that the cost runs log in to. */
const SCALE_PORT = 2222;

const dir = mkdtempSync(join(tmpdir(), "rl-grade-bench-"));

/** Runs a command, resolving with its exit code and output. */
function sh(
  argv: string[],
  cwd?: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

/** Grades the inventory rows with the runner in `tree`. */
const gradeRows = (tree: string, rows: string[], jobs: number, label: string) =>
  grade({ tree, rows, jobs, label, dir, lesson: LESSON, profile: values.profile });

/** The figures of one tree. */
interface Figures {
  latency: { complete: number; empty: number };
  /** Empty hosts in flight. */
  scale: Array<{ hosts: number; run: GradeRun; graded: number }>;
  /** Complete hosts: one, then --cpu-hosts. */
  cpu: Array<{ hosts: number; run: GradeRun; fullMarks: number }>;
  /**
   * CPU seconds per complete host from the first host's end to the last's in the --cpu-hosts
   * runs (the run of median figure): start-up and exit left out.
   */
  spanCpu?: { cpu: number; sys: number };
}

async function measure(tree: string, name: string, klass: SimulatedClass): Promise<Figures> {
  const slug = name.replaceAll(/[^a-z0-9]+/gi, "-");
  const row = (id: string, host: string, port: number, key: string) =>
    `${id},${host},${port},root,${klass.keyPath},${key}`;
  const m = (id: string) => klass.machines.get(id)!;
  const latency = { complete: 0, empty: 0 };
  for (const [id, score] of [["complete", 21], ["empty", 0]] as const) {
    const ms: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const run = await gradeRows(
        tree,
        [
          row(id, "127.0.0.1", m(id).port, m(id).hostKey),
        ],
        1,
        `${slug}-${id}-${round}`,
      );
      const host = run.report.hosts[0];
      if (host.status !== "graded" || host.score !== score) {
        throw new Error(
          `${name}: ${id} graded ${host.status} ${host.score}/21, not ${score}: ${
            JSON.stringify(host.checks.filter((c) => c.status !== "pass").map((c) => c.message))
          }`,
        );
      }
      ms.push(host.durationMs);
      console.log(
        `  ${name} ${id}: ${(host.durationMs / 1000).toFixed(2)} s; per check (ms): ${
          host.checks.map((c) => `${c.id} ${Math.round(c.durationMs)}`).join(", ")
        }`,
      );
    }
    latency[id] = median(ms) / 1000;
  }
  const figures: Figures = { latency, scale: [], cpu: [] };
  if (values["skip-scale"]) return figures;
  const endpoint = async (id: string) => {
    const ip = await docker(["inspect", "-f", "{{.NetworkSettings.IPAddress}}", m(id).container]);
    return (n: number) =>
      Array.from(
        { length: n },
        (_, i) => row(`s${i + 1}`, ip.stdout.trim(), SCALE_PORT, m(id).hostKey),
      );
  };
  const complete = await endpoint("complete");
  // Start-up alone costs seconds of CPU and varies by tenths from run to run: each count of
  // hosts is graded --rounds times, alternating, and the run of median CPU stands for it.
  const sizes = [1, Number(values["cpu-hosts"])];
  const runs = new Map<number, GradeRun[]>(sizes.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (const hosts of sizes) {
      const run = await gradeRows(
        tree,
        complete(hosts),
        Number(values["cpu-jobs"]),
        `${slug}-cpu-${hosts}-${round}`,
      );
      runs.get(hosts)!.push(run);
      console.log(
        `  ${name} ${hosts} complete hosts: CPU ${run.cpu.toFixed(2)} s (system ${
          run.sys.toFixed(2)
        } s), peak RSS ${
          run.rssMb.toFixed(0)
        } MB, ${run.report.summary.fullMarks}/${hosts} full marks, median host ${
          hostMedian(run)
        } s, ${attemptsPerHost(run)} check attempts per host${spanText(run)}`,
      );
      missed(run, true);
    }
  }
  for (const hosts of sizes) {
    const run = medianBy(runs.get(hosts)!, (r) => r.cpu);
    figures.cpu.push({ hosts, run, fullMarks: run.report.summary.fullMarks });
  }
  const spans = runs.get(sizes[1])!.flatMap((run) => run.span ? [run.span] : []);
  if (spans.length > 0) {
    const middle = medianBy(spans, (span) => span.cpu / span.hosts);
    figures.spanCpu = { cpu: middle.cpu / middle.hosts, sys: middle.sys / middle.hosts };
  }
  const empty = await endpoint("empty");
  for (const hosts of scale) {
    const run = await gradeRows(tree, empty(hosts), hosts, `${slug}-scale-${hosts}`);
    const graded = run.report.summary.graded;
    figures.scale.push({ hosts, run, graded });
    console.log(
      `  ${name} ${hosts} empty hosts at once: wall ${run.wall.toFixed(1)} s, CPU ${
        run.cpu.toFixed(2)
      } s, peak RSS ${run.rssMb.toFixed(0)} MB, ${graded}/${hosts} graded`,
    );
    missed(run, false);
  }
  return figures;
}

/** The median host's grading time in seconds. */
function hostMedian(run: GradeRun): string {
  return (median(run.report.hosts.map((h) => h.durationMs)) / 1000).toFixed(2);
}

/** The run's CPU per host between its first and last host's end, for its progress line. */
function spanText(run: GradeRun): string {
  if (!run.span) return "";
  const ms = (seconds: number) => (seconds * 1000 / run.span!.hosts).toFixed(1);
  return `; from the first host's end to the last's, ${ms(run.span.cpu)} ms CPU per host ` +
    `(system ${ms(run.span.sys)})`;
}

/**
 * The mean number of check attempts per host: more than the checks' count when checks retried,
 * as they do while an engine shared by gradings answers late, which costs requests and CPU.
 */
function attemptsPerHost(run: GradeRun): string {
  const attempts = run.report.hosts.flatMap((h) => h.checks.map((c) => c.attempts));
  return (attempts.reduce((a, b) => a + b, 0) / run.report.hosts.length).toFixed(1);
}

/** Prints why hosts were not graded, and for complete hosts why they fell short of full marks. */
function missed(run: GradeRun, complete: boolean): void {
  const counts = new Map<string, number>();
  for (const host of run.report.hosts) {
    if (host.status === "graded" && !complete) continue;
    for (const c of host.checks.filter((c) => c.status !== "pass")) {
      const key = `${c.id} ${c.status}: ${String(c.message ?? host.reason).slice(0, 140)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  for (const [what, n] of counts) console.log(`    ${n}x ${what}`);
}

/** CPU seconds per host: the growth from the first run to the last, per host added. */
function cpuPerHost(
  runs: Array<{ hosts: number; run: GradeRun }>,
  part: "cpu" | "sys" = "cpu",
): number | undefined {
  if (runs.length < 2) return undefined;
  const first = runs[0];
  const last = runs[runs.length - 1];
  return (last.run[part] - first.run[part]) / (last.hosts - first.hosts);
}

function summary(name: string, f: Figures): string[] {
  const lines = [
    `${name}:`,
    `  latency at --jobs 1: complete host ${f.latency.complete.toFixed(2)} s (goal < 2 s), ` +
    `empty host ${f.latency.empty.toFixed(2)} s (goal < 1 s)`,
  ];
  for (const s of f.scale) {
    lines.push(
      `  ${String(s.hosts).padStart(3)} empty hosts in flight: CPU ${s.run.cpu.toFixed(2)} s, ` +
        `peak RSS ${s.run.rssMb.toFixed(0)} MB${s.hosts >= 200 ? " (goal < 250 MB)" : ""}, ` +
        `wall ${s.run.wall.toFixed(1)} s, ${s.graded}/${s.hosts} graded`,
    );
  }
  const perEmpty = cpuPerHost(f.scale);
  if (perEmpty !== undefined) {
    lines.push(
      `  grader CPU per empty host: ${(perEmpty * 1000).toFixed(1)} ms, of which system ${
        ((cpuPerHost(f.scale, "sys") ?? 0) * 1000).toFixed(1)
      } ms`,
    );
  }
  const cpu = cpuPerHost(f.cpu);
  if (cpu !== undefined) {
    lines.push(
      `  grader CPU per complete host: ${(cpu * 1000).toFixed(1)} ms (goal < 50 ms), of which ` +
        `system ${((cpuPerHost(f.cpu, "sys") ?? 0) * 1000).toFixed(1)} ms`,
    );
    if (f.spanCpu) {
      lines.push(
        `  the same from the first host's end to the last's (start-up and exit left out): ` +
          `${(f.spanCpu.cpu * 1000).toFixed(1)} ms, of which system ${
            (f.spanCpu.sys * 1000).toFixed(1)
          } ms`,
      );
    }
    const cores = cpus().length;
    for (const jobs of [defaultJobs, Math.max(...scale)]) {
      const byLatency = jobs * 60 / f.latency.complete;
      const byCpu = cores * 60 / cpu;
      lines.push(
        `  throughput at --jobs ${jobs}: min(${jobs} x 60 / ${f.latency.complete.toFixed(2)}, ` +
          `${cores} x 60 / ${cpu.toFixed(3)}) = ${Math.min(byLatency, byCpu).toFixed(0)} hosts/min`,
      );
    }
  }
  return lines;
}

let klass: SimulatedClass | undefined;
let base: Worktree | undefined;
try {
  if (values.baseline) base = worktree(values.baseline, dir);
  console.log("setting up: a complete and an empty student host (Docker-in-Docker)");
  klass = await startClass([
    { id: "complete", images: FULL },
    { id: "empty", images: BASE },
  ]);
  const m = klass.machines.get("complete")!;
  const knownHosts = join(dir, "known_hosts");
  writeFileSync(knownHosts, `[127.0.0.1]:${m.port} ${m.hostKey}\n`);
  const lesson = await sh([
    process.execPath,
    "runner/bin.js",
    "run",
    LESSON,
    "--offline",
    "--keep",
    "--to",
    "three-tier",
    "--target",
    `ssh://root@127.0.0.1:${m.port}`,
    "--identity",
    klass.keyPath,
    "--known-hosts",
    knownHosts,
  ]);
  if (lesson.code !== 0) throw new Error(`the lesson run failed: ${lesson.out}${lesson.err}`);
  // One more sshd in each host, for many logins at once (MaxStartups well above 200).
  for (const id of ["complete", "empty"]) {
    await klass.sh(
      id,
      `/usr/sbin/sshd -p ${SCALE_PORT} -o HostKey=/etc/ssh/ssh_host_ed25519_key ` +
        "-o PermitRootLogin=prohibit-password -o PasswordAuthentication=no " +
        "-o AllowStreamLocalForwarding=yes -o MaxStartups=1000:100:1000",
    );
  }
  const results: Array<[string, Figures]> = [];
  results.push(["this tree", await measure(process.cwd(), "this tree", klass)]);
  if (base) {
    results.push([
      `baseline ${values.baseline}`,
      await measure(base.path, "baseline", klass),
    ]);
  }
  console.log(`\nresults (${cpus().length} cores)`);
  for (const [name, f] of results) for (const line of summary(name, f)) console.log(line);
  if (results.length === 2) {
    const [now, was] = results.map(([, f]) => f);
    console.log(
      `speed-up: complete host ${(was.latency.complete / now.latency.complete).toFixed(1)}x, ` +
        `empty host ${(was.latency.empty / now.latency.empty).toFixed(1)}x`,
    );
  }
} finally {
  await klass?.stop();
  try {
    base?.remove();
  } catch (error) {
    console.error(`removing the baseline worktree: ${(error as Error).message}`);
  }
  rmSync(dir, { recursive: true, force: true });
}
