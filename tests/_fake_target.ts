/**
 * A scripted target for orchestration tests (the engine, the doc rewriter): each command text
 * answers with canned results, in turn (the last one repeats). An answer can also be a function
 * of the run options, take time (and end early, as timed out, when the run's signal aborts), or
 * reject as an unusable target would. Every call is recorded with its options.
 * @module
 */
import type { CommandResult, RunOptions, Target } from "../lib/target/types.ts";

/** What a scripted command prints, how long it takes, or the error it rejects with. */
export type Scripted =
  & Partial<Pick<CommandResult, "stdout" | "stderr" | "exitCode" | "stopped">>
  & {
    /** Milliseconds before it answers; an abort of `options.signal` ends it as timed out. */
    delayMs?: number;
    /** Reject with this error instead of answering (a lost connection: a TargetError). */
    throws?: Error;
    /** Whether the time limit ended it. */
    timedOut?: boolean;
  };

/** A scripted answer, or a function computing one from the call. */
export type Answer =
  | Scripted
  | ((options: RunOptions, command: string) => Scripted | Promise<Scripted>);

/** One recorded call. */
export interface Call {
  /** The command text as the target received it. */
  command: string;
  /** The options it came with. */
  options: RunOptions;
}

/** A target that answers from a script; an unknown command exits 127. */
export class FakeTarget implements Target {
  readonly name = "fake";
  /** The commands run, in order. */
  readonly ran: string[] = [];
  /** Every call with its options, in order. */
  readonly calls: Call[] = [];
  /** How many times close() was called. */
  closed = 0;
  #script: Map<string, Answer[]>;

  /** Creates the target from command text to one answer or a list of answers in turn. */
  constructor(script: Record<string, Answer | Answer[]>) {
    this.#script = new Map(
      Object.entries(script).map(([command, r]) => [command, Array.isArray(r) ? [...r] : [r]]),
    );
  }

  /** Answers with the next scripted result for the command. */
  async run(command: string, options: RunOptions): Promise<CommandResult> {
    this.ran.push(command);
    this.calls.push({ command, options });
    const queue = this.#script.get(command);
    const answer: Answer = queue === undefined
      ? { stderr: `sh: ${command}: not found\n`, exitCode: 127 }
      : queue.length > 1
      ? queue.shift()!
      : queue[0];
    const { delayMs, throws, ...next } = typeof answer === "function"
      ? await answer(options, command)
      : answer;
    let timedOut = next.timedOut ?? false;
    if (delayMs !== undefined) timedOut = (await _sleep(delayMs, options.signal)) || timedOut;
    if (throws !== undefined) throw throws;
    return {
      stdout: "",
      stderr: "",
      exitCode: timedOut ? null : 0,
      durationMs: delayMs ?? 0,
      stopped: false,
      ...next,
      timedOut,
    };
  }

  /** Nothing to free; counts the calls. */
  close(): Promise<void> {
    this.closed++;
    return Promise.resolve();
  }
}

/** Waits `ms`; resolves true when `signal` aborted the wait first. */
function _sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (aborted: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(aborted);
    };
    const onAbort = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
