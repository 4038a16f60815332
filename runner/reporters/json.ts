/**
 * The JSON reporter: one JSON document at the end of every command that offers it. A lesson run
 * gives the `RunReport` schema; `check`, `test`, `grade` and `docs` give theirs (see README,
 * "Reporters").
 * @module
 */
import {
  type CheckOutcome,
  type CommandEvent,
  isRunEvent,
  type SelfTestPhase,
} from "../../lib/engine/events.ts";
import { RunRecorder } from "../../lib/engine/run_report.ts";
import { docsJson } from "./json_docs.ts";
import type { Reporter } from "./types.ts";

/** Yields the command's result as one JSON document at the end. */
export const json: Reporter = async function* (events) {
  const recorder = new RunRecorder();
  let document: unknown;
  const checks: CheckOutcome[] = [];
  const phases: SelfTestPhase[] = [];
  let target = "";
  for await (const event of events) {
    if (isRunEvent(event)) {
      recorder.add(event);
      document = recorder.report;
      continue;
    }
    switch (event.type) {
      case "checks:outcome":
        checks.push(event.outcome);
        break;
      case "checks:end":
        document = {
          lesson: event.lesson,
          score: event.score,
          maxScore: event.maxScore,
          checks,
        };
        break;
      case "selftest:start":
        target = event.target;
        break;
      case "selftest:phase":
        phases.push(event.phase);
        break;
      case "selftest:end":
        document = _selfTest(event, target, phases);
        break;
      case "grade:end":
        document = event.report;
        break;
      case "docs:end":
        document = docsJson(event.report);
        break;
    }
  }
  yield `${JSON.stringify(document ?? recorder.report, null, 2)}\n`;
};

function _selfTest(
  end: Extract<CommandEvent, { type: "selftest:end" }>,
  target: string,
  phases: SelfTestPhase[],
) {
  return {
    lesson: end.lesson,
    target,
    status: end.failed > 0 ? "failed" : "passed",
    summary: { passed: end.passed, failed: end.failed },
    phases,
  };
}
