/**
 * The checks one step's poll runs: the step's own, and before them the positive controls they
 * name in earlier steps (a negative check counts only when its control passed in the same run).
 * @module
 */
import type { Check, Lesson } from "../lesson/types.ts";

/** The checks shown for a step and the checks its poll runs. */
export interface StepChecks {
  /** The step's own checks, in order: what the learner sees. */
  shown: Check[];
  /**
   * What a poll runs, in lesson order: the shown checks and, transitively, the controls they
   * name. A poll must answer at once, so no check keeps its `retry`.
   */
  run: Check[];
}

/** The checks of step `stepId`; throws RangeError naming an unknown step. */
export function stepChecks(lesson: Lesson, stepId: string): StepChecks {
  const step = lesson.steps.find((s) => s.id === stepId);
  if (step === undefined) {
    throw new RangeError(
      `Unknown step "${stepId}" in lesson "${lesson.id}": known steps are ${
        lesson.steps.map((s) => s.id).join(", ")
      }`,
    );
  }
  const all = lesson.steps.flatMap((s) => s.checks ?? []);
  const byId = new Map(all.map((c) => [c.id, c]));
  const needed = new Set<string>();
  const visit = (check: Check) => {
    if (needed.has(check.id)) return;
    needed.add(check.id);
    const control = check.control === undefined ? undefined : byId.get(check.control);
    if (control !== undefined) visit(control);
  };
  const shown = step.checks ?? [];
  for (const check of shown) visit(check);
  const run = all.filter((c) => needed.has(c.id)).map(({ retry: _retry, ...rest }) => rest);
  return { shown, run };
}
