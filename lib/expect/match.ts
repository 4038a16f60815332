/**
 * The entry point of the expectation language: `match(expectation, actual, options)`.
 * @module
 */

import type { Expectation } from "../lesson/types.ts";
import type { MatchOptions, MatchResult } from "./types.ts";
import { normalize, splitLines } from "./normalize.ts";
import { parseLines, type PatternLine, scopeOf } from "./parse_pattern.ts";
import type { CaptureMap } from "./_line.ts";
import { failing, firstMismatch, hunksOf, type Op, resolvedText } from "./_ops.ts";
import { searchOrdered } from "./_search.ts";
import { alignOrdered } from "./_align.ts";
import { alignUnordered, checkHeader } from "./_unordered.ts";
import { compileJson } from "./_json_pattern.ts";
import { matchJson } from "./_json.ts";

export { parsePattern } from "./parse_pattern.ts";
export { matchLine } from "./match_line.ts";
export { substitute } from "./substitute.ts";

/**
 * Matches output against an expectation. A mismatch is a value (`ok: false`, with the first
 * mismatch, hunks and the resolved text), and so is a reference to a capture that was never
 * bound; a malformed pattern throws a SyntaxError.
 *
 * @example
 * ```ts
 * const r = match("{{net_id:id}}", "4a7d8f9e3c2b\n");
 * r.ok; // true
 * r.captures.net_id.value; // "4a7d8f9e3c2b"
 * ```
 */
export function match(
  expectation: Expectation,
  actual: string,
  options: MatchOptions = {},
): MatchResult {
  const text = normalize(actual);
  const start: CaptureMap = { ...options.captures };
  const origin = options.origin;
  if (typeof expectation === "string") return matchLines(expectation, text, start, origin);
  switch (expectation.kind) {
    case "lines":
      return matchLines(expectation.text, text, start, origin);
    case "unordered": {
      const lines = parseLines(normalize(expectation.text), scopeOf(start, true)).lines;
      const header = expectation.header ?? 0;
      checkHeader(lines, header);
      const actualLines = splitLines(text);
      const aligned = alignUnordered(lines, header, actualLines, start, origin);
      return result(aligned.ops, lines, actualLines, aligned.captures);
    }
    case "json":
      return matchJson(compileJson(expectation.value, scopeOf(start, true)), text, start, origin);
    case "any":
      return { ok: true, resolved: text, captures: start, hunks: [] };
  }
  const kind = (expectation as { kind?: unknown }).kind;
  throw new TypeError(`Cannot match expectation: unknown kind ${JSON.stringify(kind)}`);
}

function matchLines(
  pattern: string,
  text: string,
  start: CaptureMap,
  origin: string | undefined,
): MatchResult {
  const lines = parseLines(normalize(pattern), scopeOf(start, true)).lines;
  const actual = splitLines(text);
  const found = searchOrdered(lines, actual, start, origin) ??
    alignOrdered(lines, actual, start, origin);
  return result(found.ops, lines, actual, found.captures);
}

function result(
  ops: Op[],
  lines: PatternLine[],
  actual: string[],
  captures: CaptureMap,
): MatchResult {
  const resolved = resolvedText(ops, lines, actual);
  const mismatch = firstMismatch(ops, lines, actual);
  if (mismatch === undefined || !ops.some(failing)) {
    return { ok: true, resolved, captures, hunks: [] };
  }
  return { ok: false, resolved, captures, hunks: hunksOf(ops, lines, actual), mismatch };
}
