/**
 * Just enough markdown: the block structure of CommonMark (block quotes, list items, fenced
 * and indented code, HTML blocks, headings, paragraphs), with the offsets of every element so
 * that a rewrite can replace a code block's content and leave every other byte alone.
 * @module
 */
import type { DocElement, FencedBlock, HtmlBlock, IndentedBlock, Paragraph } from "./types.ts";
import {
  blankFrom,
  consumeColumns,
  type Cursor,
  cursorAt,
  indentation,
  restOf,
  rewritePrefix,
  type SourceLine,
  splitSource,
} from "./_lines.ts";
import { type HtmlEnd, htmlEnds, htmlStart } from "./_html.ts";
import { ContainerStack } from "./_containers.ts";
import {
  type LineMarks,
  lineMarks,
  matchContainers,
  openContainers,
  THEMATIC,
} from "./_container_markers.ts";

type Leaf =
  | { kind: "paragraph"; el: Paragraph; lines: string[] }
  | {
    kind: "fenced";
    el: FencedBlock;
    char: string;
    length: number;
    indent: number;
    lines: string[];
  }
  | { kind: "indented"; el: IndentedBlock; lines: string[]; blanks: string[] }
  | { kind: "html"; el: HtmlBlock; ends: HtmlEnd; lines: string[] };

const FENCE = /^(`{3,}|~{3,})(.*)$/;
const ATX = /^#{1,6}(?:[ \t]|$)/;
const SETEXT = /^(?:=+|-+)[ \t]*$/;

/**
 * Parses markdown into its block-level elements, in document order. Offsets index the given
 * string; container elements (quotes, list items) are not listed, their content is.
 */
export function parseMarkdown(source: string): DocElement[] {
  return new Parser(source).parse();
}

class Parser {
  source: string;
  elements: DocElement[] = [];
  containers = new ContainerStack();
  leaf: Leaf | undefined;

  constructor(source: string) {
    this.source = source;
  }

  parse(): DocElement[] {
    for (const line of splitSource(this.source)) this.line(line);
    this.closeLeaf();
    return this.elements;
  }

  line(line: SourceLine): void {
    const cur = cursorAt();
    if (line.number === 1 && line.text.startsWith("\uFEFF")) cur.pos = 1; // a byte order mark
    const marks = lineMarks();
    const matched = matchContainers(this.containers, line.text, cur, marks);
    const allMatched = matched === this.containers.length;
    if (allMatched && this.continueLeaf(line, cur)) return;
    const opened = openContainers(this.containers, line.text, cur, marks, {
      matched,
      interruptible: allMatched && this.leaf?.kind === "paragraph",
      close: () => this.truncate(matched),
    });
    if (!opened && matched < this.containers.length) {
      if (this.leaf?.kind === "paragraph" && this.lazy(line.text, cur)) {
        this.paragraphLine(line, cur);
        return;
      }
      this.truncate(matched);
    }
    this.leafLine(line, cur, marks);
  }

  /** Adds the line to an open code or HTML block, or closes it; true when the line is used. */
  continueLeaf(line: SourceLine, cur: Cursor): boolean {
    const text = line.text;
    const leaf = this.leaf;
    const lineEnd = line.start + text.length + line.eol.length;
    if (leaf?.kind === "fenced") {
      const ind = indentation(text, cur);
      const closing = new RegExp(`^${leaf.char === "`" ? "`" : "~"}{${leaf.length},}[ \\t]*$`);
      if (ind.cols <= 3 && closing.test(text.slice(ind.pos))) {
        leaf.el.closed = true;
        leaf.el.contentEnd = line.start;
        this.extend(line);
        this.closeLeaf();
        return true;
      }
      consumeColumns(text, cur, Math.min(leaf.indent, ind.cols));
      leaf.lines.push(restOf(text, cur));
      this.extend(line);
      leaf.el.contentEnd = lineEnd;
      return true;
    }
    if (leaf?.kind === "html") {
      if (leaf.ends === "blank" && blankFrom(text, cur.pos, cur)) {
        this.closeLeaf();
        return true;
      }
      leaf.lines.push(restOf(text, cur));
      this.extend(line);
      if (htmlEnds(leaf.ends, text)) this.closeLeaf();
      return true;
    }
    if (leaf?.kind === "indented") {
      if (blankFrom(text, cur.pos, cur)) {
        consumeColumns(text, cur, 4);
        leaf.blanks.push(restOf(text, cur));
        return true;
      }
      if (indentation(text, cur).cols >= 4) {
        consumeColumns(text, cur, 4);
        leaf.lines.push(...leaf.blanks, restOf(text, cur));
        leaf.blanks = [];
        this.extend(line);
        return true;
      }
      this.closeLeaf();
    }
    return false;
  }

  /** Whether a line continues an open paragraph lazily (it starts no other block). */
  lazy(text: string, cur: Cursor): boolean {
    if (blankFrom(text, cur.pos, cur)) return false;
    const ind = indentation(text, cur);
    if (ind.cols >= 4) return true;
    const after = text.slice(ind.pos);
    return !FENCE.test(after) && !ATX.test(after) && !THEMATIC.test(after) &&
      !after.startsWith(">") && htmlStart(after, true) === undefined;
  }

  leafLine(line: SourceLine, cur: Cursor, marks: LineMarks): void {
    const text = line.text;
    if (blankFrom(text, cur.pos, cur)) {
      if (this.leaf?.kind === "paragraph") this.closeLeaf();
      return;
    }
    const ind = indentation(text, cur);
    const inParagraph = this.leaf?.kind === "paragraph";
    if (ind.cols >= 4) {
      if (inParagraph) {
        this.paragraphLine(line, cur);
        return;
      }
      this.closeLeaf();
      consumeColumns(text, cur, 4);
      const el: IndentedBlock = {
        kind: "indented",
        line: line.number,
        start: line.start,
        end: 0,
        text: "",
      };
      this.open({ kind: "indented", el, lines: [restOf(text, cur)], blanks: [] }, line);
      return;
    }
    const after = text.slice(ind.pos);
    const fence = FENCE.exec(after);
    if (fence && !(fence[1][0] === "`" && fence[2].includes("`"))) {
      this.closeLeaf();
      const bom = line.number === 1 && text.startsWith("\uFEFF") ? 1 : 0;
      const prefix = rewritePrefix(text, bom, ind.pos, marks.markers, marks.gaps);
      const contentStart = line.start + text.length + line.eol.length;
      const el: FencedBlock = {
        kind: "fenced",
        line: line.number,
        start: line.start,
        end: 0,
        fence: fence[1],
        info: fence[2].trim(),
        text: "",
        contentStart,
        contentEnd: contentStart,
        closed: false,
        prefix,
        eol: line.eol,
      };
      this.open(
        {
          kind: "fenced",
          el,
          char: fence[1][0],
          length: fence[1].length,
          indent: ind.cols,
          lines: [],
        },
        line,
      );
      return;
    }
    if (ATX.test(after)) {
      this.closeLeaf();
      this.single({
        kind: "heading",
        line: line.number,
        start: line.start,
        end: 0,
        text: after.trim(),
      }, line);
      return;
    }
    const ends = htmlStart(after, inParagraph);
    if (ends !== undefined) {
      this.closeLeaf();
      const el: HtmlBlock = {
        kind: "html",
        line: line.number,
        start: line.start,
        end: 0,
        text: "",
      };
      this.open({ kind: "html", el, ends, lines: [restOf(text, cur)] }, line);
      if (htmlEnds(ends, after)) this.closeLeaf();
      return;
    }
    if (inParagraph && SETEXT.test(after)) {
      const paragraph = this.leaf as Extract<Leaf, { kind: "paragraph" }>;
      this.extend(line);
      this.closeLeaf();
      const index = this.elements.lastIndexOf(paragraph.el);
      const { line: number, start, end, text: heading } = paragraph.el;
      this.elements[index] = { kind: "heading", line: number, start, end, text: heading };
      return;
    }
    if (THEMATIC.test(after)) {
      this.closeLeaf();
      this.single({ kind: "thematic", line: line.number, start: line.start, end: 0 }, line);
      return;
    }
    if (inParagraph) {
      this.paragraphLine(line, cur);
      return;
    }
    this.closeLeaf();
    const el: Paragraph = {
      kind: "paragraph",
      line: line.number,
      start: line.start,
      end: 0,
      text: "",
    };
    this.open({ kind: "paragraph", el, lines: [restOf(text, cur)] }, line);
  }

  paragraphLine(line: SourceLine, cur: Cursor): void {
    (this.leaf as Extract<Leaf, { kind: "paragraph" }>).lines.push(restOf(line.text, cur));
    this.extend(line);
  }

  open(leaf: Leaf, line: SourceLine): void {
    this.leaf = leaf;
    this.elements.push(leaf.el);
    this.extend(line);
  }

  single(el: DocElement, line: SourceLine): void {
    this.elements.push(el);
    el.end = line.start + line.text.length + line.eol.length;
  }

  extend(line: SourceLine): void {
    if (this.leaf) this.leaf.el.end = line.start + line.text.length + line.eol.length;
  }

  /** Closes the open leaf and every container after the first `keep`. */
  truncate(keep: number): void {
    this.closeLeaf();
    this.containers.truncate(keep);
  }

  closeLeaf(): void {
    const leaf = this.leaf;
    if (!leaf) return;
    this.leaf = undefined;
    leaf.el.text = leaf.kind === "paragraph"
      ? leaf.lines.map((l) => l.trimStart()).join("\n").trimEnd()
      : leaf.lines.join("\n");
  }
}
