/**
 * Background jobs: what a session's commands left running after they ended (`server &`,
 * `nohup … &`, a double fork). Every process a session's shell starts inherits the target's tag
 * in its environment (see shell_framing.ts), so the jobs are found by reading
 * `/proc/<pid>/environ`, wherever they were reparented to, and killed with their process
 * groups. Here that scan runs in JavaScript; on a remote host or inside a container the same
 * scan runs as a small POSIX script.
 * @module
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { procStat } from "./process_tree.ts";
import { SESSION_TAG_VARIABLE } from "./shell_framing.ts";

/** One process a session started that is still there. */
export interface TaggedProcess {
  /** Its pid. */
  pid: number;
  /** Its process group. */
  pgid: number;
  /** Its command line, arguments joined by spaces. */
  command: string;
}

/** A background job: the tagged processes of one process group. */
export interface BackgroundJob {
  /** The process group; the job leader's pid for a job started with `&`. */
  pgid: number;
  /** The tagged processes in it. */
  pids: number[];
  /** The command line of its first process. */
  command: string;
}

/** A new random tag for one target's sessions. */
export function newSessionTag(): string {
  return randomBytes(8).toString("hex");
}

/** The processes on this machine that carry `tag` in their environment. */
export function localTaggedProcesses(tag: string): TaggedProcess[] {
  const needle = Buffer.from(`${SESSION_TAG_VARIABLE}=${tag}\0`, "latin1");
  const found: TaggedProcess[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`).indexOf(needle) === -1) continue;
      const fields = procStat(entry);
      if (fields === undefined) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      found.push({ pid: Number(entry), pgid: Number(fields[2]), command });
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/**
 * The remote form of {@link localTaggedProcesses}: a POSIX shell snippet printing `pid pgid
 * command` for each process that carries `tag`. One `cat` reads every process's stat line and
 * then its environment (busybox's grep stops reading a line at its first NUL, so a grep of the
 * environ files misses most variables); awk tells the processes apart by their stat lines.
 */
export function taggedProcessesScript(tag: string): string {
  _checkTag(tag);
  return `set --; for d in /proc/[0-9]*; do set -- "$@" "$d/stat" "$d/environ"; done
cat "$@" 2>/dev/null | tr '\\000' '\\n' | awk -v want='${SESSION_TAG_VARIABLE}=${tag}' '
/^[0-9]+ [(]/ { i = index($0, ") "); split(substr($0, i + 2), f, " "); pid = $1; pg = f[3]; next }
$0 == want && pid != "" { print pid, pg; pid = "" }' | while read -r p g; do
printf '%s %s %s\\n' "$p" "$g" "$(tr '\\000' ' ' </proc/$p/cmdline 2>/dev/null)"
done`;
}

/** Reads the lines {@link taggedProcessesScript} prints. */
export function parseTaggedProcesses(text: string): TaggedProcess[] {
  const found: TaggedProcess[] = [];
  for (const line of text.split("\n")) {
    const match = /^(\d+) (\d+) ?(.*)$/.exec(line);
    if (match) {
      found.push({ pid: Number(match[1]), pgid: Number(match[2]), command: match[3].trim() });
    }
  }
  return found;
}

/** Groups processes into jobs by process group, leaving out the given pids (the shell). */
export function groupJobs(processes: TaggedProcess[], except: number[] = []): BackgroundJob[] {
  const jobs = new Map<number, BackgroundJob>();
  for (const process of processes) {
    if (except.includes(process.pid)) continue;
    const job = jobs.get(process.pgid);
    if (job) job.pids.push(process.pid);
    else {jobs.set(process.pgid, {
        pgid: process.pgid,
        pids: [process.pid],
        command: process.command,
      });}
  }
  return [...jobs.values()].sort((a, b) => a.pgid - b.pgid);
}

/**
 * Lists the jobs with `scan`, and again (3 times at most, 30 ms apart) while `incomplete` says
 * the list is not yet what it will be an instant later: a job forked an instant ago shows the
 * shell's command line until it runs its program, and a process in the middle of an exec shows
 * an empty environment in /proc, so a scan can miss it.
 */
export async function listJobs(
  scan: () => BackgroundJob[] | Promise<BackgroundJob[]>,
  incomplete: (jobs: BackgroundJob[]) => boolean,
): Promise<BackgroundJob[]> {
  let jobs = await scan();
  for (let i = 0; i < RELISTS && incomplete(jobs); i++) {
    await new Promise((resolve) => setTimeout(resolve, RELIST_MS));
    jobs = await scan();
  }
  return jobs;
}

/**
 * {@link listJobs} on a remote host or in a container: `run` runs a POSIX script there and
 * resolves with its stdout. The script scans for the tagged processes, then says which of the
 * groups the shell `reported` are still there (`alive <pgid>` lines); it runs again while one of
 * those is alive and not listed. `shell` is the shell's own pid, left out.
 */
export function listRemoteJobs(
  run: (script: string) => Promise<string>,
  tag: string,
  reported: readonly number[],
  shell: number | undefined,
): Promise<BackgroundJob[]> {
  const groups = reported.filter((g) => Number.isSafeInteger(g) && g > 0);
  const script = groups.length === 0 ? taggedProcessesScript(tag) : `${taggedProcessesScript(tag)}
for g in ${groups.join(" ")}; do [ -d /proc/$g ] && echo "alive $g"; done; :`;
  let alive: number[] = [];
  return listJobs(
    async () => {
      const text = await run(script);
      alive = [...text.matchAll(/^alive (\d+)$/gm)].map((m) => Number(m[1]));
      return groupJobs(parseTaggedProcesses(text), shell ? [shell] : []);
    },
    (jobs) => alive.some((g) => !jobs.some((j) => j.pgid === g)),
  );
}

/** How many times, and how long apart, {@link listJobs} lists again. */
const RELISTS = 3;
const RELIST_MS = 30;

/**
 * Kills every process on this machine that carries `tag`, each with its process group, and
 * returns how many were listed.
 */
export function killLocalTagged(tag: string): number {
  const listed = localTaggedProcesses(tag);
  for (const process_ of listed) {
    for (const target of [-process_.pgid, process_.pid]) {
      try {
        process.kill(target, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  return listed.length;
}

/**
 * Kills the processes that carry `tag` until none is listed, or `withinMs` has passed. A killed
 * process is listed until it has exited, and one caught between fork and exec may be missed by
 * a scan, so one pass is not enough.
 */
export async function killLocalTaggedUntilGone(tag: string, withinMs = 1_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (killLocalTagged(tag) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The remote form of {@link killLocalTagged}, one line of POSIX shell. */
export function killTaggedScript(tag: string): string {
  return `${
    taggedProcessesScript(tag)
  } | while read -r p g c; do kill -KILL -$g 2>/dev/null; kill -KILL $p 2>/dev/null; done`;
}

/** Describes jobs for a message: `sleep 4242 (process group 123)`, joined with commas. */
export function describeJobs(jobs: BackgroundJob[]): string {
  return jobs.map((job) => `"${_short(job.command)}" (process group ${job.pgid})`).join(", ");
}

function _short(command: string): string {
  return command.length > 60 ? `${command.slice(0, 57)}...` : command;
}

function _checkTag(tag: string): void {
  if (!/^[0-9a-f]+$/.test(tag)) {
    throw new TypeError(`Cannot look for a session's processes: tag "${tag}" is not hex digits`);
  }
}
