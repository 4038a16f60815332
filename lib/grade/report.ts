/**
 * The grade report: what grading found on each student host, as one JSON document whose shape
 * is documented in the README (schema `run-lesson/grade@1`). Every export is made from it.
 * @module
 */
import type { CheckOutcome, CheckStatus } from "../engine/events.ts";
import type { Check } from "../lesson/types.ts";
import type { StudentHost } from "./inventory.ts";

/** The schema id written into every report. */
export const GRADE_SCHEMA = "run-lesson/grade@1";

/**
 * How grading a host ended. `graded` means the checks ran (whatever they found); every other
 * status means the host could not be graded, scores zero and says why in `reason`.
 */
export type HostStatus =
  | "graded"
  | "unreachable"
  | "auth-failed"
  | "hostkey-mismatch"
  | "hostkey-unknown"
  | "timeout"
  | "error";

/** One check on one host. */
export interface GradedCheck {
  /** The check's id. */
  id: string;
  /** The check's title. */
  title: string;
  /** pass, fail, error, skipped, timeout or unreachable. */
  status: CheckStatus;
  /** Points earned (partial credit possible). */
  points: number;
  /** Points available. */
  maxPoints: number;
  /** Why it did not pass; absent on pass. */
  message?: string;
  /** The learner-facing hint; absent on pass. */
  hint?: string;
  /** How many times the probe ran. */
  attempts: number;
  /** Wall time of every attempt, in milliseconds. */
  durationMs: number;
  /** What the probe saw; only with `--evidence`, since it can show the grader's commands. */
  evidence?: string;
}

/** One student host's result. */
export interface HostResult {
  /** The student's id from the inventory. */
  id: string;
  /** Host name or address. */
  host: string;
  /** SSH port. */
  port: number;
  /** Login user. */
  user: string;
  /** How grading ended. */
  status: HostStatus;
  /** Why the host could not be graded, when it could not. */
  reason?: string;
  /** Points earned. */
  score: number;
  /** Points available. */
  maxScore: number;
  /** When grading this host started (ISO 8601). */
  startedAt: string;
  /** Wall time in milliseconds. */
  durationMs: number;
  /** Every check of the lesson, in lesson order. */
  checks: GradedCheck[];
}

/** The whole class (or one shard of it). */
export interface GradeReport {
  /** Always `run-lesson/grade@1`. */
  schema: typeof GRADE_SCHEMA;
  /** The lesson graded. */
  lesson: { id: string; title: string };
  /** When the report was written (ISO 8601). */
  createdAt: string;
  /** The shards this report covers, e.g. `["1/4", "3/4"]`; absent for a whole class. */
  shards?: string[];
  /** The lesson's checks, in order: the columns of the grid. */
  checks: Array<{ id: string; title: string; maxPoints: number }>;
  /** Points available per host. */
  maxScore: number;
  /** One result per host, in inventory order. */
  hosts: HostResult[];
  /** Counts over `hosts`. */
  summary: GradeSummary;
}

/** Counts over a report's hosts. */
export interface GradeSummary {
  /** Hosts in the report. */
  hosts: number;
  /** Hosts whose checks ran. */
  graded: number;
  /** Hosts that could not be graded. */
  notGraded: number;
  /** Graded hosts with full marks. */
  fullMarks: number;
  /** Mean score over all hosts (ungraded ones count as zero). */
  meanScore: number;
}

/**
 * A host's result from its check outcomes. Unless evidence is asked for, the probes' evidence
 * is dropped and their commands are cut out of the messages: feedback never shows how the
 * grader checks.
 */
export function gradedHost(
  host: StudentHost,
  outcomes: CheckOutcome[],
  started: { at: Date; ms: number },
  keepEvidence: boolean,
  lessonChecks: Check[] = [],
): HostResult {
  const byId = new Map(lessonChecks.map((c) => [c.id, c]));
  const say = (o: CheckOutcome) => {
    const message = o.message ?? o.status;
    const check = byId.get(o.id);
    return keepEvidence || !check ? message : redactCommands(message, check);
  };
  const checks = outcomes.map((o): GradedCheck => ({
    id: o.id,
    title: o.title,
    status: o.status,
    points: o.points,
    maxPoints: o.maxPoints,
    ...(o.status === "pass" ? {} : { message: say(o), hint: o.hint }),
    attempts: o.attempts,
    durationMs: Math.round(o.durationMs),
    ...(keepEvidence && o.evidence !== "" ? { evidence: o.evidence } : {}),
  }));
  const allUnreachable = checks.length > 0 && checks.every((c) => c.status === "unreachable");
  return {
    ..._address(host),
    status: allUnreachable ? "unreachable" : "graded",
    ...(allUnreachable ? { reason: checks[0].message } : {}),
    score: _round(checks.reduce((sum, c) => sum + c.points, 0)),
    maxScore: _round(checks.reduce((sum, c) => sum + c.maxPoints, 0)),
    startedAt: started.at.toISOString(),
    durationMs: Math.round(performance.now() - started.ms),
    checks,
  };
}

/** Cuts the commands of a check's probes (`run`, `command`, `script`) out of a message. */
export function redactCommands(message: string, check: Check): string {
  const commands = [check.probe].flat().flatMap((probe) =>
    ["run", "command", "script"].flatMap((field) => {
      const value = (probe as unknown as Record<string, unknown>)[field];
      if (typeof value === "string") return [value];
      if (Array.isArray(value)) return [value.join(" "), ...value.filter((v) => v.length > 3)];
      return [];
    })
  ).filter((c) => c.trim() !== "").sort((a, b) => b.length - a.length);
  let text = message;
  for (const command of commands) text = text.replaceAll(command, "…");
  return text;
}

/** A host that could not be graded: every check scores zero, with the reason. */
export function ungradedHost(
  host: StudentHost,
  checks: Check[],
  status: Exclude<HostStatus, "graded">,
  reason: string,
  started: { at: Date; ms: number },
): HostResult {
  const checkStatus: CheckStatus = status === "unreachable"
    ? "unreachable"
    : status === "timeout"
    ? "timeout"
    : "error";
  return {
    ..._address(host),
    status,
    reason,
    score: 0,
    maxScore: _round(checks.reduce((sum, c) => sum + (c.points ?? 1), 0)),
    startedAt: started.at.toISOString(),
    durationMs: Math.round(performance.now() - started.ms),
    checks: checks.map((c) => ({
      id: c.id,
      title: c.title,
      status: checkStatus,
      points: 0,
      maxPoints: c.points ?? 1,
      message: `not graded: ${reason}`,
      hint: c.hint,
      attempts: 0,
      durationMs: 0,
    })),
  };
}

/** Builds the report over some hosts. */
export function gradeReport(
  lesson: { id: string; title: string },
  checks: Array<{ id: string; title: string; maxPoints: number }>,
  hosts: HostResult[],
  shards?: string[],
): GradeReport {
  const maxScore = _round(checks.reduce((sum, c) => sum + c.maxPoints, 0));
  const graded = hosts.filter((h) => h.status === "graded");
  return {
    schema: GRADE_SCHEMA,
    lesson,
    createdAt: new Date().toISOString(),
    ...(shards && shards.length > 0 ? { shards } : {}),
    checks,
    maxScore,
    hosts,
    summary: {
      hosts: hosts.length,
      graded: graded.length,
      notGraded: hosts.length - graded.length,
      fullMarks: graded.filter((h) => h.score === h.maxScore).length,
      meanScore: hosts.length === 0
        ? 0
        : _round(hosts.reduce((sum, h) => sum + h.score, 0) / hosts.length),
    },
  };
}

/** The columns of a lesson's grid. */
export function checkColumns(checks: Check[]): GradeReport["checks"] {
  return checks.map((c) => ({ id: c.id, title: c.title, maxPoints: c.points ?? 1 }));
}

function _address(host: StudentHost) {
  return { id: host.id, host: host.host, port: host.port, user: host.user };
}

function _round(n: number): number {
  return Math.round(n * 100) / 100;
}
