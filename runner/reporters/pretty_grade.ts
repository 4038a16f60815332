/**
 * The pretty reporter's grading: the class summary on stdout at the end (the per-host progress
 * goes to stderr through the `progress` reporter).
 * @module
 */
import type { GradeEvent } from "../../lib/engine/events.ts";

/** Renders the events of `grade` (an empty string for all but the last). */
export function prettyGrade(event: GradeEvent): string {
  if (event.type !== "grade:end") return "";
  const { report } = event;
  const { summary } = report;
  let text =
    `${report.lesson.title}: ${summary.graded}/${event.hosts} hosts graded, ${summary.fullMarks} with full marks, mean ${summary.meanScore}/${report.maxScore}\n`;
  for (const r of report.hosts.filter((r) => r.status !== "graded")) {
    text += `  ${r.id}: ${r.status}: ${r.reason ?? ""}\n`;
  }
  return `${text}results: ${event.out}\n`;
}
