/**
 * The step markers of a lesson doc (`<!-- step: <step-id> -->`): where each step's commands
 * belong. A step's region runs from its marker to the next step marker, or to the next heading
 * of the marker's section level or higher, whichever comes first.
 * @module
 */
import type { Step } from "../lesson/types.ts";
import type { DocElement, DocProblem, Heading, HtmlBlock } from "./types.ts";

/** The part of a doc where one step's commands are shown. */
export interface StepRegion {
  /** The step. */
  step: Step;
  /** Its marker comment. */
  marker: HtmlBlock;
  /** Index of the first element after the marker. */
  from: number;
  /** Index of the element that ends the region (exclusive; `elements.length` at the end). */
  to: number;
  /** Offset where the region ends: the start of element `to`, or the end of the source. */
  end: number;
}

/** The result of `stepRegions`. */
export interface StepRegions {
  /** Regions in document order. */
  regions: StepRegion[];
  /** Markers naming an unknown step, or a step marked twice. */
  problems: DocProblem[];
}

const STEP_MARKER = /^<!--\s*step:\s*(\S+?)\s*-->$/;

/** Whether an element is a step marker; returns the step id. */
export function stepMarkerId(el: DocElement): string | undefined {
  if (el.kind !== "html") return undefined;
  return STEP_MARKER.exec(el.text.trim())?.[1];
}

/** Finds the step markers of a doc and the region of each. */
export function stepRegions(
  elements: readonly DocElement[],
  source: string,
  steps: readonly Step[],
): StepRegions {
  const regions: StepRegion[] = [];
  const problems: DocProblem[] = [];
  const seen = new Map<string, number>();
  let section = 0; // the level of the heading above, 0 before any
  for (const [i, el] of elements.entries()) {
    if (el.kind === "heading") section = headingLevel(el, source);
    const id = stepMarkerId(el);
    if (id === undefined || el.kind !== "html") continue;
    const step = steps.find((s) => s.id === id);
    if (!step) {
      problems.push({
        line: el.line,
        message: `step marker "${el.text.trim()}" names an unknown step "${id}": known steps are ${
          steps.map((s) => s.id).join(", ")
        }`,
      });
      continue;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      problems.push({
        line: el.line,
        message: `step "${id}" is marked twice, here and at line ${earlier}`,
      });
      continue;
    }
    seen.set(id, el.line);
    let to = i + 1;
    while (to < elements.length) {
      const next = elements[to];
      if (stepMarkerId(next) !== undefined) break;
      if (next.kind === "heading" && (section === 0 || headingLevel(next, source) <= section)) {
        break;
      }
      to++;
    }
    const end = to < elements.length ? elements[to].start : source.length;
    regions.push({ step, marker: el, from: i + 1, to, end });
  }
  return { regions, problems };
}

/** The level of an ATX (number of `#`) or setext heading (1 for `=`, 2 for `-`). */
export function headingLevel(heading: Heading, source: string): number {
  const atx = /^#{1,6}/.exec(heading.text);
  if (atx) return atx[0].length;
  const lines = source.slice(heading.start, heading.end).trimEnd().split(/\r\n?|\n/);
  return lines[lines.length - 1].trim().startsWith("=") ? 1 : 2;
}
