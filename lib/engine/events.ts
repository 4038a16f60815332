/**
 * The one event stream every command produces; every reporter, the grader and the doc rewriter
 * read it. A lesson run yields `RunEvent`s; `check`, `test`, `grade` and `docs` yield their own
 * events beside them (`CommandEvent` is all of them).
 * @module
 */
import type { DocsReportInput } from "../docs/format_docs_report.ts";
import type { MatchResult } from "../expect/types.ts";
import type { GradeReport, HostResult } from "../grade/report.ts";
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

/** The type of every `RunEvent`. */
export const RUN_EVENT_TYPES: ReadonlySet<string> = new Set<RunEvent["type"]>([
  "run:start",
  "step:start",
  "command:start",
  "command:end",
  "check:end",
  "step:end",
  "log",
  "run:end",
]);

/** Whether an event is one of a lesson run's. */
export function isRunEvent(event: CommandEvent): event is RunEvent {
  return RUN_EVENT_TYPES.has(event.type);
}

/** An event of `run-lesson check`: the lesson's checks on the learner's current state. */
export type ChecksEvent =
  | { type: "checks:start"; lesson: string; title: string; target: string }
  | { type: "checks:outcome"; outcome: CheckOutcome }
  | {
    type: "checks:end";
    lesson: string;
    score: number;
    maxScore: number;
    passed: number;
    failed: number;
  };

/** One phase of the self-test and whether it went as required. */
export interface SelfTestPhase {
  /** `clean`, `finished`, `broken:<id>` or `cleanup`. */
  id: string;
  /** What the phase shows, as a sentence. */
  title: string;
  /** Whether the checks came out as required. */
  ok: boolean;
  /** Why not, one line per problem. */
  problems: string[];
  /** Every check outcome of the phase. */
  outcomes: CheckOutcome[];
}

/** An event of `run-lesson test`: the self-test's phases as each one ends. */
export type SelfTestEvent =
  | { type: "selftest:start"; lesson: string; target: string }
  | { type: "selftest:phase"; phase: SelfTestPhase }
  | { type: "selftest:end"; lesson: string; passed: number; failed: number };

/** An event of `run-lesson grade`: host progress, and the class at the end. */
export type GradeEvent =
  | {
    type: "grade:start";
    lesson: string;
    title: string;
    /** Hosts to grade in this run. */
    hosts: number;
    /** Hosts already graded by an earlier run (`--resume`). */
    kept: number;
  }
  | { type: "grade:host-start"; host: string; elapsedMs: number }
  | { type: "grade:host-end"; result: HostResult; elapsedMs: number }
  /** Time passes while hosts run (for a live status line). */
  | { type: "grade:tick"; elapsedMs: number }
  | {
    type: "grade:end";
    /** The class, graded hosts and kept ones, in inventory order. */
    report: GradeReport;
    /** Hosts in the inventory (after `--shard`). */
    hosts: number;
    /** The results folder, absolute. */
    out: string;
    /** Hosts not graded because the run was interrupted. */
    interrupted: string[];
  };

/** An event of `run-lesson docs`: the verdict on every Output block, once the run is done. */
export type DocsEvent = { type: "docs:end"; report: DocsReportInput };

/** Any command's event: what reporters read. */
export type CommandEvent = RunEvent | ChecksEvent | SelfTestEvent | GradeEvent | DocsEvent;
