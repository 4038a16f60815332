/**
 * One `run-lesson grade` run of the grade bench, under `/usr/bin/time`: its wall and CPU
 * seconds, peak RSS and report, and the grader's CPU from the end of its first host to the end
 * of its last, read from /proc while it runs. That span leaves out the start-up (loading and
 * compiling the modules: about two seconds of CPU that vary by tenths from run to run) and the
 * exit, so with one host at a time it is the cost of the hosts after the first alone.
 * @module
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { GradeReport } from "../lib/grade/report.ts";
import { procStat } from "../lib/target/process_tree.ts";

/** What one run cost, and its report. */
export interface GradeRun {
  wall: number;
  cpu: number;
  /** The system part of `cpu`: on loopback it holds the hosts' side of every packet sent. */
  sys: number;
  rssMb: number;
  report: GradeReport;
  /** CPU seconds from the first host's end to the last's, and how many hosts ended in it. */
  span?: { cpu: number; sys: number; hosts: number };
}

/** How one run is made. */
export interface GradeRunOptions {
  /** The work tree whose runner grades. */
  tree: string;
  /** Inventory rows (`id,host,port,user,identity_file,host_key`). */
  rows: string[];
  jobs: number;
  /** Names the inventory and output folder inside `dir`. */
  label: string;
  dir: string;
  lesson: string;
  /** A folder for a CPU profile of the run (`node --cpu-prof`). */
  profile?: string;
}

/** Clock ticks per second of /proc's CPU times. */
const TICKS = 100;

/** User and system CPU seconds of a process so far, or undefined once it is gone. */
function cpuOf(pid: number): { user: number; sys: number } | undefined {
  const fields = procStat(pid);
  return fields && { user: Number(fields[11]) / TICKS, sys: Number(fields[12]) / TICKS };
}

/** The first child of a process (the grader under /usr/bin/time), once it has one. */
function childOf(pid: number): number | undefined {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, "latin1").trim().split(" ")[0];
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}

/** Grades the inventory rows with the runner in `options.tree`. */
export async function grade(options: GradeRunOptions): Promise<GradeRun> {
  const { dir, label } = options;
  const inventory = join(dir, `${label}.csv`);
  writeFileSync(
    inventory,
    ["id,host,port,user,identity_file,host_key", ...options.rows, ""].join("\n"),
  );
  const out = join(dir, `out-${label}`);
  rmSync(out, { recursive: true, force: true });
  const argv = [
    "/usr/bin/time",
    "-f",
    "rl-time %e %U %S %M",
    process.execPath,
    ...(options.profile ? ["--cpu-prof", "--cpu-prof-dir", options.profile] : []),
    join(options.tree, "runner/bin.js"),
    "grade",
    options.lesson,
    "--hosts",
    inventory,
    "--out",
    out,
    "--jobs",
    String(options.jobs),
    "--reporter",
    "json",
  ];
  const child = spawn(argv[0], argv.slice(1), { cwd: options.tree, stdio: "pipe" });
  let err = "";
  let pending = "";
  let first: { user: number; sys: number; ended: number } | undefined;
  let last: { user: number; sys: number; ended: number } | undefined;
  child.stdout.resume();
  child.stderr.on("data", (chunk) => {
    err += chunk;
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) {
      // The progress line of each host as it ends: `[k/N] id score (s)`.
      const ended = /^\[(\d+)\/\d+\] /.exec(line);
      const grader = ended && childOf(child.pid!);
      const cpu = grader ? cpuOf(grader) : undefined;
      if (!ended || !cpu) continue;
      const mark = { ...cpu, ended: Number(ended[1]) };
      first ??= mark;
      last = mark;
    }
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const time = /rl-time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(err);
  if (!time || !existsSync(join(out, "grades.json"))) {
    throw new Error(`grade ${label} failed (exit ${code}): ${err.slice(-2000)}`);
  }
  const report: GradeReport = JSON.parse(readFileSync(join(out, "grades.json"), "utf8"));
  const span = first && last && last.ended > first.ended
    ? {
      cpu: last.user + last.sys - first.user - first.sys,
      sys: last.sys - first.sys,
      hosts: last.ended - first.ended,
    }
    : undefined;
  return {
    wall: Number(time[1]),
    cpu: Number(time[2]) + Number(time[3]),
    sys: Number(time[3]),
    rssMb: Number(time[4]) / 1024,
    report,
    span,
  };
}
