/**
 * `run-lesson import`: a tutorial (markdown, or text copied off a web page) turned into a lesson
 * folder that runs: read, planned, and written, with nothing written when it has no commands or
 * the folder exists (unless forced).
 * @module
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { markMarkdown, textToMarkdown } from "./doc_writer.ts";
import { lessonModules } from "./lesson_files.ts";
import { readMarkdown } from "./markdown_source.ts";
import { planLesson } from "./plan_lesson.ts";
import { readText } from "./text_source.ts";
import type { ReviewNote } from "./types.ts";

/** The formats import reads. */
export const IMPORT_FORMATS = ["markdown", "text"] as const;

/** A format import reads. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** What to import, and where. */
export interface ImportOptions {
  /** The tutorial's path. */
  source: string;
  /** The lesson folder to write. */
  out: string;
  /** How the tutorial is written. */
  from: ImportFormat;
  /** Write into a folder that exists. */
  force?: boolean;
}

/** What an import wrote. */
export interface ImportResult {
  /** The files written, lesson-relative, in order. */
  files: string[];
  /** The number of steps and commands (those the doc shows). */
  steps: number;
  commands: number;
  /** The source lines taken as commands. */
  commandLines: number[];
  /** The guesses to review, each with the file it is marked in. */
  review: Array<ReviewNote & { file: string }>;
}

/** Why an import was refused: one line, nothing written. */
export class ImportRefused extends Error {
  override name = "ImportRefused";
}

/**
 * Imports a tutorial into a new lesson folder.
 *
 * @example
 * ```ts
 * importLesson({ source: "tutorial.md", out: "lessons/networks", from: "markdown" });
 * ```
 */
export function importLesson(options: ImportOptions): ImportResult {
  if (existsSync(options.out) && !options.force) {
    throw new ImportRefused(
      `Cannot import into "${options.out}": it exists (--force writes over it)`,
    );
  }
  let source: string;
  try {
    source = readFileSync(options.source, "utf8");
  } catch (error) {
    throw new ImportRefused(
      `Cannot read "${options.source}": ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  const doc = options.from === "text" ? readText(source) : readMarkdown(source);
  const commands = doc.sections.reduce((n, s) => n + s.commands.length, 0);
  if (commands === 0) {
    throw new ImportRefused(
      options.from === "text"
        ? `Cannot import "${options.source}": no line of it starts like a shell command`
        : `Cannot import "${options.source}": it has no shell blocks (--from text reads a page copied as text)`,
    );
  }
  const name = basename(options.source);
  const fallback = basename(options.out).replace(/[-_]+/g, " ");
  const plan = planLesson(doc, options.source, fallback);
  const files = new Map<string, string>();
  for (const [path, text] of lessonModules(plan, name)) files.set(path, text);
  files.set(
    "README.md",
    options.from === "text"
      ? textToMarkdown(doc, plan.steps, plan.index.title)
      : markMarkdown(source, plan.steps),
  );
  for (const [path, text] of plan.files) files.set(path, text);
  if (options.force) rmSync(join(options.out, "steps"), { recursive: true, force: true });
  for (const copy of plan.copies) {
    cpSync(copy.from, join(options.out, copy.to), { recursive: true });
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(join(options.out, path)), { recursive: true });
    writeFileSync(join(options.out, path), text);
  }
  const fileOf = new Map(plan.steps.map((s) => [s.id, s.file]));
  return {
    files: [...files.keys(), ...plan.copies.map((c) => `${c.to}/`)],
    steps: plan.steps.length,
    commands,
    commandLines: doc.commandLines,
    review: plan.notes.map((n) => ({ ...n, file: fileOf.get(n.where) ?? "lesson.ts" })),
  };
}

/** "48, 56, 75-78" from a sorted list of line numbers. */
export function lineRanges(lines: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    out.push(i === j ? `${lines[i]}` : `${lines[i]}-${lines[j]}`);
    i = j;
  }
  return out.join(", ");
}
