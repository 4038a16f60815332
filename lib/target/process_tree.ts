/**
 * Stopping what a shell started without stopping the shell: the jobs' process groups and any
 * descendants left in the shell's own group (command substitutions), found by walking `/proc`.
 * Here that walk runs in JavaScript; on a remote host or inside a container the same walk runs
 * as a small awk script, so the host needs no `ps`.
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";
import type { StopSignal } from "../lesson/types.ts";

/**
 * The fields of `/proc/<pid>/stat` after the command name (state, ppid, process group, … with
 * utime and stime at 11 and 12), or undefined once the process is gone. The name may hold
 * spaces and parentheses, so the fields start after the last ")".
 */
export function procStat(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/**
 * What to signal so that everything the shell started stops and the shell itself does not:
 * the process groups of its jobs (as negative numbers) and, for descendants left in the
 * shell's own group, their pids. Reads this machine's `/proc`. Processes in the process groups
 * `except` (background jobs of earlier commands), and what they started, are left alone.
 */
export function signalTargets(shellPid: number, except: readonly number[] = []): number[] {
  const parents = new Map<number, number[]>();
  const groups = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = procStat(entry);
    if (fields === undefined) continue;
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    groups.set(pid, Number(fields[2]));
    const siblings = parents.get(ppid) ?? [];
    siblings.push(pid);
    parents.set(ppid, siblings);
  }
  const result = new Set<number>();
  // The shell's own group is the session's (a session's bash leads none): what is left in it
  // (a command substitution, a job forked an instant ago) is signalled by pid, as the remote
  // script does; signalling the group would end the session.
  const shellGroup = groups.get(shellPid) ?? shellPid;
  const pending = [...(parents.get(shellPid) ?? [])];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    const group = groups.get(pid);
    if (group !== undefined && except.includes(group)) continue;
    if (group !== undefined) result.add(group === shellGroup ? pid : -group);
    pending.push(...(parents.get(pid) ?? []));
  }
  return [...result];
}

/** Sends `signal` to everything a local shell started (see {@link signalTargets}). */
export function signalLocalTree(
  shellPid: number,
  signal: StopSignal,
  except: readonly number[] = [],
): void {
  for (const target of signalTargets(shellPid, except)) {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * The remote form of {@link signalTargets}: a POSIX shell snippet that prints one target a line
 * for the shell whose pid is `$1`, leaving out the process groups listed in `$2` (commas around
 * each, e.g. `,123,456,`) and what they started. Reads /proc with awk (busybox's will do), so it
 * needs no ps. `cat` reads the files, not awk: mawk gives up on the first file it cannot open,
 * and a process that ends between the glob and the read is common on a busy host.
 */
export const SIGNAL_TARGETS_SCRIPT =
  `cat /proc/[0-9]*/stat 2>/dev/null | awk -v root="$1" -v skip="$2" '
{ i = index($0, ") "); split(substr($0, i + 2), f, " "); ppid[$1] = f[2]; pg[$1] = f[3] }
END {
  for (p in ppid) {
    q = p; kept = 1
    while ((q in ppid) && q != root && q > 1) {
      if (index(skip, "," pg[q] ",")) kept = 0
      q = ppid[q]
    }
    if (kept && q == root && p != root) print (pg[p] == pg[root] ? p : "-" pg[p])
  }
}' | sort -u`;

/** How {@link signalTreeCommand} ends. */
export interface SignalTreeOptions {
  /**
   * Then send SIGINT to the shell itself, which breaks it out of the running command (its INT
   * trap only acts while a command runs). True when absent.
   */
  breakShell?: boolean;
  /** Process groups to leave alone, with what they started (background jobs); none when absent. */
  except?: readonly number[];
}

/**
 * One line of POSIX shell that sends `signal` to everything the shell with pid `shellPid`
 * started (and, by default, interrupts that shell), for a second shell or exec on the same host
 * or in the same container to run. The shell is stopped (SIGSTOP) while its processes are listed
 * and signalled, and continued at the end: listing /proc can take longer on a busy host than a
 * loop takes to go round, and a stopped shell neither goes round again nor starts the next
 * command, whose processes must never be touched. Its SIGINT is pending when it continues, so its
 * INT trap ends the command as soon as the signalled job has ended. No `--` before a negative
 * pid: dash's kill takes it for a number and signals nothing.
 *
 * @example
 * ```ts
 * control.write(`${signalTreeCommand(4242, "SIGINT")}\n`);
 * ```
 */
export function signalTreeCommand(
  shellPid: number,
  signal: StopSignal,
  options: SignalTreeOptions = {},
): string {
  if (!Number.isInteger(shellPid) || shellPid <= 1) {
    throw new RangeError(`Cannot signal the processes of shell pid ${shellPid}: not a shell's pid`);
  }
  const name = signal.replace(/^SIG/, "");
  const pid = shellPid;
  const breakShell = options.breakShell ?? true ? ` kill -INT ${pid} 2>/dev/null;` : "";
  const except = options.except ?? [];
  if (!except.every((group) => Number.isInteger(group) && group > 1)) {
    throw new RangeError(`Cannot leave process groups ${except.join(", ")} alone: not groups`);
  }
  return `set -- ${pid} ,${
    except.join(",")
  },; kill -STOP ${pid} 2>/dev/null; __rl_t=$(${SIGNAL_TARGETS_SCRIPT});${breakShell} for t in $__rl_t; do kill -${name} "$t" 2>/dev/null; done; kill -CONT ${pid} 2>/dev/null;`;
}

/** One line of POSIX shell that kills everything the shell started, and then the shell. */
export function killTreeCommand(shellPid: number): string {
  return `${
    signalTreeCommand(shellPid, "SIGKILL", { breakShell: false })
  } kill -KILL ${shellPid} 2>/dev/null`;
}

/** Whether a process with this id runs on this machine (as any user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
