/**
 * The checks one step's poll runs: the step's own (`checksOfStep`, shared with
 * `check --step`), after the earlier checks they need (positive controls, checks that find
 * the captures they use), none with its `retry`: a poll must answer at once.
 * @module
 */
import { checksOfStep } from "../engine/select_checks.ts";
import type { Check, Lesson } from "../lesson/types.ts";

/** The checks shown for a step and the checks its poll runs. */
export interface StepChecks {
  /** The step's own checks, in order: what the learner sees. */
  shown: Check[];
  /** What a poll runs, in lesson order: the shown checks and the earlier checks they need. */
  run: Check[];
}

/** The checks of step `stepId`; throws RangeError naming an unknown step. */
export function stepChecks(lesson: Lesson, stepId: string): StepChecks {
  const { scored, run } = checksOfStep(lesson, stepId);
  return { shown: scored, run: run.map(({ retry: _retry, ...rest }) => rest) };
}
