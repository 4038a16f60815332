/**
 * The grade report's exports: JUnit, TAP, a Gradescope results.json per student, a CSV gradebook
 * and the file names they are written under. Feedback carries hints and messages, never the
 * probes' evidence (which can show the grader's commands).
 * @module
 */
import { createHash } from "node:crypto";
import { xmlEscape } from "../format/xml.ts";
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
  const suites = report.hosts.map((host) => {
    const count = (...statuses: string[]) =>
      host.checks.filter((c) => statuses.includes(c.status)).length;
    const cases = host.checks.map((c) => {
      const open = `    <testcase classname="${
        xmlEscape(`${report.lesson.id}.${host.id}`)
      }" name="${xmlEscape(c.title)}" time="${(c.durationMs / 1000).toFixed(3)}"`;
      if (c.status === "pass") return `${open}/>`;
      const body = xmlEscape(`${c.points}/${c.maxPoints} points\nhint: ${c.hint ?? ""}`);
      const tag = c.status === "fail" ? "failure" : c.status === "skipped" ? "skipped" : "error";
      return `${open}>\n      <${tag} message="${
        xmlEscape(_line(c))
      }" type="${c.status}">${body}</${tag}>\n    </testcase>`;
    });
    return [
      `  <testsuite name="${xmlEscape(host.id)}" hostname="${
        xmlEscape(host.host)
      }" tests="${host.checks.length}" failures="${count("fail")}" errors="${
        count("error", "timeout", "unreachable")
      }" skipped="${count("skipped")}" time="${(host.durationMs / 1000).toFixed(3)}" timestamp="${
        host.startedAt.replace(/\.\d+Z$/, "")
      }">`,
      `    <properties><property name="status" value="${host.status}"/><property name="score" value="${host.score}/${host.maxScore}"/></properties>`,
      ...cases,
      "  </testsuite>",
    ].join("\n");
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${
    xmlEscape(report.lesson.id)
  }">\n${suites.join("\n")}\n</testsuites>\n`;
}

/** TAP 14: one subtest per host, one test point per check. */
export function toTap(report: GradeReport): string {
  const lines = ["TAP version 14"];
  for (const host of report.hosts) {
    lines.push(`# Subtest: ${host.id}`);
    lines.push(`    1..${host.checks.length}`);
    for (const [i, c] of host.checks.entries()) {
      const ok = c.status === "pass" ? "ok" : "not ok";
      const skip = c.status === "skipped" ? ` # SKIP ${c.message ?? ""}`.trimEnd() : "";
      lines.push(`    ${ok} ${i + 1} - ${_tapText(c.title)}${skip}`);
      if (c.status !== "pass" && c.status !== "skipped") {
        lines.push("      ---");
        lines.push(`      status: ${c.status}`);
        lines.push(`      points: ${c.points}/${c.maxPoints}`);
        lines.push(`      message: ${JSON.stringify(c.message ?? "")}`);
        lines.push(`      hint: ${JSON.stringify(c.hint ?? "")}`);
        lines.push("      ...");
      }
    }
    const ok = host.status === "graded" && host.score === host.maxScore;
    const n = report.hosts.indexOf(host) + 1;
    const note = host.status === "graded" ? "" : ` (${host.status}: ${host.reason ?? ""})`;
    lines.push(
      `${ok ? "ok" : "not ok"} ${n} - ${
        _tapText(`${host.id} ${host.score}/${host.maxScore}${note}`)
      }`,
    );
  }
  lines.push(`1..${report.hosts.length}`);
  return `${lines.join("\n")}\n`;
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

function _line(c: GradedCheck): string {
  return (c.message ?? c.status).split("\n")[0];
}

function _tapText(text: string): string {
  return text.replaceAll("\n", " ").replaceAll("#", "\\#");
}
