/**
 * The doc of an imported lesson, with a `<!-- step: id -->` marker under each heading that
 * became a step. A markdown tutorial is kept byte for byte, markers added (one it already has is
 * kept); a text tutorial is written out as markdown: headings, its prose as paragraphs, each
 * command block as a `sh` block, each output under "Output:" as a `text` block, and each file
 * under its name.
 * @module
 */
import type { PlannedStep } from "./plan_lesson.ts";
import type { DocSource } from "./types.ts";

/** The markdown source with a step marker after each step's heading. */
export function markMarkdown(source: string, steps: PlannedStep[]): string {
  const inserts = steps
    .filter((s) => s.section.marker === undefined && s.section.headingEnd !== undefined)
    .map((s) => ({ at: s.section.headingEnd!, id: s.id }))
    .sort((a, b) => b.at - a.at);
  // The doc's own line ending (CRLF kept).
  const nl = /\r?\n/.exec(source)?.[0] ?? "\n";
  let out = source;
  for (const { at, id } of inserts) {
    const eol = out.slice(0, at).endsWith("\n") ? "" : nl;
    out = `${out.slice(0, at)}${eol}${nl}<!-- step: ${id} -->${nl}${out.slice(at)}`;
  }
  return out;
}

const LANGUAGES: Record<string, string> = {
  py: "python",
  js: "javascript",
  ts: "typescript",
  json: "json",
  yml: "yaml",
  yaml: "yaml",
  sh: "sh",
  txt: "text",
  toml: "toml",
};

function _fence(text: string, info: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${info}\n${text}\n${fence}`;
}

/** A text tutorial as a markdown doc, with step markers. */
export function textToMarkdown(doc: DocSource, steps: PlannedStep[], title: string): string {
  const stepOf = new Map(steps.map((s) => [s.section, s.id]));
  const blocks: string[] = [`# ${title}`];
  for (const section of doc.sections) {
    if (section.title && section.title !== doc.title) blocks.push(`## ${section.title}`);
    const id = stepOf.get(section);
    if (id) blocks.push(`<!-- step: ${id} -->`);
    for (const piece of section.body ?? []) {
      if (piece.kind === "prose") {
        blocks.push(piece.text.trim().replace(/^([-*+#>]|\d+\.)\s/, "\\$&"));
      } else if (piece.kind === "commands") {
        blocks.push(_fence(piece.runs.join("\n"), piece.console ? "console" : "sh"));
      } else if (piece.kind === "output") blocks.push(_fence(piece.text, "text"));
      else {
        const ext = piece.path.split(".").pop() ?? "";
        const info = piece.path === "Dockerfile" ? "dockerfile" : LANGUAGES[ext] ?? "";
        blocks.push(_fence(piece.text, info));
      }
    }
  }
  return `${blocks.join("\n\n")}\n`;
}
