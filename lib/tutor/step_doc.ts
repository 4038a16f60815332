/**
 * A step's section of a lesson doc, found by its marker comment `<!-- step: <id> -->`: the
 * heading above the marker, and the elements from the marker to the next step marker or to the
 * next heading of the section's level or higher, whichever comes first.
 * @module
 */
import { parseMarkdown } from "../docs/parse_markdown.ts";
import type { DocElement } from "../docs/types.ts";

/** One step's part of the doc. */
export interface StepSection {
  /** The heading above the marker, without its `#` marks; undefined when there is none. */
  heading?: string;
  /** The elements after the marker, in document order. */
  elements: DocElement[];
}

const STEP_MARKER = /^<!--\s*step:\s*(\S+?)\s*-->$/;

/** The sections of the doc, by step id; a step marked twice keeps its first section. */
export function stepSections(markdown: string): Map<string, StepSection> {
  const elements = parseMarkdown(markdown);
  const sections = new Map<string, StepSection>();
  let level = 0;
  let heading: string | undefined;
  let current: StepSection | undefined;
  let currentLevel = 0;
  for (const el of elements) {
    const id = el.kind === "html" ? STEP_MARKER.exec(el.text.trim())?.[1] : undefined;
    if (id !== undefined) {
      current = sections.has(id) ? undefined : { heading, elements: [] };
      currentLevel = level;
      if (current) sections.set(id, current);
      continue;
    }
    if (el.kind === "heading") {
      const parsed = headingParts(el.text);
      if (current && (currentLevel === 0 || parsed.level <= currentLevel)) current = undefined;
      level = parsed.level;
      heading = parsed.text;
    }
    current?.elements.push(el);
  }
  return sections;
}

/** A heading's level (1–6) and text, for ATX (`## Title ##`) and setext (`Title\n===`) forms. */
export function headingParts(raw: string): { level: number; text: string } {
  const atx = /^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(raw.trim());
  if (atx) return { level: atx[1].length, text: (atx[2] ?? "").trim() };
  const lines = raw.split("\n");
  const underline = lines.at(-1)?.trim() ?? "";
  const level = underline.startsWith("=") ? 1 : 2;
  return { level, text: lines.slice(0, -1).join(" ").trim() };
}
