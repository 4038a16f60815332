/**
 * The best alignment of an ordered pattern with output it does not match: lines that match a
 * pattern line in isolation are aligned by a line diff (the `diff` package), `...` lines take
 * the unmatched lines between, and what is left is a difference.
 * @module
 */

import { diffArrays } from "diff";
import type { PatternLine } from "./parse_pattern.ts";
import { type CaptureMap, originAt, shapeMatches, testLine } from "./_line.ts";
import type { Op } from "./_ops.ts";

/** Beyond this many edits the diff gives up and the middle becomes one difference. */
const MAX_EDIT_LENGTH = 1000;

/** Placeholder-line tests allowed when finding which lines can be in common. */
const MAX_TESTS = 4_000_000;

const NONE: number[] = [];

/** Aligns pattern lines with actual lines; differences become `pair`, `missing`, `extra`. */
export function alignOrdered(
  lines: PatternLine[],
  actual: string[],
  start: CaptureMap,
  origin: string | undefined,
): { ops: Op[]; captures: CaptureMap } {
  const pairs = commonPairs(lines, actual);
  const ops: Op[] = [];
  let p = 0;
  let a = 0;
  pairs.push([lines.length, actual.length]);
  for (const [cp, ca] of pairs) {
    gap(ops, lines, p, cp, a, ca);
    if (cp < lines.length) ops.push({ kind: "match", p: cp, a: ca });
    p = cp + 1;
    a = ca + 1;
  }
  // Bind captures in order; a line whose captures disagree becomes a difference.
  let captures = start;
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k];
    if (op.kind !== "match" && op.kind !== "pair") continue;
    if (op.kind === "match" && lines[op.p].slots.length === 0) continue;
    const r = testLine(
      lines[op.p],
      actual[op.a],
      captures,
      () => originAt(origin, `line ${op.a + 1}`),
    );
    if (r.ok) {
      captures = r.captures;
      if (op.kind === "pair") ops[k] = { kind: "match", p: op.p, a: op.a };
    } else ops[k] = { kind: "pair", p: op.p, a: op.a, message: r.message };
  }
  return { ops, captures };
}

/** Pairs (pattern index, actual index) that a diff keeps in common. */
function commonPairs(lines: PatternLine[], actual: string[]): [number, number][] {
  // Only lines that some pattern line matches can be in common; the diff sees just those.
  // Literal lines are looked up; placeholder lines are tested, within a band around the
  // line's own position when testing them all would cost too much.
  const literal = new Map<string, number[]>();
  const shaped: number[] = [];
  lines.forEach((line, p) => {
    if (line.literal === undefined) {
      if (!line.ellipsis) shaped.push(p);
      return;
    }
    const list = literal.get(line.literal);
    if (list) list.push(p);
    else literal.set(line.literal, [p]);
  });
  const band = shaped.length * actual.length > MAX_TESTS
    ? Math.max(1, Math.floor(MAX_TESTS / Math.max(1, actual.length) / 2))
    : Infinity;
  const byText = new Map<string, number[]>();
  const fits: number[][] = [];
  const candidates: number[] = [];
  for (let a = 0; a < actual.length; a++) {
    const text = actual[a];
    let fit = shaped.length === 0
      ? literal.get(text) ?? NONE
      : band === Infinity
      ? byText.get(text)
      : undefined;
    if (fit === undefined) {
      fit = literal.get(text) ?? NONE;
      for (const p of shaped) {
        if (Math.abs(p - a) > band || !shapeMatches(lines[p], text)) continue;
        if (fit === NONE || fit === literal.get(text)) fit = fit.slice();
        fit.push(p);
      }
      if (band === Infinity) byText.set(text, fit);
    }
    fits[a] = fit;
    if (fit.length > 0) candidates.push(a);
  }
  const same = (p: number, a: number) => fits[a].includes(p);
  const pairs: [number, number][] = [];
  let ps = 0;
  let ks = 0;
  while (ps < lines.length && ks < candidates.length && same(ps, candidates[ks])) {
    pairs.push([ps++, candidates[ks++]]);
  }
  let pe = lines.length;
  let ke = candidates.length;
  const tail: [number, number][] = [];
  while (pe > ps && ke > ks && same(pe - 1, candidates[ke - 1])) {
    tail.push([--pe, candidates[--ke]]);
  }
  tail.reverse();
  const oldSide = Array.from({ length: pe - ps }, (_, k) => ps + k);
  const newSide = candidates.slice(ks, ke);
  if (oldSide.length > 0 && newSide.length > 0) {
    const changes = diffArrays(oldSide, newSide, {
      comparator: same,
      maxEditLength: MAX_EDIT_LENGTH,
    });
    let op = 0;
    let np = 0;
    for (const change of changes ?? []) {
      if (change.added) np += change.count;
      else if (change.removed) op += change.count;
      else {
        for (let t = 0; t < change.count; t++) pairs.push([oldSide[op + t], newSide[np + t]]);
        op += change.count;
        np += change.count;
      }
    }
  }
  return pairs.concat(tail);
}

/** Aligns pattern lines [p0, p1) with actual lines [a0, a1), none of which were in common. */
function gap(ops: Op[], lines: PatternLine[], p0: number, p1: number, a0: number, a1: number) {
  let first = -1;
  let last = -1;
  for (let p = p0; p < p1; p++) {
    if (lines[p].ellipsis) {
      if (first < 0) first = p;
      last = p;
    }
  }
  const width = a1 - a0;
  if (first < 0) {
    const both = Math.min(p1 - p0, width);
    for (let k = 0; k < both; k++) pair(ops, p0 + k, a0 + k);
    for (let p = p0 + both; p < p1; p++) ops.push({ kind: "missing", p });
    for (let a = a0 + both; a < a1; a++) ops.push({ kind: "extra", a });
    return;
  }
  // Lines before the first `...` take actual lines from the front, lines after the last one
  // take them from the back, and the `...` swallows the rest.
  const before = Math.min(first - p0, width);
  const after = Math.min(p1 - last - 1, width - before);
  for (let k = 0; k < before; k++) pair(ops, p0 + k, a0 + k);
  for (let p = p0 + before; p < first; p++) ops.push({ kind: "missing", p });
  let from = a0 + before;
  const count = a1 - after - from;
  for (let p = first; p <= last; p++) {
    if (lines[p].ellipsis) {
      ops.push({ kind: "ellipsis", p, a: from, count: p === first ? count : 0 });
      if (p === first) from += count;
    } else ops.push({ kind: "missing", p });
  }
  const tail = p1 - last - 1;
  for (let k = 0; k < tail - after; k++) ops.push({ kind: "missing", p: last + 1 + k });
  for (let k = 0; k < after; k++) pair(ops, p1 - after + k, a1 - after + k);
}

// The message is set when captures are bound in order.
function pair(ops: Op[], p: number, a: number) {
  ops.push({ kind: "pair", p, a, message: "" });
}
