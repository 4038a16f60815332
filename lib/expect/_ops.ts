/**
 * An alignment of pattern lines with actual lines, and what it yields: resolved text, hunks and
 * the first mismatch.
 * @module
 */

import type { Hunk, Mismatch } from "./types.ts";
import type { PatternLine } from "./parse_pattern.ts";

/** One step of an alignment; `p` indexes pattern lines, `a` actual lines (0-based). */
export type Op =
  /** Pattern line p matched actual line a. */
  | { kind: "match"; p: number; a: number }
  /** The `...` line p swallowed `count` actual lines from a. */
  | { kind: "ellipsis"; p: number; a: number; count: number }
  /** Actual line a was allowed by an unordered block's `...` (shown by its single `...`). */
  | { kind: "skip"; a: number }
  /** Pattern line p was aligned with actual line a but does not match it. */
  | { kind: "pair"; p: number; a: number; message: string }
  /** Pattern line p has no actual line. */
  | { kind: "missing"; p: number }
  /** Actual line a has no pattern line. */
  | { kind: "extra"; a: number };

/** Whether an op is a difference. */
export function failing(op: Op): boolean {
  return op.kind === "pair" || op.kind === "missing" || op.kind === "extra";
}

/** Escapes an actual line so that, read as a pattern, it matches itself literally. */
export function literalLine(line: string): string {
  return line.replaceAll("{{", "\\{{");
}

/** The actual output with matched lines shown as their pattern lines. */
export function resolvedText(ops: Op[], lines: PatternLine[], actual: string[]): string {
  const out: string[] = [];
  for (const op of ops) {
    if (op.kind === "match" || op.kind === "ellipsis") out.push(lines[op.p].text);
    else if (op.kind === "pair" || op.kind === "extra") out.push(literalLine(actual[op.a]));
  }
  return out.join("\n");
}

/** The first difference, with 1-based line numbers. */
export function firstMismatch(
  ops: Op[],
  lines: PatternLine[],
  actual: string[],
): Mismatch | undefined {
  const op = ops.find(failing);
  if (op === undefined) return undefined;
  if (op.kind === "pair") {
    return { expectedLine: op.p + 1, actualLine: op.a + 1, message: op.message };
  }
  if (op.kind === "missing") {
    return { expectedLine: op.p + 1, actualLine: 0, message: `missing line "${lines[op.p].text}"` };
  }
  if (op.kind === "extra") {
    return { expectedLine: 0, actualLine: op.a + 1, message: `extra line "${actual[op.a]}"` };
  }
  return undefined;
}

/** Groups consecutive differences into hunks of contiguous lines. */
export function hunksOf(ops: Op[], lines: PatternLine[], actual: string[]): Hunk[] {
  const hunks: Hunk[] = [];
  let hunk: Hunk | undefined;
  let nextP = 0;
  let nextA = 0;
  const open = (): Hunk => {
    hunk = { expectedStart: nextP + 1, expected: [], actualStart: nextA + 1, actual: [] };
    hunks.push(hunk);
    return hunk;
  };
  const expected = (p: number) => {
    let h = hunk ?? open();
    if (h.expected.length > 0 && h.expectedStart + h.expected.length !== p + 1) h = open();
    if (h.expected.length === 0) h.expectedStart = p + 1;
    h.expected.push(lines[p].text);
    nextP = p + 1;
  };
  const got = (a: number) => {
    let h = hunk ?? open();
    if (h.actual.length > 0 && h.actualStart + h.actual.length !== a + 1) h = open();
    if (h.actual.length === 0) h.actualStart = a + 1;
    h.actual.push(actual[a]);
    nextA = a + 1;
  };
  for (const op of ops) {
    switch (op.kind) {
      case "pair":
        expected(op.p);
        got(op.a);
        break;
      case "missing":
        expected(op.p);
        break;
      case "extra":
        got(op.a);
        break;
      default:
        hunk = undefined;
        if (op.kind !== "skip") nextP = op.p + 1;
        nextA = op.kind === "ellipsis" ? op.a + op.count : op.a + 1;
    }
  }
  return hunks;
}
