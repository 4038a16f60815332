/**
 * The expectation language: normalisation, patterns, matching and capture substitution.
 * The reference is the README's "Expectations" section.
 * @module
 */

export type { Capture, Captures, Hunk, MatchOptions, MatchResult, Mismatch } from "./types.ts";
export { normalize } from "./normalize.ts";
export { type Known, type ParsedPattern, parsePattern, type PatternLine } from "./parse_pattern.ts";
export { parseExpectation } from "./parse_expectation.ts";
export { match } from "./match.ts";
export { type LineMatch, matchLine } from "./match_line.ts";
export { substitute } from "./substitute.ts";
