/**
 * A markdown tutorial read into sections: every heading starts one, its fenced shell blocks give
 * commands, a block under a paragraph that starts with "Output" is the output of the command
 * before it, and a block under a file name ("File: agent.py", `` `Dockerfile`: ``) is a file.
 * Fences come from the doc tools' linear parser (lib/docs/parse_markdown.ts).
 * @module
 */
import { parseMarkdown } from "../docs/parse_markdown.ts";
import type { DocElement, FencedBlock } from "../docs/types.ts";
import { looksLikeCommand } from "./command_words.ts";
import { parseOutputLabel, pickOutputCommand } from "./output_block.ts";
import { isConsole, splitShellBlock } from "./shell_lines.ts";
import type { DocCommand, DocSection, DocSource } from "./types.ts";

const SHELL_INFO =
  /^(?:sh|bash|shell|zsh|console|shell-session|terminal|shellsession|sh-session)$/i;
const MARKER = /^<!--\s*step:\s*(\S+?)\s*-->$/;

/** Whether a fenced block holds commands: a shell info string, or commands without one. */
export function isShellFence(block: Pick<FencedBlock, "info" | "text">): boolean {
  const info = block.info.split(/\s+/)[0] ?? "";
  if (SHELL_INFO.test(info)) return true;
  if (info !== "") return false;
  const lines = block.text.split("\n").filter((l) => l.trim() !== "");
  return lines.length > 0 && (isConsole(lines) || looksLikeCommand(lines[0]));
}

/** The file name a paragraph or an info string gives the block under it, if any. */
export function fileNameFor(paragraph: string | undefined, info: string): string | undefined {
  const titled = /(?:title|filename|file)=["']?([\w./-]+)/.exec(info);
  if (titled) return titled[1];
  if (paragraph === undefined) return undefined;
  const text = paragraph.trim();
  const m = /^(?:\*\*)?(?:file(?:name)?|path)\s*:\s*`?([\w./-]+)`?(?:\*\*)?\s*:?$/i.exec(text) ??
    /^`([\w./-]+)`\s*:?$/.exec(text) ??
    /(?:^|\s)(?:create|save|write|in|to|add)\b[^`\n]*`([\w./-]*(?:\.\w+|Dockerfile|Makefile))`\s*:$/i
      .exec(text);
  return m?.[1];
}

/**
 * Reads a markdown tutorial.
 *
 * @example
 * ```ts
 * const doc = readMarkdown("# T\n\n## Make it\n\n```sh\ndocker network create n\n```\n");
 * doc.sections[0].commands[0].run; // "docker network create n"
 * ```
 */
export function readMarkdown(source: string): DocSource {
  const elements = parseMarkdown(source);
  const doc: DocSource = { sections: [], commandLines: [] };
  let section: DocSection = { title: "", line: 0, commands: [], files: [] };
  doc.sections.push(section);
  let block = 0;
  let lastBlock: DocCommand[] = [];
  let prev: DocElement | undefined;
  for (const el of elements) {
    // An indented code block is read like a fence without an info string.
    const code = el.kind === "fenced"
      ? { text: el.text, info: el.info, first: el.line + 1 }
      : el.kind === "indented"
      ? { text: el.text, info: "", first: el.line }
      : undefined;
    if (el.kind === "heading") {
      const level = /^#+/.exec(el.text)?.[0].length ?? 2;
      const title = el.text.replace(/^#+\s*/, "").replace(/\s+#+\s*$/, "").trim();
      if (level === 1 && doc.title === undefined) doc.title = title;
      else {
        section = { title, line: el.line, commands: [], files: [], headingEnd: el.end };
        doc.sections.push(section);
        lastBlock = [];
      }
    } else if (el.kind === "html") {
      const m = MARKER.exec(el.text.trim());
      if (m && section.marker === undefined) section.marker = m[1];
    } else if (code && isShellFence(code)) {
      block++;
      lastBlock = [];
      for (const entry of splitShellBlock(code.text)) {
        const command: DocCommand = { run: entry.run, line: code.first + entry.offset, block };
        if (entry.comment) command.comment = entry.comment;
        if (entry.output !== undefined) command.inlineOutput = entry.output;
        if (entry.file) {
          section.files.push({ ...entry.file, line: command.line, byCommand: true });
        }
        section.commands.push(command);
        lastBlock.push(command);
        doc.commandLines.push(command.line);
      }
    } else if (code) {
      const paragraph = prev?.kind === "paragraph" ? prev.text : undefined;
      const label = paragraph === undefined ? undefined : parseOutputLabel(paragraph);
      const file = label ? undefined : fileNameFor(paragraph, code.info);
      if (label && lastBlock.length > 0) {
        const target = pickOutputCommand(lastBlock, code.text);
        if (target.output === undefined) {
          target.output = { ...label, text: code.text, line: code.first };
          if (lastBlock.length > 1) target.output.under = lastBlock.length;
        }
      } else if (file) {
        section.files.push({ path: file, text: `${code.text}\n`, line: code.first });
      }
    }
    prev = el;
  }
  return doc;
}
