/**
 * Source lines with their endings and offsets, and a column cursor that knows about tabs.
 * @module
 */

/** One source line. */
export interface SourceLine {
  /** The line without its ending. */
  text: string;
  /** Its ending: "\n", "\r\n", "\r", or "" for a last line without one. */
  eol: string;
  /** Offset of its first character in the source. */
  start: number;
  /** 1-based line number. */
  number: number;
}

/** Splits a source into lines, keeping each line's own ending. */
export function splitSource(source: string): SourceLine[] {
  const lines: SourceLine[] = [];
  const ending = /\r\n|\n|\r/g;
  let start = 0;
  let found: RegExpExecArray | null;
  while ((found = ending.exec(source)) !== null) {
    lines.push({
      text: source.slice(start, found.index),
      eol: found[0],
      start,
      number: lines.length + 1,
    });
    start = found.index + found[0].length;
  }
  if (start < source.length) {
    lines.push({ text: source.slice(start), eol: "", start, number: lines.length + 1 });
  }
  return lines;
}

/**
 * A position in a line: `pos` is the next character, `col` the column after the characters
 * consumed, and `partial` the columns of a tab that were not consumed yet (CommonMark lets a
 * container take part of a tab).
 */
export interface Cursor {
  /** Index of the next character. */
  pos: number;
  /** Column reached at `pos`. */
  col: number;
  /** Columns of a partly consumed tab still owed to the content. */
  partial: number;
}

/** A cursor at the start of a line. */
export function cursorAt(): Cursor {
  return { pos: 0, col: 0, partial: 0 };
}

/** Indentation in columns from the cursor, and where the first non-blank character is. */
export function indentation(text: string, cur: Cursor): { cols: number; pos: number } {
  let cols = cur.partial;
  let col = cur.col;
  let pos = cur.pos;
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === " ") {
      cols++;
      col++;
    } else if (ch === "\t") {
      const width = 4 - (col % 4);
      cols += width;
      col += width;
    } else break;
    pos++;
  }
  return { cols, pos };
}

/** Whether the rest of the line from the cursor is blank. */
export function blankFrom(text: string, pos: number): boolean {
  for (let i = pos; i < text.length; i++) {
    if (text[i] !== " " && text[i] !== "\t") return false;
  }
  return true;
}

/** Consumes up to `n` columns of spaces and tabs (a tab may be consumed in part). */
export function consumeColumns(text: string, cur: Cursor, n: number): void {
  let left = n;
  if (cur.partial > 0) {
    const used = Math.min(cur.partial, left);
    cur.partial -= used;
    left -= used;
  }
  while (left > 0 && cur.pos < text.length) {
    const ch = text[cur.pos];
    if (ch === " ") {
      cur.pos++;
      cur.col++;
      left--;
    } else if (ch === "\t") {
      const width = 4 - (cur.col % 4);
      cur.pos++;
      cur.col += width;
      if (width > left) {
        cur.partial = width - left;
        left = 0;
      } else left -= width;
    } else break;
  }
}

/** Consumes every space and tab up to `pos` (found by `indentation`). */
export function skipTo(text: string, cur: Cursor, pos: number): void {
  cur.partial = 0;
  while (cur.pos < pos) {
    cur.col += text[cur.pos] === "\t" ? 4 - (cur.col % 4) : 1;
    cur.pos++;
  }
}

/** The rest of the line from the cursor, a partly consumed tab given back as spaces. */
export function restOf(text: string, cur: Cursor): string {
  return " ".repeat(cur.partial) + text.slice(cur.pos);
}
