/**
 * One-to-one assignment of expected items to actual items in any order, with captures that
 * must agree: a greedy pass, then a bounded backtracking search.
 * @module
 */

import type { CaptureMap } from "./_line.ts";

/** What an attempt to match item t with candidate c produced. */
export interface Attempt<R> {
  /** Captures after the match. */
  captures: CaptureMap;
  /** Whatever the caller needs to keep. */
  result: R;
}

/** An assignment: the candidate chosen for each item (-1 for none) and the attempt's result. */
export interface Assignment<R> {
  /** Candidate per item, -1 when unassigned. */
  chosen: number[];
  /** The successful attempt per item. */
  results: (R | undefined)[];
  /** Captures after all assigned items. */
  captures: CaptureMap;
  /** Whether every item got a candidate. */
  complete: boolean;
}

/** Attempts allowed in the backtracking search before it gives up. */
const BUDGET = 100_000;

/**
 * Assigns each item a distinct candidate for which `attempt` succeeds. When no complete
 * assignment is found, returns the greedy one (items in order, first candidate that works).
 */
export function assignDistinct<R>(
  count: number,
  candidates: (t: number) => readonly number[],
  attempt: (t: number, c: number, captures: CaptureMap) => Attempt<R> | undefined,
  start: CaptureMap,
): Assignment<R> {
  const greedy = greedyPass(count, candidates, attempt, start);
  if (greedy.complete) return greedy;
  for (let t = 0; t < count; t++) if (candidates(t).length === 0) return greedy;
  return backtrack(count, candidates, attempt, start) ?? greedy;
}

function greedyPass<R>(
  count: number,
  candidates: (t: number) => readonly number[],
  attempt: (t: number, c: number, captures: CaptureMap) => Attempt<R> | undefined,
  start: CaptureMap,
): Assignment<R> {
  const used = new Set<number>();
  const chosen: number[] = [];
  const results: (R | undefined)[] = [];
  let captures = start;
  for (let t = 0; t < count; t++) {
    chosen.push(-1);
    results.push(undefined);
    for (const c of candidates(t)) {
      if (used.has(c)) continue;
      const r = attempt(t, c, captures);
      if (r === undefined) continue;
      used.add(c);
      chosen[t] = c;
      results[t] = r.result;
      captures = r.captures;
      break;
    }
  }
  return { chosen, results, captures, complete: !chosen.includes(-1) };
}

function backtrack<R>(
  count: number,
  candidates: (t: number) => readonly number[],
  attempt: (t: number, c: number, captures: CaptureMap) => Attempt<R> | undefined,
  start: CaptureMap,
): Assignment<R> | undefined {
  const used = new Set<number>();
  const chosen: number[] = new Array(count).fill(-1);
  const results: (R | undefined)[] = new Array(count).fill(undefined);
  const cursor: number[] = new Array(count).fill(0);
  const before: CaptureMap[] = [start];
  let spent = 0;
  let t = 0;
  while (t >= 0 && t < count) {
    if (chosen[t] >= 0) used.delete(chosen[t]);
    chosen[t] = -1;
    const list = candidates(t);
    let advanced = false;
    while (cursor[t] < list.length) {
      const c = list[cursor[t]++];
      if (used.has(c)) continue;
      if (++spent > BUDGET) return undefined;
      const r = attempt(t, c, before[t]);
      if (r === undefined) continue;
      used.add(c);
      chosen[t] = c;
      results[t] = r.result;
      before[t + 1] = r.captures;
      advanced = true;
      break;
    }
    if (advanced) {
      t++;
      if (t < count) cursor[t] = 0;
    } else {
      cursor[t] = 0;
      t--;
    }
  }
  if (t < 0) return undefined;
  return { chosen, results, captures: before[count], complete: true };
}
