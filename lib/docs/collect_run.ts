/**
 * What the doc rewriter needs from a run's event stream: each command's outcome, the types of
 * the captures the run bound, and the commands that failed.
 * @module
 */
import type { CommandOutcome, RunEvent } from "../engine/events.ts";

/** A command outcome with the step it belongs to. */
export interface StepOutcome {
  /** The step's id. */
  step: string;
  /** What happened to the command. */
  outcome: CommandOutcome;
}

/** A run, as the doc rewriter sees it. */
export interface RunRecords {
  /** Each command's outcome, by `step#index`. */
  outcomes: Map<string, CommandOutcome>;
  /** The type of every capture the run bound (`id`, `ipv4`, `/regex/`), by name. */
  types: Record<string, string>;
  /** Commands that failed or could not run, in run order. */
  failures: StepOutcome[];
}

/** The key of a command in `RunRecords.outcomes`. */
export function commandKey(step: string, index: number): string {
  return `${step}#${index}`;
}

/** Collects the records of a run from its events. */
export function collectRun(events: Iterable<RunEvent>): RunRecords {
  const records: RunRecords = { outcomes: new Map(), types: {}, failures: [] };
  for (const event of events) {
    if (event.type !== "command:end") continue;
    const { step, outcome } = event;
    records.outcomes.set(commandKey(step, outcome.index), outcome);
    if (outcome.status === "failed" || outcome.status === "error") {
      records.failures.push({ step, outcome });
    }
    for (const comparison of outcome.comparisons) {
      if (comparison.stream === "exit") continue;
      for (const [name, capture] of Object.entries(comparison.result.captures)) {
        records.types[name] ??= capture.type;
      }
    }
  }
  return records;
}
