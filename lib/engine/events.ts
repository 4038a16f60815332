/**
 * The one event stream a run produces; every reporter, the grader and the doc rewriter read it.
 * @module
 */
import type { MatchResult } from "../expect/types.ts";
import type { CommandResult } from "../target/types.ts";

/** Status of a command, a step or a run. */
export type Status = "passed" | "failed" | "skipped" | "error";

/** Status of a check outcome. */
export type CheckStatus = "pass" | "fail" | "error" | "skipped" | "timeout" | "unreachable";

/** How one stream or the exit code compared with the expectation. */
export interface StreamComparison {
  /** Which part was compared. */
  stream: "stdout" | "stderr" | "exit";
  /** The match result (for `exit`, a one-line match of the code). */
  result: MatchResult;
}

/** What happened to one command. */
export interface CommandOutcome {
  /** 0-based index within the step. */
  index: number;
  /** The command as the doc shows it. */
  command: string;
  /** The command as it ran, after capture substitution. */
  ran: string;
  /** passed, failed, skipped (offline or filtered) or error (could not run). */
  status: Status;
  /** What the target returned; absent when skipped or when it could not run. */
  result?: CommandResult;
  /** Every comparison made, passing or not. */
  comparisons: StreamComparison[];
  /** Why it failed, was skipped or errored, in one line. */
  reason?: string;
}

/** What one check found. */
export interface CheckOutcome {
  /** The check's id. */
  id: string;
  /** The check's title. */
  title: string;
  /** pass, fail, error, skipped, timeout or unreachable. */
  status: CheckStatus;
  /** Points earned. */
  points: number;
  /** Points available. */
  maxPoints: number;
  /** The learner-facing hint, shown when it did not pass. */
  hint: string;
  /** What the probe saw. */
  evidence: string;
  /** Why it did not pass. */
  message?: string;
  /** Wall time in milliseconds, every attempt included. */
  durationMs: number;
  /** How many times the probe ran (more than one for a check with `retry`). */
  attempts: number;
}

/** A step as announced at the start of a run. */
export interface StepInfo {
  /** The step's id. */
  id: string;
  /** The step's title. */
  title: string;
  /** The step module, relative to the repository root. */
  file: string;
  /** Whether the run selected it. */
  selected: boolean;
}

/** Counts at the end of a run. */
export interface Summary {
  /** Steps that passed. */
  passed: number;
  /** Steps that failed. */
  failed: number;
  /** Steps skipped. */
  skipped: number;
}

/** One event of a run. */
export type RunEvent =
  | {
    type: "run:start";
    lesson: string;
    title: string;
    target: string;
    steps: StepInfo[];
  }
  | { type: "step:start"; step: string; title: string }
  | { type: "command:start"; step: string; index: number; command: string }
  | { type: "command:end"; step: string; outcome: CommandOutcome }
  | { type: "check:end"; step: string; outcome: CheckOutcome }
  | {
    type: "step:end";
    step: string;
    title: string;
    status: Status;
    durationMs: number;
    reason?: string;
  }
  | { type: "log"; level: "info" | "warn"; message: string }
  | { type: "run:end"; lesson: string; summary: Summary; durationMs: number };
