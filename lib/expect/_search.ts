/**
 * The ordered search: pattern lines against actual lines, `...` matching any number of lines,
 * captures agreeing along the way. Backtracks without recursion and remembers failed states, so
 * it stays linear on typical patterns and never exponential.
 * @module
 */

import type { PatternLine } from "./parse_pattern.ts";
import { type CaptureMap, originAt, testLine } from "./_line.ts";
import type { Op } from "./_ops.ts";

/** A successful ordered match: one op per pattern line, and the captures. */
export interface Found {
  /** The alignment, in order. */
  ops: Op[];
  /** Captures given plus those bound. */
  captures: CaptureMap;
}

interface Choice {
  /** First pattern line after the `...` run. */
  k: number;
  /** First `...` line of the run, and where it started. */
  e: number;
  j0: number;
  /** Next candidate start for line k, the last one allowed, and the one being tried. */
  next: number;
  hi: number;
  tried: number;
  captures: CaptureMap;
  key: string;
}

/** Finds an alignment of `lines` with all of `actual`, or undefined. */
export function searchOrdered(
  lines: PatternLine[],
  actual: string[],
  start: CaptureMap,
  origin: string | undefined,
): Found | undefined {
  const m = lines.length;
  const n = actual.length;
  const width = n + 1;
  const minRest = new Int32Array(m + 1);
  const fixed = new Uint8Array(m + 1);
  fixed[m] = 1;
  for (let i = m - 1; i >= 0; i--) {
    minRest[i] = minRest[i + 1] + (lines[i].ellipsis ? 0 : 1);
    fixed[i] = fixed[i + 1] && !lines[i].ellipsis ? 1 : 0;
  }
  const failed = new Map<string, Set<number>>();
  const isFailed = (key: string, i: number, j: number) =>
    failed.get(key)?.has(i * width + j) ?? false;
  const markFailed = (key: string, i: number, j: number) => {
    let set = failed.get(key);
    if (!set) failed.set(key, set = new Set());
    set.add(i * width + j);
  };
  const assign = new Int32Array(m);
  const stack: Choice[] = [];
  let i = 0;
  let j = 0;
  let captures = start;
  let key = "";
  let done = false;

  for (;;) {
    // Run forward until the end, a failure, or a `...` (which pushes a choice).
    for (;;) {
      if (i === m) {
        done = j === n;
        break;
      }
      const line = lines[i];
      if (line.ellipsis) {
        let k = i;
        while (k < m && lines[k].ellipsis) assign[k++] = j;
        if (k === m) {
          done = true;
          break;
        }
        if (isFailed(key, i, j)) break;
        const hi = n - minRest[k];
        const lo = fixed[k] ? hi : j;
        if (lo < j || lo > hi) {
          markFailed(key, i, j);
          break;
        }
        stack.push({ k, e: i, j0: j, next: lo, hi, tried: -1, captures, key });
        break;
      }
      if (j >= n) break;
      const at = j;
      const r = testLine(line, actual[j], captures, () => originAt(origin, `line ${at + 1}`));
      if (!r.ok) break;
      if (r.key !== "") {
        captures = r.captures;
        key += r.key;
      }
      assign[i++] = j++;
    }
    if (done) return { ops: opsOf(lines, assign, n), captures };
    // Take the next untried candidate of the innermost choice.
    let resumed = false;
    while (!resumed) {
      const top = stack.at(-1);
      if (top === undefined) return undefined;
      if (top.tried >= 0) markFailed(top.key, top.k, top.tried);
      let c = top.next;
      while (c <= top.hi && isFailed(top.key, top.k, c)) c++;
      if (c > top.hi) {
        stack.pop();
        markFailed(top.key, top.e, top.j0);
        continue;
      }
      top.next = c + 1;
      top.tried = c;
      i = top.k;
      j = c;
      captures = top.captures;
      key = top.key;
      resumed = true;
    }
  }
}

function opsOf(lines: PatternLine[], assign: Int32Array, n: number): Op[] {
  const ops: Op[] = [];
  for (let p = 0; p < lines.length; p++) {
    if (!lines[p].ellipsis) {
      ops.push({ kind: "match", p, a: assign[p] });
      continue;
    }
    const next = p + 1 < lines.length ? assign[p + 1] : n;
    ops.push({ kind: "ellipsis", p, a: assign[p], count: next - assign[p] });
  }
  return ops;
}
