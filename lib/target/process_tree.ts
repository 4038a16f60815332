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
 * What to signal so that everything the shell started stops and the shell itself does not:
 * the process groups of its jobs (as negative numbers) and, for descendants left in the
 * shell's own group, their pids. Reads this machine's `/proc`.
 */
export function signalTargets(shellPid: number): number[] {
  const parents = new Map<number, number[]>();
  const groups = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "latin1");
    } catch {
      continue;
    }
    // The command name may hold spaces and parentheses: parse after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    groups.set(pid, Number(fields[2]));
    const siblings = parents.get(ppid) ?? [];
    siblings.push(pid);
    parents.set(ppid, siblings);
  }
  const result = new Set<number>();
  const pending = [...(parents.get(shellPid) ?? [])];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    const group = groups.get(pid);
    if (group !== undefined) result.add(group === shellPid ? pid : -group);
    pending.push(...(parents.get(pid) ?? []));
  }
  return [...result];
}

/** Sends `signal` to everything a local shell started (see {@link signalTargets}). */
export function signalLocalTree(shellPid: number, signal: StopSignal): void {
  for (const target of signalTargets(shellPid)) {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * The remote form of {@link signalTargets}: prints one target a line for the shell whose pid
 * is `$1`. Reads /proc with awk (busybox's will do), so it needs no ps on the host.
 */
const SIGNAL_TARGETS_SCRIPT = `awk -v root="$1" '
{ i = index($0, ") "); split(substr($0, i + 2), f, " "); ppid[$1] = f[2]; pg[$1] = f[3] }
END {
  for (p in ppid) {
    q = p
    while ((q in ppid) && q != root && q > 1) q = ppid[q]
    if (q == root && p != root) print (pg[p] == pg[root] ? p : "-" pg[p])
  }
}' /proc/[0-9]*/stat 2>/dev/null | sort -u`;

/** How {@link signalTreeCommand} ends. */
export interface SignalTreeOptions {
  /**
   * Then send SIGINT to the shell itself, which breaks it out of the running command (its INT
   * trap only acts while a command runs). True when absent.
   */
  breakShell?: boolean;
}

/**
 * One line of POSIX shell that sends `signal` to everything the shell with pid `shellPid`
 * started (and, by default, interrupts that shell), for a second shell or exec on the same host
 * or in the same container to run. The targets are listed first, so that nothing of the next
 * command is touched; the shell is interrupted before its job is signalled, so that its INT trap
 * is pending when the job ends and the shell leaves the command before running another line of
 * it (a loop would otherwise go round once more between the two signals).
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
  const breakFirst = options.breakShell ?? true ? ` kill -INT ${shellPid} 2>/dev/null;` : "";
  return `set -- ${shellPid}; __rl_t=$(${SIGNAL_TARGETS_SCRIPT});${breakFirst} for t in $__rl_t; do kill -${name} -- "$t" 2>/dev/null; done;`;
}

/** One line of POSIX shell that kills everything the shell started, and then the shell. */
export function killTreeCommand(shellPid: number): string {
  return `${
    signalTreeCommand(shellPid, "SIGKILL", { breakShell: false })
  } kill -KILL ${shellPid} 2>/dev/null`;
}
