/**
 * The grade report's exports: JUnit and TAP (through lib/format's writers), a Gradescope results.json per student, a CSV gradebook
 * and the file names they are written under. Feedback carries hints and messages, never the
 * probes' evidence (which can show the grader's commands).
 * @module
 */
import { createHash } from "node:crypto";
import { type JUnitCase, junitSeconds, junitXml } from "../format/junit.ts";
import { tapDocument, type TapPoint } from "../format/tap.ts";
import type { GradedCheck, GradeReport, HostResult } from "./report.ts";

/** A file name for a student id: the id itself when safe, else a cleaned id plus a hash. */
export function safeName(id: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(id)) return id;
  const hash = createHash("sha256").update(id).digest("hex").slice(0, 8);
  const cleaned = id.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^\.+/, "_").slice(0, 80);
  return `${cleaned}-${hash}`;
}

/** JUnit XML: one test suite per host, one test case per check, named by its title. */
export function toJUnit(report: GradeReport): string {
  return junitXml({
    attributes: [["name", report.lesson.id]],
    suites: report.hosts.map((host) => {
      const count = (...statuses: string[]) =>
        host.checks.filter((c) => statuses.includes(c.status)).length;
      return {
        attributes: [
          ["name", host.id],
          ["hostname", host.host],
          ["tests", host.checks.length],
          ["failures", count("fail")],
          ["errors", count("error", "timeout", "unreachable")],
          ["skipped", count("skipped")],
          ["time", junitSeconds(host.durationMs)],
          ["timestamp", host.startedAt.replace(/\.\d+Z$/, "")],
        ],
        properties: [["status", host.status], ["score", `${host.score}/${host.maxScore}`]],
        cases: host.checks.map((c) => checkJUnitCase(`${report.lesson.id}.${host.id}`, c)),
      };
    }),
  });
}

/**
 * One check as a JUnit test case named by its title: a failure when it failed, skipped, or an
 * error for error, timeout and unreachable, with its points and hint.
 */
export function checkJUnitCase(
  classname: string,
  c: Pick<
    GradedCheck,
    "title" | "status" | "points" | "maxPoints" | "message" | "hint" | "durationMs"
  >,
): JUnitCase {
  return {
    attributes: [["classname", classname], ["name", c.title], ["time", junitSeconds(c.durationMs)]],
    outcome: c.status === "pass" ? undefined : {
      tag: c.status === "fail" ? "failure" : c.status === "skipped" ? "skipped" : "error",
      attributes: [["message", _line(c)], ["type", c.status]],
      text: `${c.points}/${c.maxPoints} points\nhint: ${c.hint ?? ""}`,
    },
  };
}

/** TAP 14: one subtest per host, one test point per check. */
export function toTap(report: GradeReport): string {
  return tapDocument(report.hosts.map(hostTapPoint));
}

/** One host as a TAP test point: a subtest of a point per check, ok when it has full marks. */
export function hostTapPoint(host: HostResult): TapPoint {
  const note = host.status === "graded" ? "" : ` (${host.status}: ${host.reason ?? ""})`;
  return {
    ok: host.status === "graded" && host.score === host.maxScore,
    description: `- ${host.id} ${host.score}/${host.maxScore}${note}`,
    subtest: { name: host.id, points: host.checks.map(checkTapPoint) },
  };
}

/** One check as a TAP test point, with its status, points, message and hint when it failed. */
export function checkTapPoint(
  c: Pick<GradedCheck, "title" | "status" | "points" | "maxPoints" | "message" | "hint">,
): TapPoint {
  return {
    ok: c.status === "pass",
    description: `- ${c.title}`,
    directive: c.status === "skipped" ? `SKIP ${c.message ?? ""}` : undefined,
    yaml: c.status === "pass" || c.status === "skipped" ? undefined : [
      `status: ${c.status}`,
      `points: ${c.points}/${c.maxPoints}`,
      `message: ${JSON.stringify(c.message ?? "")}`,
      `hint: ${JSON.stringify(c.hint ?? "")}`,
    ],
  };
}

/** A Gradescope autograder results.json for one student. */
export function toGradescope(host: HostResult): object {
  const output = host.status === "graded"
    ? `${host.score}/${host.maxScore} points`
    : `Not graded (${host.status}): ${host.reason ?? ""}. Ask your instructor to grade again.`;
  return {
    score: host.score,
    output,
    visibility: "visible",
    stdout_visibility: "hidden",
    tests: host.checks.map((c) => ({
      name: c.title,
      name_format: "text",
      score: c.points,
      max_score: c.maxPoints,
      status: c.status === "pass" ? "passed" : "failed",
      output: c.status === "pass" ? "" : `${c.message ?? c.status}\nHint: ${c.hint ?? ""}`,
      output_format: "text",
      visibility: "visible",
    })),
  };
}

/**
 * A CSV gradebook (RFC 4180, CRLF) that an LMS imports: one row per student with the total,
 * the percentage, the grading status and each check's points.
 */
export function toCsv(report: GradeReport): string {
  const header = [
    "id",
    "host",
    "status",
    "score",
    "max_score",
    "percent",
    ...report.checks.map((c) => c.id),
    "reason",
  ];
  const rows = report.hosts.map((host) => {
    const points = new Map(host.checks.map((c) => [c.id, c.points]));
    return [
      host.id,
      host.host,
      host.status,
      String(host.score),
      String(host.maxScore),
      host.maxScore === 0 ? "0" : (100 * host.score / host.maxScore).toFixed(1),
      ...report.checks.map((c) => String(points.get(c.id) ?? 0)),
      host.reason ?? "",
    ];
  });
  return [header, ...rows].map((row) => row.map(_csvCell).join(",")).join("\r\n") + "\r\n";
}

function _csvCell(text: string): string {
  // A leading =, +, - or @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function _line(c: Pick<GradedCheck, "message" | "status">): string {
  return (c.message ?? c.status).split("\n")[0];
}
