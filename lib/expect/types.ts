/**
 * Types shared by the expectation language: captures, match results and hunks.
 * @module
 */

/** A named value bound by a capture placeholder such as `{{net_id:id}}`. */
export interface Capture {
  /** The placeholder type that bound it (`id`, `ipv4`, ...). */
  type: string;
  /** The text it matched when first bound. */
  value: string;
  /** Where it was first bound, for messages ("step create, command 1, stdout line 1"). */
  origin?: string;
}

/** Captures by name. Matching never mutates the map it is given. */
export type Captures = Readonly<Record<string, Capture>>;

/** One block of difference between expected and actual, with 1-based line numbers. */
export interface Hunk {
  /** First expected line of the hunk (1-based). */
  expectedStart: number;
  /** The expected (pattern) lines of the hunk. */
  expected: string[];
  /** First actual line of the hunk (1-based). */
  actualStart: number;
  /** The actual lines of the hunk. */
  actual: string[];
}

/** The first line that failed and why. */
export interface Mismatch {
  /** 1-based line of the expectation, or 0 when not tied to a line. */
  expectedLine: number;
  /** 1-based line of the actual output, or 0 when not tied to a line. */
  actualLine: number;
  /** Why it failed, e.g. `capture "net_id" was "4a7d8f9e3c2b", now "9e8f7d6c5b4a"`. */
  message: string;
}

/** The result of `match()`: a value, never an exception. */
export interface MatchResult {
  /** Whether the actual output satisfies the expectation. */
  ok: boolean;
  /** The actual output (normalised) with the pattern's placeholders kept where they matched. */
  resolved: string;
  /** All captures: the ones given plus those bound by this match. */
  captures: Record<string, Capture>;
  /** Mismatching hunks; empty when ok. */
  hunks: Hunk[];
  /** The first mismatch; absent when ok. */
  mismatch?: Mismatch;
}

/** Options for `match()`. */
export interface MatchOptions {
  /** Captures bound earlier in the run. */
  captures?: Captures;
  /** Describes where new captures are bound, stored as `Capture.origin`. */
  origin?: string;
}
