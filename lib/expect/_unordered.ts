/**
 * Unordered blocks: header lines in order, then the other lines in any order, one-to-one.
 * @module
 */

import type { PatternLine } from "./parse_pattern.ts";
import { type CaptureMap, originAt, shapeMatches, testLine } from "./_line.ts";
import { assignDistinct } from "./_assign.ts";
import type { Op } from "./_ops.ts";

/**
 * Aligns an unordered block with the output. The ops follow the output's order; lines the
 * block's `...` allows are skipped and one `...` comes last.
 */
export function alignUnordered(
  lines: PatternLine[],
  header: number,
  actual: string[],
  start: CaptureMap,
  origin: string | undefined,
): { ops: Op[]; captures: CaptureMap } {
  const at = (a: number) => () => originAt(origin, `line ${a + 1}`);
  const ops: Op[] = [];
  let captures = start;
  for (let p = 0; p < header; p++) {
    if (p >= actual.length) {
      ops.push({ kind: "missing", p });
      continue;
    }
    const r = testLine(lines[p], actual[p], captures, at(p));
    if (r.ok) {
      captures = r.captures;
      ops.push({ kind: "match", p, a: p });
    } else ops.push({ kind: "pair", p, a: p, message: r.message });
  }

  const body: number[] = [];
  let ellipsis = -1;
  for (let p = header; p < lines.length; p++) {
    if (!lines[p].ellipsis) body.push(p);
    else if (ellipsis < 0) ellipsis = p;
  }
  const rows: number[] = [];
  for (let a = header; a < actual.length; a++) rows.push(a);
  const byText = new Map<string, number[]>();
  for (const a of rows) {
    const list = byText.get(actual[a]);
    if (list) list.push(a);
    else byText.set(actual[a], [a]);
  }
  const candidates = body.map((p) => {
    const line = lines[p];
    if (line.literal !== undefined) return byText.get(line.literal) ?? [];
    return rows.filter((a) => shapeMatches(line, actual[a]));
  });
  const found = assignDistinct(
    body.length,
    (t) => candidates[t],
    (t, a, caps) => {
      const r = testLine(lines[body[t]], actual[a], caps, at(a));
      return r.ok ? { captures: r.captures, result: undefined } : undefined;
    },
    captures,
  );
  captures = found.captures;

  const owner = new Map<number, number>();
  found.chosen.forEach((a, t) => {
    if (a >= 0) owner.set(a, body[t]);
  });
  // A line left over is paired with a leftover row of its shape, so the message says why
  // (usually a capture that disagrees); otherwise it is missing.
  const paired = new Map<number, Op>();
  const missing: Op[] = [];
  found.chosen.forEach((chosen, t) => {
    if (chosen >= 0) return;
    const p = body[t];
    const a = rows.find((a) =>
      !owner.has(a) && !paired.has(a) && shapeMatches(lines[p], actual[a])
    );
    if (a === undefined) {
      missing.push({ kind: "missing", p });
      return;
    }
    const r = testLine(lines[p], actual[a], captures, at(a));
    if (r.ok) {
      captures = r.captures;
      owner.set(a, p);
    } else paired.set(a, { kind: "pair", p, a, message: r.message });
  });
  let placed = false;
  for (const a of rows) {
    const p = owner.get(a);
    const pair = paired.get(a);
    if (p !== undefined) ops.push({ kind: "match", p, a });
    else if (pair !== undefined) ops.push(pair);
    else if (ellipsis >= 0) ops.push({ kind: "skip", a });
    else {
      if (!placed) ops.push(...missing);
      placed = true;
      ops.push({ kind: "extra", a });
    }
  }
  if (!placed) ops.push(...missing);
  if (ellipsis >= 0) ops.push({ kind: "ellipsis", p: ellipsis, a: actual.length, count: 0 });
  return { ops, captures };
}

/** Checks an unordered block's header count against its lines. */
export function checkHeader(lines: PatternLine[], header: number): void {
  if (!Number.isInteger(header) || header < 0 || header > lines.length) {
    throw new RangeError(
      `Cannot use unordered expectation: header ${header} is not between 0 and its ${lines.length} lines`,
    );
  }
  const dots = lines.slice(0, header).find((line) => line.ellipsis);
  if (dots !== undefined) {
    throw new SyntaxError(
      `Cannot parse pattern line ${dots.number} "${dots.text}": "..." cannot be a header line`,
    );
  }
}
