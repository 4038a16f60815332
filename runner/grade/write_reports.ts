/**
 * Where grade results go on disk: each host's result as soon as it is graded (so that a crash or
 * Ctrl-C keeps it), and the class exports from every result at the end.
 *
 * ```
 * DIR/hosts/ID.json                  one host, as a grade report of one (written as it finishes)
 * DIR/gradescope/ID/results.json     Gradescope autograder results for that student
 * DIR/grades.json                    the class (schema run-lesson/grade@1)
 * DIR/junit.xml, DIR/grades.tap, DIR/gradebook.csv, DIR/report.html
 * ```
 * @module
 */
import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { safeName, toCsv, toGradescope, toJUnit, toTap } from "../../lib/grade/export.ts";
import { toHtml } from "../../lib/grade/html.ts";
import { GRADE_SCHEMA, type GradeReport, type HostResult } from "../../lib/grade/report.ts";

/** The class-level files, by name. */
export const CLASS_FILES = {
  json: "grades.json",
  junit: "junit.xml",
  tap: "grades.tap",
  csv: "gradebook.csv",
  html: "report.html",
} as const;

/** Writes a file whole or not at all. */
export function writeAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  writeFileSync(temp, content);
  renameSync(temp, path);
}

/** Writes one graded host: its own report of one, and its Gradescope results. */
export function writeHostResult(dir: string, classReport: GradeReport, host: HostResult): void {
  const name = safeName(host.id);
  const single: GradeReport = { ...classReport, hosts: [host] };
  writeAtomic(join(dir, "hosts", `${name}.json`), `${JSON.stringify(single, null, 2)}\n`);
  writeAtomic(
    join(dir, "gradescope", name, "results.json"),
    `${JSON.stringify(toGradescope(host), null, 2)}\n`,
  );
}

/** Writes the class exports (and every host's Gradescope file) from a report. */
export function writeClassReports(dir: string, report: GradeReport): string[] {
  const files = {
    [CLASS_FILES.json]: `${JSON.stringify(report, null, 2)}\n`,
    [CLASS_FILES.junit]: toJUnit(report),
    [CLASS_FILES.tap]: toTap(report),
    [CLASS_FILES.csv]: toCsv(report),
    [CLASS_FILES.html]: toHtml(report),
  };
  for (const host of report.hosts) {
    writeAtomic(
      join(dir, "gradescope", safeName(host.id), "results.json"),
      `${JSON.stringify(toGradescope(host), null, 2)}\n`,
    );
  }
  for (const [name, content] of Object.entries(files)) writeAtomic(join(dir, name), content);
  return Object.keys(files).map((name) => join(dir, name));
}

/** Reads a grade report file; throws TypeError naming the file when it is not one. */
export function readReport(file: string): GradeReport {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new TypeError(`Cannot read grade report "${file}": ${(error as Error).message}`);
  }
  const report = data as Partial<GradeReport>;
  if (report?.schema !== GRADE_SCHEMA || !Array.isArray(report.hosts) || !report.lesson) {
    throw new TypeError(`Cannot read grade report "${file}": not a ${GRADE_SCHEMA} document`);
  }
  return report as GradeReport;
}

/** The per-host results already in DIR/hosts, by student id. */
export function readHostResults(dir: string): Map<string, { report: GradeReport; file: string }> {
  const found = new Map<string, { report: GradeReport; file: string }>();
  const hostsDir = join(dir, "hosts");
  if (!existsSync(hostsDir)) return found;
  for (const name of readdirSync(hostsDir).sort()) {
    if (!name.endsWith(".json") || name.startsWith(".")) continue;
    const file = join(hostsDir, name);
    const report = readReport(file);
    for (const host of report.hosts) found.set(host.id, { report, file });
  }
  return found;
}
