/**
 * A step's section of a lesson doc for the tutor to show: the region of its step marker
 * `<!-- step: <id> -->` (`stepRegions`, which the doc renderer uses too) and the heading above
 * the marker.
 * @module
 */
import { parseMarkdown } from "../docs/parse_markdown.ts";
import { stepRegions } from "../docs/step_regions.ts";
import type { DocElement } from "../docs/types.ts";
import type { Step } from "../lesson/types.ts";

/** One step's part of the doc. */
export interface StepSection {
  /** The heading above the marker, without its marks; undefined when there is none. */
  heading?: string;
  /** The elements after the marker, in document order. */
  elements: DocElement[];
}

/**
 * The sections of the doc, by step id. Markers that name no step of `steps`, or a step marked
 * twice after its first, are left out: the tutor shows what it can.
 */
export function stepSections(markdown: string, steps: readonly Step[]): Map<string, StepSection> {
  const elements = parseMarkdown(markdown);
  const sections = new Map<string, StepSection>();
  for (const region of stepRegions(elements, markdown, steps).regions) {
    const above = elements.slice(0, region.from).filter((el) => el.kind === "heading").at(-1);
    sections.set(region.step.id, {
      heading: above === undefined ? undefined : headingText(above.text),
      elements: elements.slice(region.from, region.to),
    });
  }
  return sections;
}

/** A heading's text without its marks: ATX `#`s (leading and closing), a setext underline. */
export function headingText(raw: string): string {
  const atx = /^#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(raw.trim());
  if (atx) return (atx[1] ?? "").trim();
  const lines = raw.trim().split("\n");
  if (lines.length > 1 && /^\s*(?:=+|-+)\s*$/.test(lines[lines.length - 1])) lines.pop();
  return lines.join(" ").trim();
}
