/**
 * Which expectations a run's failures ask to accept: for each command that failed only on its
 * output (not on its exit code, not by a time limit, not because it could not run), the new
 * pattern text of each stream that differed.
 * @module
 */
import type { RunEvent } from "../engine/events.ts";
import type { Lesson } from "../lesson/types.ts";
import { match } from "../expect/mod.ts";
import type { Capture } from "../expect/types.ts";
import { acceptExpectation } from "./accept_expectation.ts";
import type { ExpectationEdit } from "./edit_step.ts";

/** The expectations to write into one step module. */
export interface StepAccept {
  /** The step's id. */
  step: string;
  /** The step module, as the lesson shows it (from the repository root, or absolute). */
  file: string;
  /** The new pattern texts. */
  edits: ExpectationEdit[];
}

/** The result of `planAccept`. */
export interface AcceptPlan {
  /** Per step module, in run order. */
  steps: StepAccept[];
  /** Failures left alone, one line each. */
  notes: string[];
}

/** Plans the accepted expectations from a run's events. */
export function planAccept(lesson: Lesson, events: Iterable<RunEvent>): AcceptPlan {
  const steps: StepAccept[] = [];
  const notes: string[] = [];
  // What the accepted expectations bind, for the commands after them: a capture that a failed
  // match did not bind makes the later references to it fail too.
  const bound: Record<string, Capture> = {};
  for (const event of events) {
    if (event.type !== "command:end") continue;
    const { outcome } = event;
    if (outcome.status !== "failed" && outcome.status !== "error") continue;
    const step = lesson.steps.find((s) => s.id === event.step);
    const command = step?.commands[outcome.index];
    if (!step || !command) continue;
    const where = `step "${step.id}" command ${outcome.index} "${oneLine(outcome.command)}"`;
    const result = outcome.result;
    if (outcome.status === "error" || result === undefined || result.timedOut) {
      notes.push(`not accepted: ${where}: ${outcome.reason ?? "it did not finish"}`);
      continue;
    }
    if (outcome.comparisons.some((c) => c.stream === "exit" && !c.result.ok)) {
      notes.push(
        `not accepted: ${where}: ${outcome.reason} (--accept changes expected output, never an exit code)`,
      );
      continue;
    }
    for (const comparison of outcome.comparisons) {
      if (comparison.stream === "exit" || comparison.result.ok) continue;
      const stream = comparison.stream;
      const expectation = command[stream];
      if (expectation === undefined) continue;
      const captures = { ...comparison.result.captures, ...bound };
      const accepted = acceptExpectation(expectation, result[stream], {
        ...comparison.result,
        captures,
      });
      if (!accepted.ok) {
        notes.push(`not accepted: ${where} ${stream}: ${accepted.reason}`);
        continue;
      }
      const now = match(accepted.expectation, result[stream], { captures });
      if (now.ok) Object.assign(bound, now.captures);
      if (now.ok && match(expectation, result[stream], { captures }).ok) continue; // it was an earlier failure's echo
      let entry = steps.find((s) => s.step === step.id);
      if (!entry) {
        entry = { step: step.id, file: step.file, edits: [] };
        steps.push(entry);
      }
      entry.edits.push({ index: outcome.index, stream, text: accepted.text });
    }
  }
  return { steps, notes };
}

/** A command on one line: continuation lines joined. */
export function oneLine(command: string): string {
  return command.replace(/\s*\\?\r?\n\s*/g, " ").trim();
}
