/**
 * Compares an exit code with what a command expects, as a match result like the streams'.
 * @module
 */
import type { MatchResult } from "../expect/types.ts";
import type { ExitExpectation } from "../lesson/types.ts";

/** Hints for exit codes that have a usual meaning. */
const EXIT_HINTS: Record<number, string> = {
  126: "command found but not executable",
  127: "command not found",
  130: "interrupted",
  137: "killed",
  143: "terminated",
};

/** Describes an exit code, adding the usual meaning of 126, 127, 130, 137 and 143. */
export function describeExit(code: number | null): string {
  if (code === null) return "no exit code (the session ended)";
  const hint = EXIT_HINTS[code];
  return hint ? `${code} (${hint})` : String(code);
}

/** Whether `actual` satisfies `expected`, with the first mismatch explained. */
export function compareExit(expected: ExitExpectation, actual: number | null): MatchResult {
  const ok = actual !== null &&
    (expected === "any" || (expected === "nonzero" ? actual !== 0 : actual === expected));
  const want = typeof expected === "number" ? String(expected) : expected;
  const resolved = actual === null ? "" : String(actual);
  return {
    ok,
    resolved,
    captures: {},
    hunks: ok ? [] : [{ expectedStart: 1, expected: [want], actualStart: 1, actual: [resolved] }],
    mismatch: ok ? undefined : {
      expectedLine: 1,
      actualLine: 1,
      message: `expected exit code ${want}, got ${describeExit(actual)}`,
    },
  };
}
