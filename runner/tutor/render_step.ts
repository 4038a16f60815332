/**
 * A step for the terminal: its heading, its section of the lesson's doc (prose reflowed to the
 * terminal's width, command blocks as `$` lines, sample output dimmed and shortened), or the
 * step's commands when the doc has no section for it; and the step's commands alone, the
 * solution. Pure: the session writes what these return.
 * @module
 */
import { COMMAND_INFOS, infoWord } from "../../lib/docs/command_text.ts";
import { stripAnsi } from "../../lib/expect/strip_ansi.ts";
import type { DocElement } from "../../lib/docs/types.ts";
import type { Command, LoadedStep } from "../../lib/lesson/types.ts";
import { headingText, type StepSection } from "../../lib/tutor/step_doc.ts";
import type { Palette } from "../reporters/_color.ts";

/** Sample output lines shown before the rest is left out. */
const OUTPUT_LINES = 8;

/** What the step's screen needs. */
export interface StepView {
  /** The step. */
  step: LoadedStep;
  /** Its 0-based position and the number of steps. */
  position: { index: number; total: number };
  /** Its section of the doc, when the doc has one. */
  section?: StepSection;
}

/** The step's title bar and its doc section (or its commands), ending with a newline. */
export function renderStep(view: StepView, c: Palette, width: number): string {
  const { step, position, section } = view;
  const bar = `Step ${position.index + 1}/${position.total} · ${step.title}`;
  const lines = ["", c.bold(bar), c.dim("─".repeat(Math.min(width, bar.length + 4)))];
  if (section === undefined || section.elements.length === 0) {
    lines.push("", "Type these commands in your shell:", "", ...commandLines(step.commands, c));
  } else {
    for (const el of section.elements) lines.push(...elementLines(el, c, width));
  }
  return `${lines.join("\n")}\n\n`;
}

/** The step's commands, as the solution key shows them, ending with a newline. */
export function renderSolution(step: LoadedStep, c: Palette): string {
  return [
    "",
    c.bold(`Solution: the commands of "${step.title}"`),
    "",
    ...(step.commands.length > 0 ? commandLines(step.commands, c) : ["  (no commands)"]),
    "",
    "",
  ].join("\n");
}

/** Each command as `$ …` lines, with where it is typed when it is not the target's shell. */
export function commandLines(commands: readonly Command[], c: Palette): string[] {
  const lines: string[] = [];
  for (const command of commands) {
    const where = command.where;
    if (where?.kind === "session") lines.push(c.dim(`  # at the prompt of ${where.session}:`));
    if (where?.kind === "container") lines.push(c.dim(`  # inside container ${where.container}:`));
    lines.push(...shellLines(command.run, c));
  }
  return lines;
}

function shellLines(text: string, c: Palette): string[] {
  return text.split("\n").map((line, i) => c.green(i === 0 ? `  $ ${line}` : `    ${line}`));
}

function elementLines(el: DocElement, c: Palette, width: number): string[] {
  switch (el.kind) {
    case "heading":
      return ["", c.bold(headingText(el.text))];
    case "paragraph":
      // Marks removed before the reflow, which may break a code span or a link across lines.
      return ["", ...wrap(inline(el.text.replace(/\s*\n\s*/g, " "), c), width)];
    case "fenced": {
      if (COMMAND_INFOS.has(infoWord(el))) return ["", ...shellLines(el.text, c)];
      const all = el.text.split("\n");
      const shown = all.slice(0, OUTPUT_LINES).map((l) => c.dim(`    ${l}`));
      if (all.length > OUTPUT_LINES) {
        shown.push(c.dim(`    … (${all.length - OUTPUT_LINES} more lines)`));
      }
      return ["", ...shown];
    }
    case "indented":
      return ["", ...el.text.split("\n").map((l) => c.dim(`    ${l}`))];
    case "thematic":
      return ["", c.dim("─".repeat(Math.min(width, 20)))];
    case "html":
      return [];
  }
}

/** Inline code (`x`) in bold, backticks removed; links shown as their text. */
function inline(line: string, c: Palette): string {
  return line
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/`([^`]+)`/g, (_, code: string) => c.bold(code));
}

/**
 * Words wrapped to lines of at most `width` columns (a longer word gets a line of its own);
 * colour codes take no columns.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line === "") line = word;
    else if (stripAnsi(line).length + 1 + stripAnsi(word).length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}
