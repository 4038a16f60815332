/**
 * A persistent shell driven over three streams, each command framed by the code of
 * shell_framing.ts and its end marked by an unguessable marker line. Transport-neutral: the
 * local target feeds it a child process, the SSH target a channel, the container target an exec.
 * @module
 */
import { randomBytes } from "node:crypto";
import type { Readable, Writable } from "node:stream";
import type { StopCondition, StopSignal } from "../lesson/types.ts";
import type { CommandResult } from "./types.ts";
import { TargetError } from "./types.ts";
import { stopReached } from "./stop_reached.ts";
import { type CollectedText, OutputCollector } from "./_output_collector.ts";
import {
  bootstrapLine,
  frameCommand,
  type Marker,
  markerPrefix,
  parseMarker,
  PRELUDE,
  readFramed,
} from "./shell_framing.ts";

/** The streams of a running bootstrap (shell_framing.ts) and how to interrupt what it runs. */
export interface ShellTransport {
  /** The bootstrap's stdin: commands are written here. */
  stdin: Writable;
  /** The bootstrap's stdout. */
  stdout: Readable;
  /** The bootstrap's stderr. */
  stderr: Readable;
  /**
   * Sends a signal to every process group the shell started, but not to the shell itself, nor
   * to the process groups `except` (background jobs of earlier commands).
   */
  interrupt(signal: StopSignal, shellPid: number, except: readonly number[]): Promise<void>;
  /** Sends SIGINT to the shell itself, which ends the running command (see shell_framing.ts). */
  breakShell(shellPid: number): Promise<void>;
  /** Kills the shell (when its pid is known), the bootstrap and everything they started. */
  destroy(shellPid: number | undefined): Promise<void>;
}

/** What a session is started with. */
export interface ShellSessionOptions {
  /** Shell code run once when the shell starts (a `cd`, the lesson's function definitions). */
  prelude?: string;
  /** The tag every process the shell starts inherits (see background_jobs.ts). */
  tag: string;
}

/** Options for one framed command. */
export interface SessionRunOptions {
  /** Time limit in milliseconds. */
  timeoutMs: number;
  /** Ends a never-ending command early, keeping the output up to that point. */
  stop?: StopCondition;
  /** Aborts the command as if it timed out. */
  signal?: AbortSignal;
}

/** How long a command gets to finish after SIGKILL before the whole session is given up. */
const KILL_GRACE_MS = 2_000;
/** How long a signalled job gets to end before the shell itself is interrupted. */
const BREAK_DELAY_MS = 150;
/** How long an interrupted command gets before it is killed. */
const INTERRUPT_GRACE_MS = 2_000;
/** How long stderr gets to end after stdout closed before the session counts as lost. */
const DRAIN_LIMIT_MS = 500;

/**
 * Runs commands one after another in one shell, so that `cd` and variables carry over.
 * Stdin of each command is /dev/null, so a command that reads stdin cannot swallow the next.
 */
export class ShellSession {
  #transport: ShellTransport;
  #token = randomBytes(16).toString("hex");
  #counter = 0;
  #out = new OutputCollector();
  #err = new OutputCollector();
  #closed = false;
  #lost: Error | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #shellPid: number | undefined;
  #ready: Promise<number>;
  /** The process groups of the shell's background jobs after the last command. */
  #jobs: number[] = [];
  /** Whether the shell is bash, which reads each frame through `readFramed()`. */
  #bash = false;

  /** Wraps a started bootstrap that reads commands from stdin, and starts its shell. */
  constructor(transport: ShellTransport, options: ShellSessionOptions) {
    this.#transport = transport;
    transport.stdout.on("data", (chunk: Buffer) => this.#out.push(chunk));
    transport.stderr.on("data", (chunk: Buffer) => this.#err.push(chunk));
    const lost = () => {
      if (!this.#closed) this.#lose(new TargetError("Shell session ended unexpectedly"));
    };
    // Stderr may still hold the shell's last words (the marker of a command that ended it)
    // when stdout closes, as over SSH, where the two streams end on separate ticks.
    transport.stdout.on("close", () => void _drained(transport.stderr).then(lost));
    transport.stdin.on("error", () => lost());
    transport.stdin.write(bootstrapLine(this.#token, options.tag) + PRELUDE);
    if (options.prelude) transport.stdin.write(`${options.prelude}\n`);
    const probe = 'printf \'%s %s\' "$$" "${BASH_VERSINFO-}"';
    this.#ready = this.run(probe, { timeoutMs: 10_000 }).then((r) => {
      const [pidText, bashMajor] = r.stdout.trim().split(" ");
      const pid = Number.parseInt(pidText, 10);
      if (r.exitedShell || !Number.isInteger(pid) || pid <= 1) {
        throw new TargetError(
          `Cannot start a shell: ${r.stderr.trim() || r.stdout.trim() || "it did not answer"}`,
        );
      }
      this.#shellPid = pid;
      this.#bash = Number(bashMajor) >= 4;
      return pid;
    });
    this.#ready.catch(() => {});
  }

  /** Resolves with the shell's pid once it answered; rejects when it did not start. */
  ready(): Promise<number> {
    return this.#ready;
  }

  /** The shell's pid, once it answered. */
  get shellPid(): number | undefined {
    return this.#shellPid;
  }

  /** The process groups of the shell's background jobs, as the last command's end reported. */
  get jobGroups(): readonly number[] {
    return this.#jobs;
  }

  /** Whether the session can still run commands. */
  get alive(): boolean {
    return !this.#closed && this.#lost === undefined;
  }

  /**
   * Runs one command; commands are serialised. A command that ended the shell (`exit 3`)
   * resolves with `exitedShell` and the shell's exit status, and the session is then done.
   */
  run(command: string, options: SessionRunOptions): Promise<CommandResult> {
    const next = this.#queue.then(() => this.#run(command, options));
    this.#queue = next.catch(() => {});
    return next;
  }

  /**
   * Runs one command; a session lost under it (killed, the connection gone) is reported as
   * data, with the reason in stderr and no exit code, for targets that start a new shell next
   * time.
   */
  async runReportingLoss(command: string, options: SessionRunOptions): Promise<CommandResult> {
    const started = performance.now();
    try {
      return await this.run(command, options);
    } catch (error) {
      if (!(error instanceof TargetError)) throw error;
      return {
        stdout: "",
        stderr: `${error.message}\n`,
        exitCode: null,
        durationMs: performance.now() - started,
        timedOut: false,
        stopped: false,
      };
    }
  }

  async #run(command: string, options: SessionRunOptions): Promise<CommandResult> {
    if (this.#lost) throw this.#lost;
    if (this.#closed) throw new TargetError("Cannot run command: the shell session is closed");
    const prefix = markerPrefix(this.#token);
    const started = performance.now();
    this.#out.reset(prefix);
    this.#err.reset(prefix);
    const frame = this.#bash ? readFramed : frameCommand;
    this.#transport.stdin.write(frame(command, this.#token, ++this.#counter));

    let timedOut = false;
    let stoppedAt: number | undefined;
    // Escalation must only ever touch this command, never the one after it.
    let finished = false;
    const isFinished = () => finished || (this.#out.done && this.#err.done);
    const interruptThenKill = async (signal: StopSignal) => {
      await this.#interrupt(signal, isFinished);
      if (signal === "SIGKILL") return;
      await _sleep(INTERRUPT_GRACE_MS, isFinished);
      if (!isFinished()) await this.#interrupt("SIGKILL", isFinished);
    };
    let giveUp: ReturnType<typeof setTimeout> | undefined;
    let hung!: () => void;
    const hungPromise = new Promise<void>((resolve) => (hung = resolve));
    const kill = () => {
      timedOut = true;
      void this.#interrupt("SIGKILL", isFinished);
      // A shell stuck in a builtin loop never prints its marker: give the session up.
      giveUp ??= setTimeout(hung, KILL_GRACE_MS);
    };
    const timer = setTimeout(kill, options.timeoutMs);
    options.signal?.addEventListener("abort", kill, { once: true });
    if (options.signal?.aborted) kill();
    const stop = options.stop;
    let stopTimer: ReturnType<typeof setTimeout> | undefined;
    if (stop) {
      const fire = (at: number) => {
        if (stoppedAt !== undefined || this.#out.done) return;
        stoppedAt = at;
        void interruptThenKill(stop.signal ?? "SIGINT");
      };
      if (stop.kind === "time") {
        stopTimer = setTimeout(() => fire(this.#out.length), stop.ms);
      } else {
        this.#out.onLine = (line, endOffset, count) => {
          // A pattern that cannot match a line must not take the process down with it.
          let reached = false;
          try {
            reached = stopReached(stop, line, count);
          } catch {
            reached = false;
          }
          if (reached) fire(endOffset);
        };
      }
    }

    let abandoned = false;
    const lost = this.#lostPromise();
    try {
      await Promise.race([
        Promise.all([this.#out.finished, this.#err.finished]),
        lost.promise,
        hungPromise.then(() => {
          abandoned = true;
        }),
      ]);
    } finally {
      lost.dispose();
      finished = true;
      clearTimeout(timer);
      clearTimeout(stopTimer);
      clearTimeout(giveUp);
      options.signal?.removeEventListener("abort", kill);
      this.#out.onLine = undefined;
    }
    if (abandoned && !(this.#out.done && this.#err.done)) {
      this.#lose(new TargetError("Shell session was killed: a command ignored its time limit"));
      await this.#transport.destroy(this.#shellPid).catch(() => {});
    }
    const marker: Marker | undefined = abandoned ? undefined : parseMarker(this.#out.marker);
    if (marker?.kind === "end") this.#jobs = marker.jobs;
    const exitedShell = marker?.kind === "exit";
    if (exitedShell) {
      // The bootstrap reported the shell's end: this session is done, the target starts anew.
      this.#lose(new TargetError("Cannot run command: the shell exited"));
      // Its pid is free for another process now: only the bootstrap is killed.
      await this.#transport.destroy(undefined).catch(() => {});
    }
    const stdout = this.#out.text(stoppedAt);
    const stderr = this.#err.text();
    const truncated = truncatedSizes(stdout, stderr);
    return {
      stdout: stdout.text,
      stderr: stderr.text,
      ...(truncated ? { truncated } : {}),
      exitCode: marker?.exitCode ?? null,
      durationMs: performance.now() - started,
      timedOut,
      stopped: stoppedAt !== undefined && !timedOut,
      ...(exitedShell ? { exitedShell } : {}),
    };
  }

  /** Signals the running job, then, if the command still runs, breaks the shell out of it. */
  async #interrupt(signal: StopSignal, done: () => boolean): Promise<void> {
    const pid = this.#shellPid;
    if (done() || pid === undefined) return;
    await this.#transport.interrupt(signal, pid, this.#jobs).catch(() => {});
    await _sleep(BREAK_DELAY_MS, done);
    if (!done()) await this.#transport.breakShell(pid).catch(() => {});
  }

  #lostWaiters: Array<(error: Error) => void> = [];

  /** Rejects once the session is lost; `dispose()` stops waiting (each command waits once). */
  #lostPromise(): { promise: Promise<never>; dispose(): void } {
    let waiter: ((error: Error) => void) | undefined;
    const promise = new Promise<never>((_, reject) => {
      if (this.#lost) reject(this.#lost);
      else this.#lostWaiters.push(waiter = reject);
    });
    promise.catch(() => {});
    return {
      promise,
      dispose: () => {
        const at = waiter === undefined ? -1 : this.#lostWaiters.indexOf(waiter);
        if (at !== -1) this.#lostWaiters.splice(at, 1);
      },
    };
  }

  #lose(error: Error): void {
    if (this.#lost) return;
    this.#lost = error;
    for (const reject of this.#lostWaiters.splice(0)) reject(error);
  }

  /** Ends the shell. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#lose(new TargetError("Cannot run command: the shell session is closed"));
    try {
      this.#transport.stdin.end("exit 0\n");
    } catch {
      // already gone
    }
    await this.#transport.destroy(this.#shellPid);
  }
}

/** The full sizes of the streams the output bound cut, or undefined when it cut neither. */
export function truncatedSizes(
  stdout: CollectedText,
  stderr: CollectedText,
): CommandResult["truncated"] {
  if (!stdout.cut && !stderr.cut) return undefined;
  return {
    ...(stdout.cut ? { stdout: stdout.size } : {}),
    ...(stderr.cut ? { stderr: stderr.size } : {}),
  };
}

function _sleep(ms: number, until: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => {
      if (until() || Date.now() - started >= ms) resolve();
      else setTimeout(tick, 20);
    };
    tick();
  });
}

/** Resolves once `stream` has ended or closed (then one more turn), or after DRAIN_LIMIT_MS. */
function _drained(stream: Readable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stream.off("end", done).off("close", done);
      setImmediate(resolve);
    };
    const timer = setTimeout(done, DRAIN_LIMIT_MS);
    if (stream.readableEnded || stream.destroyed) return done();
    stream.once("end", done).once("close", done);
  });
}
