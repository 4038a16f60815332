/**
 * The container markers at the start of a markdown line: the `>` and list item markers that
 * continue the open block quotes and list items, and those that open new ones. Each line is
 * scanned once, however deep the nesting.
 * @module
 */
import type { ContainerStack } from "./_containers.ts";
import { blankFrom, consumeColumns, type Cursor, indentation, skipTo } from "./_lines.ts";

/** A thematic break (`***`, `- - -`), which a list marker cannot start. */
export const THEMATIC = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const BULLET = /^[-+*](?=[ \t]|$)/;
const ORDERED = /^(\d{1,9})[.)](?=[ \t]|$)/;

/** What a line's markers leave for its leaf: where they are, for a rewrite to reproduce. */
export interface LineMarks {
  /** The ranges of the list markers the line opens. */
  markers: [number, number][];
  /** Positions just after a `>` that no space follows. */
  gaps: number[];
  /** The last character that cannot be in a thematic break (-2: not looked for yet). */
  plain: number;
}

/** Fresh marks for a line. */
export function lineMarks(): LineMarks {
  return { markers: [], gaps: [], plain: -2 };
}

/** Consumes the markers of the open containers the line continues; returns how many. */
export function matchContainers(
  stack: ContainerStack,
  text: string,
  cur: Cursor,
  marks: LineMarks,
): number {
  let matched = 0;
  while (matched < stack.length) {
    const quote = stack.at(matched).kind === "quote";
    if (quote && cur.partial === 0 && text[cur.pos] === ">") {
      quoteMarker(text, cur, cur.pos, marks); // the common `>>>`: no indentation to measure
      matched++;
      continue;
    }
    const ind = indentation(text, cur);
    if (quote) {
      if (ind.cols > 3 || text[ind.pos] !== ">") break;
      quoteMarker(text, cur, ind.pos, marks);
      matched++;
      continue;
    }
    // A run of list items at once: a blank line continues them all, others take their widths.
    const blank = blankFrom(text, cur.pos, cur);
    const run = stack.items(matched, blank ? Infinity : ind.cols);
    if (!blank) consumeColumns(text, cur, run.width);
    matched = run.end;
    if (matched < stack.length && stack.at(matched).kind === "item") break;
  }
  return matched;
}

/** How `openContainers` may open containers on a line. */
export interface OpenOptions {
  /** How many open containers the line continued. */
  matched: number;
  /** Whether an open paragraph would be interrupted (a list item needs content to do so). */
  interruptible: boolean;
  /** Closes the open leaf and the containers the line did not continue, before opening. */
  close: () => void;
}

/**
 * Opens the block quotes and list items that start on the line, recording list markers'
 * ranges in `marks`; returns whether it opened any.
 */
export function openContainers(
  stack: ContainerStack,
  text: string,
  cur: Cursor,
  marks: LineMarks,
  options: OpenOptions,
): boolean {
  let opened = false;
  for (;;) {
    const ind = indentation(text, cur);
    if (ind.cols >= 4) break;
    const after = text.slice(ind.pos);
    if (after.startsWith(">")) {
      if (!opened) options.close();
      quoteMarker(text, cur, ind.pos, marks);
      stack.push({ kind: "quote" });
      opened = true;
      continue;
    }
    const marker = BULLET.exec(after) ?? ORDERED.exec(after);
    if (!marker || (onlyRules(text, ind.pos, marks) && THEMATIC.test(after))) break;
    const contentBlank = blankFrom(text, ind.pos + marker[0].length, cur);
    if (options.interruptible && !opened) {
      // A list item interrupts a paragraph only with content, and an ordered one at 1.
      if (contentBlank || (marker[1] !== undefined && Number(marker[1]) !== 1)) break;
    }
    if (!opened) options.close();
    const before = ind.cols;
    skipTo(text, cur, ind.pos);
    marks.markers.push([ind.pos, ind.pos + marker[0].length]);
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
    stack.push({ kind: "item", width: before + marker[0].length + padding });
    opened = true;
  }
  return opened;
}

/** Consumes a `>` at `pos` and the optional space after it, noting when there is none. */
function quoteMarker(text: string, cur: Cursor, pos: number, marks: LineMarks): void {
  skipTo(text, cur, pos + 1);
  if (text[cur.pos] !== " " && text[cur.pos] !== "\t") marks.gaps.push(cur.pos);
  consumeColumns(text, cur, 1);
}

/**
 * Whether the line from `pos` holds only characters of a thematic break (`-*_`, blanks), so
 * that testing each of many list markers on one line does not rescan the line each time.
 */
function onlyRules(text: string, pos: number, marks: LineMarks): boolean {
  if (marks.plain === -2) {
    marks.plain = -1;
    for (let i = text.length - 1; i >= 0; i--) {
      if (!"-*_ \t".includes(text[i])) {
        marks.plain = i;
        break;
      }
    }
  }
  return marks.plain < pos;
}
