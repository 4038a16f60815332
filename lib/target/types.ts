/**
 * The target interface: where commands run. One persistent session per target.
 * @module
 */
import type { DockerClient } from "../docker/mod.ts";
import type { StopCondition, Where } from "../lesson/types.ts";
import type { ConnectSshOptions } from "../ssh/connect.ts";
import type { BackgroundJob } from "./background_jobs.ts";

/** Options for one command. */
export interface RunOptions {
  /** Time limit in milliseconds; the whole process group is killed when it passes. */
  timeoutMs: number;
  /** Ends a never-ending command early, keeping its partial output. */
  stop?: StopCondition;
  /** Where the command runs; the target's shell when absent. Only the docker target has more. */
  where?: Where;
  /** Names the interactive session this command opens (a `docker run -it` command; docker target). */
  opensSession?: string;
  /** Aborts the command as if it timed out (Ctrl-C of the whole run). */
  signal?: AbortSignal;
}

/** What one command did: data, not an exception. */
export interface CommandResult {
  /** What the command wrote to stdout (raw, not normalised), up to the output bound. */
  stdout: string;
  /** What the command wrote to stderr (raw, not normalised), up to the output bound. */
  stderr: string;
  /**
   * The full size in bytes of each stream that went past the output bound (output_limit.ts,
   * `RUN_LESSON_MAX_OUTPUT`): `stdout` or `stderr` then holds only its first part. Absent when
   * neither did.
   */
  truncated?: { stdout?: number; stderr?: number };
  /** The exit code; null when the session was lost before the command ended. */
  exitCode: number | null;
  /** Wall time in milliseconds. */
  durationMs: number;
  /** Whether the time limit ended it. */
  timedOut: boolean;
  /** Whether its stop condition ended it (the doc's `^C`). */
  stopped: boolean;
  /**
   * Whether it ended the target's shell (`exit 3`, a failure under `set -e`); `exitCode` is then
   * the shell's exit status, and the next command runs in a new shell. Absent when it did not.
   */
  exitedShell?: boolean;
}

/** Where commands run: this machine, containers through the Engine API, or a host over SSH. */
export interface Target {
  /** A short description for reports, e.g. `local` or `ssh://alice@host:22`. */
  readonly name: string;
  /** Runs one command and resolves with its result; rejects only when the target is unusable. */
  run(command: string, options: RunOptions): Promise<CommandResult>;
  /**
   * What the commands left running after they ended (background jobs), by process group; the
   * shell's own targets have it. Everything it lists is killed by `close()`.
   */
  backgroundJobs?(): Promise<BackgroundJob[]>;
  /** Ends the session and frees what the target holds. Safe to call twice. */
  close(): Promise<void>;
}

/** A target that cannot be reached or used; callers catch it to report "unreachable". */
export class TargetError extends Error {
  /** Creates the error, naming the target in the message. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "TargetError";
  }
}

/**
 * Refuses, for a target that has only a shell, a command that runs elsewhere: inside a named
 * container or an interactive session (placements that only the docker target understands).
 */
export function requireShellPlacement(target: string, command: string, options: RunOptions): void {
  if ((options.where && options.where.kind !== "shell") || options.opensSession) {
    throw new TargetError(
      `Cannot run command ${JSON.stringify(command)} on ${target}: it runs in "${
        options.where?.kind ?? "session"
      }", which needs the docker target`,
    );
  }
}

/** What opening a target needs besides its URL; each target reads the fields it understands. */
export interface TargetSetup {
  /** The lesson's folder on this machine: the local shell starts there, remote shells get a copy. */
  lessonDir: string;
  /** This run's id: names the folder a remote copy goes to. */
  runId: string;
  /** Shell code run whenever the target's shell starts (again), e.g. function definitions. */
  prelude: string;
  /** Copy nothing to the target (a read-only check run). */
  readOnly: boolean;
  /** `ssh://user@host[:port]` that a target on a Docker engine is reached through. */
  via?: string;
  /** Options for SSH connections besides the address (identity, known hosts, prompts). */
  ssh?: SshSetup;
  /** Connects to the Docker engine on this machine (starting one where that is allowed). */
  localDocker(): Promise<DockerClient>;
}

/** SSH options besides the address. */
export type SshSetup = Omit<ConnectSshOptions, "host" | "port" | "user">;

/** An opened target: its shell, the engine its commands reach, and how to let go of both. */
export interface OpenedTarget {
  /** Where the lesson's shell commands run. */
  shell: Target;
  /** The Docker engine this target's commands reach (connected on first call, then kept). */
  docker(): Promise<DockerClient>;
  /** Ends the shell and whatever was opened for it (an SSH connection, a copied folder). */
  close(): Promise<void>;
}

/** Opens one kind of target from its URL-like string (`local`, `ssh://…`, `container://…`). */
export type TargetFactory = (url: string, setup: TargetSetup) => Promise<OpenedTarget>;
