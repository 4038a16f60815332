/**
 * A persistent shell driven over three streams, with each command's end framed by an
 * unguessable sentinel. Transport-neutral: the local target feeds it a child process, the SSH
 * target a channel.
 * @module
 */
import { randomBytes } from "node:crypto";
import type { Readable, Writable } from "node:stream";
import type { StopCondition, StopSignal } from "../lesson/types.ts";
import type { CommandResult } from "./types.ts";
import { TargetError } from "./types.ts";
import { stopReached } from "./stop_reached.ts";
import { shellQuote } from "../shell_quote.ts";
import { OutputCollector } from "./_output_collector.ts";

/** The streams of a running shell and how to interrupt what it runs. */
export interface ShellTransport {
  /** The shell's stdin: commands are written here. */
  stdin: Writable;
  /** The shell's stdout. */
  stdout: Readable;
  /** The shell's stderr. */
  stderr: Readable;
  /** Sends a signal to every process group the shell started, but not to the shell itself. */
  interrupt(signal: StopSignal): Promise<void>;
  /** Sends SIGINT to the shell itself, which ends the running command (see PRELUDE). */
  breakShell(): Promise<void>;
  /** Kills the shell and everything it started. */
  destroy(): Promise<void>;
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

/**
 * Sent once when a session starts. Monitor mode puts each foreground job in its own process
 * group, so a stop or a timeout can signal the job and not the shell. Commands run inside a
 * function so that the INT trap can end one (a loop of builtins, or a loop whose child died of
 * SIGINT) with `return 130` while the shell and its state live on.
 */
export const PRELUDE = [
  "set -m 2>/dev/null",
  `trap '[ -n "$__rl_busy" ] && return 130' INT`,
  `__rl_run() { __rl_busy=1; eval "$__rl_c"; }`,
  "",
].join("\n");

/**
 * The command that starts a session's shell on another host or in a container: bash when it is
 * there (job control without a terminal needs it), else sh.
 */
export const SHELL_COMMAND =
  "if command -v bash >/dev/null 2>&1; then exec bash --noprofile --norc; else exec sh; fi";

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

  /** Wraps a started shell that reads commands from stdin; `prelude` runs once at start. */
  constructor(transport: ShellTransport, prelude = "") {
    this.#transport = transport;
    transport.stdout.on("data", (chunk: Buffer) => this.#out.push(chunk));
    transport.stderr.on("data", (chunk: Buffer) => this.#err.push(chunk));
    const lost = () => {
      if (!this.#closed) this.#lose(new TargetError("Shell session ended unexpectedly"));
    };
    transport.stdout.on("close", lost);
    transport.stdin.on("error", () => lost());
    transport.stdin.write(PRELUDE + prelude);
  }

  /** Whether the session can still run commands. */
  get alive(): boolean {
    return !this.#closed && this.#lost === undefined;
  }

  /** Runs one command; commands are serialised. */
  run(command: string, options: SessionRunOptions): Promise<CommandResult> {
    const next = this.#queue.then(() => this.#run(command, options));
    this.#queue = next.catch(() => {});
    return next;
  }

  /**
   * Runs one command; a shell that ended under it (the command was `exit`) is reported as data,
   * with the reason in stderr and no exit code, for targets that start a new shell next time.
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
    const sentinel = `__RL_${this.#token}_${++this.#counter}`;
    const started = performance.now();
    this.#out.reset(sentinel, true);
    this.#err.reset(sentinel, false);
    const script = [
      `__rl_c=${shellQuote(command)}`,
      `__rl_run </dev/null`,
      `__rl_rc=$?; __rl_busy=`,
      `printf '\\n%s %s\\n' ${sentinel} "$__rl_rc"`,
      `printf '\\n%s\\n' ${sentinel} >&2`,
      "",
    ].join("\n");
    this.#transport.stdin.write(script);

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
      // A shell stuck in a builtin loop never prints its sentinel: give the session up.
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
          if (stopReached(stop, line, count)) fire(endOffset);
        };
      }
    }

    let abandoned = false;
    try {
      await Promise.race([
        Promise.all([this.#out.finished, this.#err.finished]),
        this.#lostPromise(),
        hungPromise.then(() => {
          abandoned = true;
        }),
      ]);
    } finally {
      finished = true;
      clearTimeout(timer);
      clearTimeout(stopTimer);
      clearTimeout(giveUp);
      options.signal?.removeEventListener("abort", kill);
      this.#out.onLine = undefined;
    }
    if (abandoned && !(this.#out.done && this.#err.done)) {
      this.#lose(new TargetError("Shell session was killed: a command ignored its time limit"));
      await this.#transport.destroy().catch(() => {});
    }
    const stdoutBytes = this.#out.body();
    const stdout = stoppedAt !== undefined
      ? stdoutBytes.subarray(0, stoppedAt).toString("utf8")
      : stdoutBytes.toString("utf8");
    return {
      stdout,
      stderr: this.#err.body().toString("utf8"),
      exitCode: abandoned ? null : this.#out.exitCode,
      durationMs: performance.now() - started,
      timedOut,
      stopped: stoppedAt !== undefined && !timedOut,
    };
  }

  /** Signals the running job, then, if the command still runs, breaks the shell out of it. */
  async #interrupt(signal: StopSignal, done: () => boolean): Promise<void> {
    if (done()) return;
    await this.#transport.interrupt(signal).catch(() => {});
    await _sleep(BREAK_DELAY_MS, done);
    if (!done()) await this.#transport.breakShell().catch(() => {});
  }

  #lostWaiters: Array<(error: Error) => void> = [];

  #lostPromise(): Promise<never> {
    return new Promise((_, reject) => {
      if (this.#lost) reject(this.#lost);
      else this.#lostWaiters.push(reject);
    });
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
    await this.#transport.destroy();
  }
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
