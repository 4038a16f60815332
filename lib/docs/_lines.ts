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
  /**
   * The last run of spaces and tabs scanned in this line, [from, to), and the column at `to`
   * (-1 when not known): every container of a deeply nested line asks about the same run, and
   * scanning it once keeps parsing linear in the nesting depth.
   */
  run: { from: number; to: number; colTo: number; spaces: boolean };
}

/** A cursor at the start of a line. */
export function cursorAt(): Cursor {
  return { pos: 0, col: 0, partial: 0, run: { from: 0, to: -1, colTo: -1, spaces: false } };
}

/** Indentation in columns from the cursor, and where the first non-blank character is. */
export function indentation(text: string, cur: Cursor): { cols: number; pos: number } {
  const run = cur.run;
  if (cur.pos >= run.from && cur.pos <= run.to && run.colTo >= 0) {
    return { cols: cur.partial + run.colTo - cur.col, pos: run.to };
  }
  let col = cur.col;
  let pos = cur.pos;
  let spaces = true;
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === " ") col++;
    else if (ch === "\t") {
      col += 4 - (col % 4);
      spaces = false;
    } else break;
    pos++;
  }
  run.from = cur.pos;
  run.to = pos;
  run.colTo = col;
  run.spaces = spaces;
  return { cols: cur.partial + col - cur.col, pos };
}

/** Whether the rest of the line from `pos` is blank (`cur` remembers the run it scans). */
export function blankFrom(text: string, pos: number, cur?: Cursor): boolean {
  if (cur !== undefined && pos >= cur.run.from && pos <= cur.run.to) {
    return cur.run.to === text.length;
  }
  let end = pos;
  while (end < text.length && (text[end] === " " || text[end] === "\t")) end++;
  if (cur !== undefined) {
    cur.run.from = pos;
    cur.run.to = end;
    cur.run.colTo = -1;
    cur.run.spaces = false;
  }
  return end === text.length;
}

/** Consumes up to `n` columns of spaces and tabs (a tab may be consumed in part). */
export function consumeColumns(text: string, cur: Cursor, n: number): void {
  let left = n;
  if (cur.partial > 0) {
    const used = Math.min(cur.partial, left);
    cur.partial -= used;
    left -= used;
  }
  const run = cur.run;
  if (left > 0 && run.spaces && cur.pos >= run.from && cur.pos < run.to) {
    // Within a run of spaces known from `indentation`: skip, not step.
    const step = Math.min(left, run.to - cur.pos);
    cur.pos += step;
    cur.col += step;
    left -= step;
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

/**
 * What precedes each rewritten content line of a fenced block opened at `end` of `text`: the
 * fence line's container markers and indentation, list markers as spaces, tabs expanded to the
 * spaces of their columns, and a space inserted at each gap (after a `>` that had none). Read
 * back, the containers and the fence's indentation take exactly this prefix, so a content line's
 * own leading spaces and tabs survive a rewrite.
 */
export function rewritePrefix(
  text: string,
  from: number,
  end: number,
  markers: readonly [number, number][],
  gaps: readonly number[],
): string {
  const spaced = new Set(gaps);
  let out = "";
  let col = 0;
  let m = 0; // markers are in line order
  for (let i = from; i <= end; i++) {
    if (spaced.has(i)) out += " ";
    if (i === end) break;
    const ch = text[i];
    while (m < markers.length && markers[m][1] <= i) m++;
    if (ch === "\t") {
      const width = 4 - (col % 4);
      out += " ".repeat(width);
      col += width;
      continue;
    }
    out += m < markers.length && markers[m][0] <= i ? " " : ch;
    col++;
  }
  return out;
}
