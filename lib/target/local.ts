/**
 * The local target: one persistent bash (or sh) on this machine.
 * @module
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import type { DockerClient } from "../docker/mod.ts";
import type { StopSignal } from "../lesson/types.ts";
import { signalLocalTree } from "./process_tree.ts";
import { ShellSession, type ShellTransport } from "./shell_session.ts";
import { BOOTSTRAP } from "./shell_framing.ts";
import {
  type BackgroundJob,
  groupJobs,
  killLocalTagged,
  killLocalTaggedUntilGone,
  listJobs,
  localTaggedProcesses,
  newSessionTag,
} from "./background_jobs.ts";
import type { CommandResult, OpenedTarget, RunOptions, Target, TargetSetup } from "./types.ts";
import { requireShellPlacement, TargetError } from "./types.ts";

/** Options for the local target. */
export interface LocalTargetOptions {
  /** Working directory the shell starts in; the current one when absent. */
  cwd?: string;
  /** Extra environment variables for the shell. */
  env?: Record<string, string>;
  /** Shell code run whenever the shell starts (again), e.g. function definitions. */
  prelude?: string;
}

/**
 * Runs commands in one persistent local shell; a shell that ends (`exit`) is restarted for the
 * next command. What the commands leave running is listed by `backgroundJobs()` and killed by
 * `close()`.
 */
export class LocalTarget implements Target {
  /** Always `local`. */
  readonly name = "local";
  #options: LocalTargetOptions;
  #session: ShellSession | undefined;
  #closed = false;
  #tag = newSessionTag();

  /** Creates the target; the shell starts with the first command. */
  constructor(options: LocalTargetOptions = {}) {
    this.#options = options;
  }

  /** Runs a command in the shell; a `where` other than the shell is refused. */
  async run(command: string, options: RunOptions): Promise<CommandResult> {
    requireShellPlacement("the local target", command, options);
    if (this.#closed) throw new TargetError("Cannot run command: the local target is closed");
    if (!this.#session?.alive) this.#session = startLocalShell(this.#tag, this.#options);
    return await this.#session.runReportingLoss(command, options);
  }

  /** The processes the commands started that are still running, by process group. */
  backgroundJobs(): Promise<BackgroundJob[]> {
    const session = this.#session?.alive ? this.#session : undefined;
    const shell = session?.shellPid;
    // A job the shell reported, still running (its leader's pid is its group), yet not listed.
    const reported = session?.jobGroups ?? [];
    return listJobs(
      () => groupJobs(localTaggedProcesses(this.#tag), shell ? [shell] : []),
      (jobs) => reported.some((g) => !jobs.some((j) => j.pgid === g) && existsSync(`/proc/${g}`)),
    );
  }

  /** Kills what the commands left running, with their process groups, then ends the shell. */
  async close(): Promise<void> {
    this.#closed = true;
    killLocalTagged(this.#tag);
    await this.#session?.close();
    await killLocalTaggedUntilGone(this.#tag);
  }
}

/**
 * Starts a persistent shell on this machine: the bootstrap of shell_framing.ts in its own
 * process group, every process it starts tagged with `tag`.
 */
export function startLocalShell(tag: string, options: LocalTargetOptions = {}): ShellSession {
  const child = spawn("/bin/sh", ["-c", BOOTSTRAP], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
    detached: true,
  });
  const group = child.pid;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const transport: ShellTransport = {
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    interrupt(signal: StopSignal, shellPid: number, except: readonly number[]) {
      signalLocalTree(shellPid, signal, except);
      return Promise.resolve();
    },
    breakShell(shellPid: number) {
      try {
        process.kill(shellPid, "SIGINT");
      } catch {
        // already gone
      }
      return Promise.resolve();
    },
    async destroy(shellPid: number | undefined) {
      if (shellPid !== undefined) signalLocalTree(shellPid, "SIGKILL");
      if (group !== undefined && child.exitCode === null && child.signalCode === null) {
        try {
          // The bootstrap's group: the bootstrap, its pipe readers and the shell.
          process.kill(-group, "SIGKILL");
        } catch {
          // already gone
        }
      }
      await exited;
    },
  };
  return new ShellSession(transport, { tag, prelude: options.prelude });
}

/** Opens `local`: a shell on this machine in the lesson's folder, and this machine's engine. */
export function openLocal(url: string, setup: TargetSetup): Promise<OpenedTarget> {
  checkLocalUrl(url);
  const shell = new LocalTarget({ cwd: setup.lessonDir, prelude: setup.prelude });
  let docker: Promise<DockerClient> | undefined;
  return Promise.resolve({
    shell,
    docker: () => (docker ??= setup.localDocker()),
    close: () => shell.close(),
  });
}

/** Throws a TypeError (a usage error) unless the URL is `local`. */
export function checkLocalUrl(url: string): void {
  if (url !== "local") throw new TypeError(`Cannot parse target "${url}": expected local`);
}
