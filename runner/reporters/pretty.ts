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
import { prettyGrade } from "./pretty_grade.ts";
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
      : prettyGrade(event as GradeEvent);
    if (text !== "") yield text;
  }
};

function _isChecksEvent(event: CommandEvent): event is ChecksEvent | SelfTestEvent {
  return event.type.startsWith("checks:") || event.type.startsWith("selftest:");
}
