/**
 * One run of a lesson at a time per machine: a lesson on a Docker engine creates containers and
 * networks under fixed names, and removes what an earlier run of it left before it starts, so two
 * runs at once would delete each other's resources. A run takes the lesson's lock on the machine
 * whose shell it uses (the one that reaches the engine): a directory made atomically with
 * `mkdir`, holding the owner's run id, host name, process id and shell process id. A second run
 * refuses at once, naming the first. A lock whose owner is gone (its shell ended, or its CLI
 * process on this host was killed) is taken over, and a shell it left behind is killed with
 * everything it started.
 *
 * @example
 * ```ts
 * const lock = await takeRunLock(shell, { lesson: "container-networking", runId });
 * try {
 *   // … run the lesson …
 * } finally {
 *   await lock.release();
 * }
 * ```
 * @module
 */
import { hostname } from "node:os";
import { shellQuote } from "../shell_quote.ts";
import { killTreeCommand, processAlive } from "./process_tree.ts";

import type { Target } from "./types.ts";
import { TargetError } from "./types.ts";

/** Who holds a lesson's lock. */
export interface RunLockOwner {
  /** The run's id, as labelled on its resources. */
  runId: string;
  /** The host name of the machine the owning CLI runs on. */
  host: string;
  /** The owning CLI's process id on that machine. */
  pid: number;
  /** The process id of the owner's shell, on the machine that holds the lock. */
  shellPid: number;
}

/** A taken lock. */
export interface RunLock {
  /** The run that held the lock before, when this one took it over from a dead owner. */
  tookOverFrom?: RunLockOwner;
  /** Removes the lock (when it is still this run's). */
  release(): Promise<void>;
}

/** Another run of the lesson holds the lock. */
export class RunLockedError extends TargetError {
  /** The run that holds it. */
  readonly owner: RunLockOwner;
  constructor(lesson: string, owner: RunLockOwner) {
    super(
      `another run of ${lesson} is in progress on this machine (run ${owner.runId}, ` +
        `process ${owner.pid} on ${owner.host}): wait for it to end or stop it`,
    );
    this.owner = owner;
  }
}

/** What the lock is for, and how to tell whether a local process is alive (tests replace it). */
export interface RunLockOptions {
  /** The lesson id. */
  lesson: string;
  /** This run's id. */
  runId: string;
  /** Whether a process of this host is alive; `process.kill(pid, 0)` when absent. */
  alive?: (pid: number) => boolean;
}

const _LIMIT_MS = 15_000;

/** Takes the lesson's lock through `shell`, or throws RunLockedError naming its live owner. */
export async function takeRunLock(shell: Target, options: RunLockOptions): Promise<RunLock> {
  const here = hostname();
  const alive = options.alive ?? processAlive;
  const dir = `"\${TMPDIR:-/tmp}/run-lesson-locks-$(id -u)/"${
    shellQuote(options.lesson.replace(/[^A-Za-z0-9._-]/g, "_"))
  }`;
  const me = `${options.runId} ${here.replace(/\s/g, "_")} ${process.pid}`;
  let tookOverFrom: RunLockOwner | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await _sh(
      shell,
      `__rl_l=${dir}; mkdir -p "\${__rl_l%/*}" && chmod 700 "\${__rl_l%/*}" && ` +
        `if mkdir "$__rl_l" 2>/dev/null; then echo "${me} $$" > "$__rl_l/owner" && echo taken; ` +
        `else o=$(cat "$__rl_l/owner" 2>/dev/null); set -- $o; ` +
        `if [ -n "$4" ] && kill -0 "$4" 2>/dev/null; then echo "held $o"; else echo "dead $o"; fi; fi`,
    );
    const [state, ...fields] = r.trim().split(/\s+/);
    if (state === "taken") return _taken(shell, dir, options.runId, tookOverFrom);
    const owner = _owner(fields);
    if (state === "held" && owner !== undefined) {
      // The shell lives on; the owner is gone only if its CLI ran on this host and has ended.
      if (owner.host !== here || alive(owner.pid)) throw new RunLockedError(options.lesson, owner);
      // The shell may end on its own meanwhile (its input closed with its CLI): no matter.
      await _sh(shell, `${killTreeCommand(owner.shellPid)}; true`);
    }
    if (owner === undefined && attempt === 0) {
      // An owner file still being written, most likely: look again before removing anything.
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    // A dead owner (or a lock without one): remove it only if it is unchanged.
    tookOverFrom = owner;
    await _sh(
      shell,
      `__rl_l=${dir}; [ "$(cat "$__rl_l/owner" 2>/dev/null)" = ${
        shellQuote(fields.join(" "))
      } ] && rm -rf "$__rl_l"; true`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new TargetError(`Cannot take the lock of ${options.lesson} on this machine (${dir})`);
}

function _taken(
  shell: Target,
  dir: string,
  runId: string,
  tookOverFrom: RunLockOwner | undefined,
): RunLock {
  let released = false;
  return {
    tookOverFrom,
    async release() {
      if (released) return;
      released = true;
      await _sh(
        shell,
        `__rl_l=${dir}; set -- $(cat "$__rl_l/owner" 2>/dev/null); ` +
          `[ "$1" = ${shellQuote(runId)} ] && rm -rf "$__rl_l"; true`,
      ).catch(() => {});
    },
  };
}

/** Runs a lock script; throws a TargetError with its stderr and exit code when it fails. */
async function _sh(shell: Target, script: string): Promise<string> {
  const r = await shell.run(script, { timeoutMs: _LIMIT_MS });
  if (r.timedOut) throw new TargetError("Cannot take the run lock: timed out");
  if (r.exitCode !== 0) {
    const status = r.exitCode === null
      ? "no exit code: the session was lost"
      : `exit code ${r.exitCode}`;
    throw new TargetError(
      `Cannot take the run lock: ${r.stderr.trim() || "it failed"} (${status})`,
    );
  }
  return r.stdout;
}

function _owner(fields: string[]): RunLockOwner | undefined {
  const [runId, host, pid, shellPid] = fields;
  if (shellPid === undefined || !/^\d+$/.test(pid) || !/^\d+$/.test(shellPid)) return undefined;
  return { runId, host, pid: Number(pid), shellPid: Number(shellPid) };
}
