/**
 * Chooses the steps a run covers from --from, --to and --only, and refuses a choice that leaves
 * out the steps whose captures the chosen ones use.
 * @module
 */
import { stepNames } from "../lesson/captures.ts";
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

/** An earlier step a selection leaves out, whose captures selected steps use. */
export interface CaptureSource {
  /** The step that binds the captures. */
  step: string;
  /** The captures, in order. */
  captures: string[];
  /** The selected steps that use them. */
  usedBy: string[];
}

/**
 * The steps that `selected` leaves out and that bind captures a selected step uses (in its
 * commands, or in a check that does not find them itself), in lesson order: for each such use,
 * the last step before it that binds the capture, unless a selected step before it binds it.
 */
export function captureSources(lesson: Lesson, selected: ReadonlySet<string>): CaptureSource[] {
  const names = lesson.steps.map((step) => stepNames(step));
  const sources = new Map<string, CaptureSource>();
  const bound = new Set<string>();
  for (const [i, step] of lesson.steps.entries()) {
    if (!selected.has(step.id)) continue;
    for (const name of names[i].refs) {
      if (bound.has(name)) continue;
      let at = i - 1;
      while (at >= 0 && !names[at].binds.includes(name)) at--;
      if (at === -1) continue;
      const binder = lesson.steps[at].id;
      const source = sources.get(binder) ?? { step: binder, captures: [], usedBy: [] };
      if (!source.captures.includes(name)) source.captures.push(name);
      if (!source.usedBy.includes(step.id)) source.usedBy.push(step.id);
      sources.set(binder, source);
    }
    for (const name of names[i].binds) bound.add(name);
  }
  const order = lesson.steps.map((step) => step.id);
  return [...sources.values()].sort((a, b) => order.indexOf(a.step) - order.indexOf(b.step));
}

/**
 * Refuses, before anything runs, a selection that leaves out a step whose captures a selected
 * step uses: throws RangeError with one line naming the steps, the captures, and the selection
 * that would work. Returns the selected ids otherwise.
 */
export function selectStepsWithCaptures(lesson: Lesson, selection: StepSelection): Set<string> {
  const selected = selectSteps(lesson, selection);
  const sources = captureSources(lesson, selected);
  if (sources.length === 0) return selected;
  const only = selection.only !== undefined && selection.only.length > 0;
  const users = [...new Set(sources.flatMap((s) => s.usedBy))];
  const what = sources.map((s) =>
    `step "${s.step}" binds ${s.captures.map((name) => `"${name}"`).join(", ")}`
  ).join("; ");
  const needed = new Set([...selected, ...sources.map((s) => s.step)]);
  const fix = only
    ? `--only ${lesson.steps.map((s) => s.id).filter((id) => needed.has(id)).join(",")}`
    : `--from ${sources[0].step}`;
  const flag = only ? `--only ${selection.only!.join(",")}` : `--from ${selection.from}`;
  throw new RangeError(
    `Cannot run ${flag}: ${users.length > 1 ? "steps" : "step"} ${
      users.map((id) => `"${id}"`).join(", ")
    } ${users.length > 1 ? "use" : "uses"} captures that earlier steps bind (${what}); ` +
      `run those steps too: ${fix}`,
  );
}
