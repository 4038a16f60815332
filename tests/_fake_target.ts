/**
 * A scripted target for orchestration tests of the doc rewriter: each command text answers
 * with canned results, in turn (the last one repeats).
 * @module
 */
import type { CommandResult, RunOptions, Target } from "../lib/target/types.ts";

/** What a scripted command prints. */
export type Scripted = Partial<Pick<CommandResult, "stdout" | "stderr" | "exitCode" | "stopped">>;

/** A target that answers from a script; an unknown command exits 127. */
export class FakeTarget implements Target {
  readonly name = "fake";
  readonly ran: string[] = [];
  #script: Map<string, Scripted[]>;

  /** Creates the target from command text to one result or a list of results in turn. */
  constructor(script: Record<string, Scripted | Scripted[]>) {
    this.#script = new Map(
      Object.entries(script).map(([command, r]) => [command, Array.isArray(r) ? [...r] : [r]]),
    );
  }

  /** Answers with the next scripted result for the command. */
  run(command: string, _options: RunOptions): Promise<CommandResult> {
    this.ran.push(command);
    const queue = this.#script.get(command);
    const next = queue === undefined
      ? { stderr: `sh: ${command}: not found\n`, exitCode: 127 }
      : queue.length > 1
      ? queue.shift()!
      : queue[0];
    return Promise.resolve({
      stdout: "",
      stderr: "",
      exitCode: 0,
      durationMs: 0,
      timedOut: false,
      stopped: false,
      ...next,
    });
  }

  /** Nothing to free. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
