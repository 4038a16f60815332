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
  skipTo,
  type SourceLine,
  splitSource,
} from "./_lines.ts";
import { type HtmlEnd, htmlEnds, htmlStart } from "./_html.ts";
import { ContainerStack } from "./_containers.ts";

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
const THEMATIC = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const BULLET = /^[-+*](?=[ \t]|$)/;
const ORDERED = /^(\d{1,9})[.)](?=[ \t]|$)/;

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
  /** The last character of the current line that cannot be in a thematic break (-2: unknown). */
  plain = -2;
  /** Positions after a `>` of the current line that no space follows. */
  gaps: number[] = [];

  constructor(source: string) {
    this.source = source;
  }

  parse(): DocElement[] {
    for (const line of splitSource(this.source)) this.line(line);
    this.closeLeaf();
    return this.elements;
  }

  line(line: SourceLine): void {
    this.plain = -2;
    this.gaps = [];
    const cur = cursorAt();
    if (line.number === 1 && line.text.startsWith("\uFEFF")) cur.pos = 1; // a byte order mark
    const matched = this.matchContainers(line.text, cur);
    const allMatched = matched === this.containers.length;
    if (allMatched && this.continueLeaf(line, cur)) return;
    const markers: Array<[number, number]> = [];
    const opened = this.openContainers(line, cur, matched, allMatched, markers);
    if (!opened && matched < this.containers.length) {
      if (this.leaf?.kind === "paragraph" && this.lazy(line.text, cur)) {
        this.paragraphLine(line, cur);
        return;
      }
      this.truncate(matched);
    }
    this.leafLine(line, cur, markers);
  }

  /** Consumes the markers of the open containers the line continues; returns how many. */
  matchContainers(text: string, cur: Cursor): number {
    let matched = 0;
    while (matched < this.containers.length) {
      const quote = this.containers.at(matched).kind === "quote";
      if (quote && cur.partial === 0 && text[cur.pos] === ">") {
        this.quoteMarker(text, cur, cur.pos); // the common `>>>`: no indentation to measure
        matched++;
        continue;
      }
      const ind = indentation(text, cur);
      if (quote) {
        if (ind.cols > 3 || text[ind.pos] !== ">") break;
        this.quoteMarker(text, cur, ind.pos);
        matched++;
        continue;
      }
      // A run of list items at once: a blank line continues them all, others take their widths.
      const blank = blankFrom(text, cur.pos, cur);
      const run = this.containers.items(matched, blank ? Infinity : ind.cols);
      if (!blank) consumeColumns(text, cur, run.width);
      matched = run.end;
      if (matched < this.containers.length && this.containers.at(matched).kind === "item") break;
    }
    return matched;
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

  /**
   * Opens the block quotes and list items that start on the line, recording list markers'
   * ranges in `markers`; returns whether it opened any.
   */
  openContainers(
    line: SourceLine,
    cur: Cursor,
    matched: number,
    allMatched: boolean,
    markers: Array<[number, number]>,
  ): boolean {
    const text = line.text;
    let opened = false;
    for (;;) {
      const ind = indentation(text, cur);
      if (ind.cols >= 4) break;
      const after = text.slice(ind.pos);
      if (after.startsWith(">")) {
        if (!opened) this.truncate(matched);
        this.quoteMarker(text, cur, ind.pos);
        this.containers.push({ kind: "quote" });
        opened = true;
        continue;
      }
      const marker = BULLET.exec(after) ?? ORDERED.exec(after);
      if (!marker || (this.onlyRules(text, ind.pos) && THEMATIC.test(after))) break;
      const contentBlank = blankFrom(text, ind.pos + marker[0].length, cur);
      if (allMatched && !opened && this.leaf?.kind === "paragraph") {
        // A list item interrupts a paragraph only with content, and an ordered one at 1.
        if (contentBlank || (marker[1] !== undefined && Number(marker[1]) !== 1)) break;
      }
      if (!opened) this.truncate(matched);
      const before = ind.cols;
      skipTo(text, cur, ind.pos);
      markers.push([ind.pos, ind.pos + marker[0].length]);
      skipTo(text, cur, ind.pos + marker[0].length);
      const spaces = indentation(text, cur).cols;
      let padding: number;
      if (contentBlank) padding = 1;
      else if (spaces >= 5) {
        padding = 1;
        consumeColumns(text, cur, 1);
      } else {
        padding = spaces;
        consumeColumns(text, cur, spaces);
      }
      this.containers.push({ kind: "item", width: before + marker[0].length + padding });
      opened = true;
    }
    return opened;
  }

  /** Consumes a `>` at `pos` and the optional space after it, noting when there is none. */
  quoteMarker(text: string, cur: Cursor, pos: number): void {
    skipTo(text, cur, pos + 1);
    if (text[cur.pos] !== " " && text[cur.pos] !== "\t") this.gaps.push(cur.pos);
    consumeColumns(text, cur, 1);
  }

  /**
   * Whether the line from `pos` holds only characters of a thematic break (`-*_`, blanks), so
   * that testing each of many list markers on one line does not rescan the line each time.
   */
  onlyRules(text: string, pos: number): boolean {
    if (this.plain === -2) {
      this.plain = -1;
      for (let i = text.length - 1; i >= 0; i--) {
        if (!"-*_ \t".includes(text[i])) {
          this.plain = i;
          break;
        }
      }
    }
    return this.plain < pos;
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

  leafLine(line: SourceLine, cur: Cursor, markers: Array<[number, number]>): void {
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
      const prefix = rewritePrefix(text, bom, ind.pos, markers, this.gaps);
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
    switch (leaf.kind) {
      case "paragraph":
        leaf.el.text = leaf.lines.map((l) => l.trimStart()).join("\n").trimEnd();
        break;
      case "fenced":
        leaf.el.text = leaf.lines.join("\n");
        break;
      case "indented":
      case "html":
        leaf.el.text = leaf.lines.join("\n");
        break;
    }
  }
}
