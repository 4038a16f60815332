/**
 * An interactive shell in a container's TTY (the doc's `docker run -it … /bin/sh`), typed into
 * one command at a time. Echo and prompts are turned off when the session opens, so the output
 * of a command is exactly what it printed; its end is framed by a sentinel whose typed form
 * differs from its printed form. The output is read as it arrives and bounded like every
 * target's (output_limit.ts, `RUN_LESSON_MAX_OUTPUT`).
 * @module
 */
import { randomBytes } from "node:crypto";
import type { ExecSession } from "../docker/mod.ts";
import type { StopCondition } from "../lesson/types.ts";
import { type OutputPosition, TtyOutput } from "./_tty_output.ts";
import { maxOutputBytes } from "./output_limit.ts";
import { stopReached } from "./stop_reached.ts";
import type { CommandResult } from "./types.ts";
import { TargetError } from "./types.ts";

/** How long after ^C before the sentinel is typed again (the TTY flushes typeahead on ^C). */
const RETYPE_AFTER_MS = 300;

/** How long after a timed-out command's ^C the session is given up. */
const GIVE_UP_AFTER_MS = 3_000;

/**
 * How long a stopped command may go on after its ^C before ^C is typed again. A ^C that lands
 * while the shell forks the next command of a list can reach the child while it still has the
 * shell's handler, and the program it then runs never sees it; a program may also ask for a
 * second ^C.
 */
const INTERRUPT_AGAIN_MS = 2_000;

/** Options for one typed command. */
export interface TtyRunOptions {
  /** Time limit in milliseconds. */
  timeoutMs: number;
  /** Ends a never-ending command with ^C, keeping the output up to that point. */
  stop?: StopCondition;
  /** Aborts the command as if it timed out. */
  signal?: AbortSignal;
}

/** A shell in a TTY, typed into. */
export class TtySession {
  #io: ExecSession;
  #token = randomBytes(12).toString("hex");
  #counter = 0;
  /** The output of the command being typed; output between commands is dropped. */
  #output: TtyOutput | undefined;
  #ended = false;
  #waiter: (() => void) | undefined;
  #ready: Promise<void>;

  /** Wraps an attached TTY whose process is a POSIX shell, and prepares it for typing. */
  constructor(io: ExecSession) {
    this.#io = io;
    io.onData((text) => {
      if (!this.#output) return;
      this.#output.push(text);
      this.#waiter?.();
    });
    void io.exitCode().then(() => {
      this.#ended = true;
      this.#waiter?.();
    });
    // No echo: busybox's and dash's line editors then read plain lines and print nothing back.
    this.#ready = this.run("stty -echo 2>/dev/null; PS1=''; PS2=''", { timeoutMs: 10_000 })
      .then(() => {});
  }

  /** Whether the shell has exited. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Waits until the session is prepared. */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Types one command and waits for it to end, be stopped, or time out. */
  async run(command: string, options: TtyRunOptions): Promise<CommandResult> {
    if (this.#ended) {
      throw new TargetError(
        `Cannot type ${JSON.stringify(command)}: the interactive shell has exited`,
      );
    }
    const n = ++this.#counter;
    const typeSentinel = () =>
      this.#io.write(`printf '\\n%s%s %s\\n' __RL_${this.#token} _${n} "$?"\n`);
    const output = new TtyOutput(`__RL_${this.#token}_${n}`, maxOutputBytes());
    const started = performance.now();
    this.#output = output;
    this.#io.write(`${command}\n`);
    typeSentinel();

    let stoppedAt: OutputPosition | undefined;
    let timedOut = false;
    const retypes = new Set<ReturnType<typeof setTimeout>>();
    const interrupt = () => {
      this.#io.write("\x03");
      const retype = setTimeout(() => {
        retypes.delete(retype);
        typeSentinel();
      }, RETYPE_AFTER_MS);
      retypes.add(retype);
    };
    // A shell that answers neither the command nor ^C is given up.
    let giveUp: ReturnType<typeof setTimeout> | undefined;
    let abandoned = false;
    const timer = setTimeout(() => {
      timedOut = true;
      clearInterval(again);
      interrupt();
      giveUp = setTimeout(() => {
        abandoned = true;
        this.#waiter?.();
      }, GIVE_UP_AFTER_MS);
    }, options.timeoutMs);
    const onAbort = () => {
      timedOut = true;
      interrupt();
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const stop = options.stop;
    let again: ReturnType<typeof setInterval> | undefined;
    // A stop types ^C until the command ends (or its time runs out).
    const stopHere = (at: OutputPosition) => {
      stoppedAt = at;
      interrupt();
      again = setInterval(interrupt, INTERRUPT_AGAIN_MS);
    };
    const stopTimer = stop?.kind === "time"
      ? setTimeout(() => stopHere(output.position()), stop.ms)
      : undefined;
    if (stop && stop.kind !== "time") {
      output.onLine = (line, count, end) => {
        if (stoppedAt === undefined && stopReached(stop, line, count)) stopHere(end);
      };
    }

    let exitCode: number | null = null;
    try {
      for (;;) {
        if (output.done) {
          exitCode = output.exitCode!;
          break;
        }
        if (this.#ended || abandoned) break;
        await new Promise<void>((resolve) => (this.#waiter = resolve));
        this.#waiter = undefined;
      }
    } finally {
      clearTimeout(timer);
      clearTimeout(giveUp);
      clearTimeout(stopTimer);
      clearInterval(again);
      // Once the command has ended, a sentinel typed later would only print into the next one.
      if (output.done) retypes.forEach(clearTimeout);
      options.signal?.removeEventListener("abort", onAbort);
      if (this.#output === output) this.#output = undefined;
    }
    if (abandoned && exitCode === null) this.#ended = true;
    else if (this.#ended && exitCode === null) exitCode = await this.#io.exitCode();
    const kept = output.finish();
    // Stopped within what was kept: what came after the stop was never the command's output.
    const cutAt = stoppedAt !== undefined && stoppedAt.bytes <= kept.keptBytes
      ? stoppedAt
      : undefined;
    const size = stoppedAt === undefined ? kept.bytes : stoppedAt.bytes;
    return {
      stdout: cutAt ? kept.text.slice(0, cutAt.chars) : kept.text,
      stderr: "",
      ...(cutAt === undefined && size > kept.keptBytes ? { truncated: { stdout: size } } : {}),
      exitCode,
      durationMs: performance.now() - started,
      timedOut,
      stopped: stoppedAt !== undefined && !timedOut,
    };
  }

  /** Detaches from the TTY (the container keeps running until the run's cleanup). */
  async close(): Promise<void> {
    await this.#io.close();
  }
}
