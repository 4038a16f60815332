/**
 * Chooses the checks a read-only check covers: one step's (`--step`), or a step's and those of
 * the steps before it (`--upto`), and which earlier checks must run before them unscored: the
 * positive controls they name, and the checks that find the captures they use.
 * @module
 */
import { findsOf, probeNames, probesOf } from "../lesson/captures.ts";
import type { Check, Lesson } from "../lesson/types.ts";

/** Which checks to score; all of the lesson's when empty. */
export interface CheckSelection {
  /** Only this step's checks. */
  step?: string;
  /** This step's checks and those of every step before it. */
  upto?: string;
}

/** The checks to score and the checks to run for them. */
export interface SelectedChecks {
  /** The checks whose outcomes count, in lesson order. */
  scored: Check[];
  /**
   * What to run, in lesson order: the scored checks and, before them, the earlier checks they
   * need (transitively): a positive control they name, a check whose `find` or `shell` probe
   * binds a capture they use. Run the others only for that, unscored.
   */
  run: Check[];
}

/** The checks of one step, and what to run for them; throws RangeError for an unknown step. */
export function checksOfStep(lesson: Lesson, stepId: string): SelectedChecks {
  return selectChecks(lesson, { step: stepId });
}

/**
 * The checks of a step and of every step before it, and what to run for them; throws
 * RangeError for an unknown step.
 */
export function checksUpTo(lesson: Lesson, stepId: string): SelectedChecks {
  return selectChecks(lesson, { upto: stepId });
}

/**
 * The checks a selection scores and runs. Throws RangeError naming an unknown step and the
 * known ones, or a selection that gives both `step` and `upto`.
 */
export function selectChecks(lesson: Lesson, selection: CheckSelection): SelectedChecks {
  const all = lesson.steps.flatMap((step) => step.checks ?? []);
  if (selection.step !== undefined && selection.upto !== undefined) {
    throw new RangeError("Use --step or --upto, not both");
  }
  const id = selection.step ?? selection.upto;
  if (id === undefined) return { scored: all, run: all };
  const index = lesson.steps.findIndex((step) => step.id === id);
  if (index === -1) {
    const flag = selection.step !== undefined ? "--step" : "--upto";
    throw new RangeError(
      `Unknown step "${id}" in ${flag} for lesson "${lesson.id}": known steps are ${
        lesson.steps.map((step) => step.id).join(", ")
      }`,
    );
  }
  const steps = selection.step !== undefined
    ? [lesson.steps[index]]
    : lesson.steps.slice(0, index + 1);
  const scored = steps.flatMap((step) => step.checks ?? []);
  const needed = neededChecks(all, scored);
  return { scored, run: all.filter((check) => needed.has(check.id)) };
}

/**
 * The ids of `wanted` and of the checks of `all` they need, transitively (see `directNeeds`).
 */
export function neededChecks(all: readonly Check[], wanted: readonly Check[]): Set<string> {
  const byId = new Map(all.map((check) => [check.id, check]));
  const needed = new Set<string>();
  const visit = (check: Check) => {
    if (needed.has(check.id)) return;
    needed.add(check.id);
    for (const id of directNeeds(all, check)) visit(byId.get(id)!);
  };
  for (const check of wanted) visit(check);
  return needed;
}

/**
 * The ids of the checks of `all` that `check` needs to have run before it: the control it
 * names, and for each capture it uses but does not find itself, the last check before it that
 * binds it (`find` entries and `shell` probes, as a read-only run binds them).
 */
export function directNeeds(all: readonly Check[], check: Check): string[] {
  const needs: string[] = [];
  if (check.control !== undefined && all.some((c) => c.id === check.control)) {
    needs.push(check.control);
  }
  const at = all.findIndex((c) => c.id === check.id);
  const earlier = all.slice(0, at === -1 ? all.length : at).reverse();
  for (const name of _usesFromOutside(check)) {
    const binder = earlier.find((c) => _binds(c).includes(name));
    if (binder !== undefined && !needs.includes(binder.id)) needs.push(binder.id);
  }
  return needs;
}

/** The captures a check binds on its read-only path. */
function _binds(check: Check): string[] {
  const bound = new Set<string>();
  for (const probe of [...findsOf(check), ...probesOf(check)]) {
    for (const name of probeNames(probe, bound).binds) bound.add(name);
  }
  return [...bound];
}

/** The captures a check uses that its own `find` entries and probes do not bind before. */
function _usesFromOutside(check: Check): string[] {
  const bound = new Set<string>();
  const outside: string[] = [];
  for (const probe of [...findsOf(check), ...probesOf(check)]) {
    const names = probeNames(probe, bound);
    for (const name of names.refs) if (!outside.includes(name)) outside.push(name);
    for (const name of names.binds) bound.add(name);
  }
  return outside;
}
