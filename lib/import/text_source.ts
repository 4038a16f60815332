/**
 * A tutorial copied off a web page (`import --from text`): no fences, no heading markers. A line
 * that starts like a shell command begins a command block (continuation lines joined); a line
 * "Output:" begins the output of the block above; "File: NAME" begins a file's content; prose
 * ends each of them. A short line standing alone, without final punctuation, is a heading.
 * @module
 */
import { looksLikeCommand, promptOf } from "./command_words.ts";
import { parseOutputLabel, pickOutputCommand } from "./output_block.ts";
import { opensSession } from "./sessions.ts";
import { isConsole, splitShellBlock } from "./shell_lines.ts";
import type { DocCommand, DocSection, DocSource } from "./types.ts";

const FILE_LABEL = /^(?:file(?:name)?|path)\s*:\s*`?([\w./-]+)`?\s*$/i;

/** Whether the line reads as prose: it starts with a capitalised word. */
export function isProse(line: string): boolean {
  return /^[A-Z][a-z]*(?:'[a-z]+)?(?:[ ,:!?.]|$)/.test(line) && !looksLikeCommand(line);
}

function _isCommandLine(line: string): boolean {
  const prompt = promptOf(line);
  return looksLikeCommand(prompt ? line.slice(prompt.length) : line);
}

/** A heading: alone between blank lines, short, capitalised, without final punctuation. */
function _isHeading(lines: string[], i: number): boolean {
  const line = lines[i];
  const alone = (i === 0 || lines[i - 1].trim() === "") &&
    (i + 1 >= lines.length || lines[i + 1].trim() === "");
  const ending = !/[.:;,!?"]$/.test(line) || line.endsWith("?") && _titleCase(line);
  return alone && line.length <= 80 && /^[A-Z0-9]/.test(line) && ending &&
    !_isCommandLine(line) && parseOutputLabel(line) === undefined && !FILE_LABEL.test(line);
}

/** Most longer words capitalised ("How Do Containers Find Each Other?"): a question heading. */
function _titleCase(line: string): boolean {
  const words = line.split(/\s+/).filter((w) => /^[A-Za-z]{4,}/.test(w));
  return words.length > 0 && words.filter((w) => /^[A-Z]/.test(w)).length / words.length >= 0.6;
}

/** The next non-blank line after `i`. */
function _next(lines: string[], i: number): string {
  for (let j = i + 1; j < lines.length; j++) if (lines[j].trim() !== "") return lines[j];
  return "";
}

/**
 * Reads a tutorial copied as text.
 *
 * @example
 * ```ts
 * const doc = readText("Networks\n\nMake one:\n\ndocker network create n\n\nOutput:\n\n4a7d8f9e3c2b\n");
 * doc.sections[0].commands[0].output?.text; // "4a7d8f9e3c2b"
 * ```
 */
export function readText(source: string): DocSource {
  const lines = source.replace(/\r\n?/g, "\n").split("\n").map((l) => l.replace(/\s+$/, ""));
  const doc: DocSource = { sections: [], commandLines: [] };
  let section: DocSection = { title: "", line: 0, commands: [], files: [], body: [] };
  doc.sections.push(section);
  let block = 0;
  let lastBlock: DocCommand[] = [];
  let i = 0;
  /** Lines from `i` up to what ends a region (prose or a label after a blank line). */
  const region = (endsAtCommand: boolean): { text: string; line: number } => {
    while (i < lines.length && lines[i].trim() === "") i++;
    const start = i;
    for (; i < lines.length; i++) {
      const line = lines[i];
      const afterBlank = i > start && lines[i - 1].trim() === "";
      if (i > start && (FILE_LABEL.test(line) || parseOutputLabel(line) !== undefined)) break;
      if (afterBlank && (isProse(line) || (endsAtCommand && _isCommandLine(line)))) break;
    }
    let end = i;
    while (end > start && lines[end - 1].trim() === "") end--;
    return { text: lines.slice(start, end).join("\n"), line: start + 1 };
  };
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
      continue;
    }
    const label = parseOutputLabel(line);
    const file = FILE_LABEL.exec(line);
    if (label && line.trim().endsWith(":")) {
      i++;
      const { text, line: at } = region(true);
      if (lastBlock.length > 0 && text !== "") {
        const target = pickOutputCommand(lastBlock, text);
        if (target.output === undefined) {
          target.output = { ...label, text, line: at };
          if (lastBlock.length > 1) target.output.under = lastBlock.length;
        }
      }
      section.body!.push({ kind: "prose", text: line }, { kind: "output", text });
    } else if (file) {
      i++;
      const { text, line: at } = region(false);
      const flattened = !text.split("\n").some((l) => /^\s+\S/.test(l));
      section.files.push({ path: file[1], text: `${text}\n`, line: at, flattened });
      section.body!.push({ kind: "prose", text: line }, { kind: "file", path: file[1], text });
    } else if (_isCommandLine(line)) {
      const start = i;
      const { chunk, transcript } = _commandChunk(lines, i, isConsole([line]));
      i += chunk.length;
      block++;
      lastBlock = [];
      const runs: string[] = [];
      for (const entry of splitShellBlock(chunk.join("\n"))) {
        const command: DocCommand = { run: entry.run, line: start + 1 + entry.offset, block };
        if (entry.comment) command.comment = entry.comment;
        if (entry.output) command.inlineOutput = entry.output;
        if (entry.file) section.files.push({ ...entry.file, line: command.line, byCommand: true });
        section.commands.push(command);
        lastBlock.push(command);
        runs.push(entry.run);
        const lineCount = entry.run.split("\n").length;
        for (let k = 0; k < lineCount; k++) doc.commandLines.push(command.line + k);
      }
      section.body!.push(
        transcript ? { kind: "commands", runs: chunk, console: true } : { kind: "commands", runs },
      );
    } else if (_isHeading(lines, i)) {
      if (doc.title === undefined && isProse(_next(lines, i)) && _next(lines, i).length >= 60) {
        doc.title = line;
        // Whatever heading-like line came before the title (a page's "Skip to main content")
        // is kept as prose of the part before the first section.
        if (section.title && section.commands.length === 0) {
          section.body!.push({ kind: "prose", text: section.title });
          section.title = "";
        }
      } else {
        section = { title: line, line: i + 1, commands: [], files: [], body: [] };
        doc.sections.push(section);
        lastBlock = [];
      }
      i++;
    } else {
      section.body!.push({ kind: "prose", text: line });
      i++;
    }
  }
  return doc;
}

/**
 * The lines of the command block that starts at `start`: command lines, the lines a `\` or an
 * open quote carries on to, a heredoc's body up to its end word (blank lines included), and in a
 * transcript (`$ ` prompts) the output lines after each command, up to a blank line.
 */
function _commandChunk(
  lines: string[],
  start: number,
  transcript: boolean,
): { chunk: string[]; transcript: boolean } {
  const chunk: string[] = [];
  let command: string[] = [];
  let heredoc: string | undefined;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (heredoc !== undefined) {
      chunk.push(line);
      if (line.replace(/^\t+/, "") === heredoc) {
        heredoc = undefined;
        command = [];
      }
      continue;
    }
    if (line.trim() === "") break;
    // A command typed at the prompt of a `docker run -it … sh` above (`/ # ping x`): a transcript.
    if (
      !transcript && promptOf(line).trimEnd().endsWith("#") && _isCommandLine(line) &&
      opensSession(chunk.join("\n"))
    ) transcript = true;
    const continued = command.length > 0 && _continues(command.join("\n"));
    if (!continued && !transcript && !_isCommandLine(line)) break;
    chunk.push(line);
    if (continued) command.push(line);
    else command = _isCommandLine(line) ? [line] : []; // else a transcript's output line
    heredoc = /<<-?\s*(['"]?)([A-Za-z_]\w*)\1/.exec(line)?.[2];
  }
  return { chunk, transcript };
}

/** Whether a command goes on to the next line: a trailing `\` or an open quote. */
function _continues(text: string): boolean {
  if (/\\$/.test(text)) return true;
  const quotes = text.replace(/\\['"]/g, "").replace(/\s#[^\n]*/g, "");
  return (quotes.split("'").length - 1) % 2 === 1 || (quotes.split('"').length - 1) % 2 === 1;
}
