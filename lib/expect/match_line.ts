/**
 * One pattern line against one output line, for stop conditions (`^C` once ping has printed).
 * @module
 */

import type { Capture, Captures } from "./types.ts";
import { normalize } from "./normalize.ts";
import { parseLines, type PatternLine, scopeOf } from "./parse_pattern.ts";
import { testLine } from "./_line.ts";

/** The outcome of `matchLine()`: the captures after the match, or why it failed. */
export type LineMatch =
  | { ok: true; captures: Record<string, Capture> }
  | { ok: false; message: string };

const cache = new Map<string, PatternLine | undefined>();
const CACHE_SIZE = 256;

/**
 * Matches one line with the expectation language (placeholders, captures, wildcards).
 * Throws a SyntaxError for a malformed pattern or one with more than one line.
 */
export function matchLine(
  patternLine: string,
  actualLine: string,
  captures: Captures = {},
  origin?: string,
): LineMatch {
  const line = compiled(patternLine, captures);
  const actual = normalize(actualLine);
  if (line === undefined) {
    return actual === ""
      ? { ok: true, captures: { ...captures } }
      : { ok: false, message: `expected "", got "${actual}"` };
  }
  const r = testLine(line, actual, captures, () => origin);
  return r.ok ? { ok: true, captures: { ...r.captures } } : { ok: false, message: r.message };
}

function compiled(pattern: string, captures: Captures): PatternLine | undefined {
  const key = Object.entries(captures).map(([name, c]) => `${name}:${c.type}`).join(",") +
    `\0${pattern}`;
  if (cache.has(key)) return cache.get(key);
  const lines = parseLines(normalize(pattern), scopeOf(captures, true)).lines;
  if (lines.length > 1) {
    throw new SyntaxError(`Cannot parse line pattern "${pattern}": it has more than one line`);
  }
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(key, lines[0]);
  return lines[0];
}
