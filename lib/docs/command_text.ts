/**
 * The text of a command block, and the normal form in which doc and step commands are compared.
 * @module
 */
import { RE2JS } from "re2js";
import { typeSource } from "../expect/_placeholders.ts";
import type { FencedBlock } from "./types.ts";

// `\{{` is a literal `{{`; `{{name}}` a capture reference: both make the shown text the ran one.
const REFERENCE = /\\\{\{|\{\{([a-z_][a-z0-9_]*)\}\}/g;

/** Info strings (first word) that make a fenced block a command block. */
export const COMMAND_INFOS: ReadonlySet<string> = new Set(["sh", "bash", "shell", "console"]);

/** The first word of a fenced block's info string, lower-cased (`sh` for `sh title="x"`). */
export function infoWord(block: FencedBlock): string {
  return block.info.split(/[\s{]/, 1)[0].toLowerCase();
}

/**
 * The command a command block shows. For `console`, the first `$ ` line and its continuation
 * lines, without the prompt (the lines after it are sample output); otherwise the whole block.
 */
export function commandText(block: FencedBlock): string {
  if (infoWord(block) !== "console") return block.text;
  const lines = block.text.split("\n");
  const first = lines.findIndex((line) => /^\$(?: |$)/.test(line));
  if (first < 0) return block.text;
  const taken = [lines[first].replace(/^\$ ?/, "")];
  for (let i = first + 1; i < lines.length && /\\[ \t]*$/.test(lines[i - 1]); i++) {
    taken.push(lines[i]);
  }
  return taken.join("\n");
}

/**
 * The normal form of a command for linking: line ends unified, trailing blanks trimmed from
 * every line, line continuations (`\` at a line end) joined, whitespace runs collapsed to one
 * space, and the ends trimmed.
 */
export function normalizeCommand(text: string): string {
  // Trailing blanks are trimmed line by line: the regex /[ \t]+$/gm is quadratic in a run of
  // blanks inside a line.
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map(trimBlanks)
    .join("\n")
    .replace(/\\\n/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function trimBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === " " || line[end - 1] === "\t")) end--;
  return line.slice(0, end);
}

/** Whether a command block shows the command `run` (its references as any value of their type). */
export function commandShows(
  block: FencedBlock,
  run: string,
  types: Readonly<Record<string, string>>,
): boolean {
  const shown = commandText(block);
  if (shown === run || !hasReferences(run)) return shown === run;
  let pattern = "";
  let at = 0;
  for (const found of run.matchAll(REFERENCE)) {
    pattern += RE2JS.quote(run.slice(at, found.index));
    const name = found[1];
    pattern += name === undefined
      ? RE2JS.quote("{{")
      : Object.hasOwn(types, name)
      ? `(?:${typeSource(types[name])})`
      : "[\\s\\S]+?";
    at = found.index + found[0].length;
  }
  pattern += RE2JS.quote(run.slice(at));
  return RE2JS.compile(pattern).matches(shown);
}

/** Whether a command's text has capture references (or escaped braces). */
export function hasReferences(run: string): boolean {
  return run.match(REFERENCE) !== null;
}
