/**
 * The pretty reporter, the default of every command: a live step list for a lesson run, a list
 * of checks with hints for `check`, the phases of `test`, the class summary of `grade` and the
 * stale blocks of `docs`. Colour only when asked.
 * @module
 */
import { formatDocsReport } from "../../lib/docs/format_docs_report.ts";
import type {
  ChecksEvent,
  CommandEvent,
  GradeEvent,
  SelfTestEvent,
} from "../../lib/engine/events.ts";
import { isRunEvent } from "../../lib/engine/events.ts";
import { prettyChecks } from "./pretty_checks.ts";
import { prettyRun } from "./pretty_run.ts";
import type { Reporter } from "./types.ts";

/** Yields a human-readable report; redraws the running step's line when on a TTY. */
export const pretty: Reporter = async function* (events, options) {
  const run = prettyRun(options);
  const checks = prettyChecks(options);
  for await (const event of events) {
    const text = isRunEvent(event)
      ? run(event)
      : _isChecksEvent(event)
      ? checks(event)
      : event.type === "docs:end"
      ? formatDocsReport(event.report)
      : _grade(event as GradeEvent);
    if (text !== "") yield text;
  }
};

function _isChecksEvent(event: CommandEvent): event is ChecksEvent | SelfTestEvent {
  return event.type.startsWith("checks:") || event.type.startsWith("selftest:");
}

/** The class summary of `grade`, at its end (each host's progress goes to stderr, `progress.ts`). */
function _grade(event: GradeEvent): string {
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
