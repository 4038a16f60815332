/**
 * Chooses the steps a run covers from --from, --to and --only.
 * @module
 */
import type { Lesson } from "../lesson/types.ts";

/** Which steps to run; all when empty. */
export interface StepSelection {
  /** Start at this step. */
  from?: string;
  /** Stop after this step. */
  to?: string;
  /** Run only these steps. */
  only?: string[];
}

/** The ids of the selected steps; throws RangeError naming an unknown step id. */
export function selectSteps(lesson: Lesson, selection: StepSelection): Set<string> {
  const ids = lesson.steps.map((step) => step.id);
  const position = (flag: string, id: string) => {
    const index = ids.indexOf(id);
    if (index === -1) {
      throw new RangeError(
        `Unknown step "${id}" in ${flag} for lesson "${lesson.id}": known steps are ${
          ids.join(", ")
        }`,
      );
    }
    return index;
  };
  if (selection.only && selection.only.length > 0) {
    for (const id of selection.only) position("--only", id);
    return new Set(selection.only);
  }
  const from = selection.from === undefined ? 0 : position("--from", selection.from);
  const to = selection.to === undefined ? ids.length - 1 : position("--to", selection.to);
  if (from > to) {
    throw new RangeError(
      `Cannot run from step "${selection.from}" to step "${selection.to}": --from comes after --to`,
    );
  }
  return new Set(ids.slice(from, to + 1));
}
