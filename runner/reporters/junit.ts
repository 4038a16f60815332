/**
 * The JUnit XML reporter, one document at the end: for a lesson run one test suite with a test
 * case per step; for `check` one suite with a case per check; for `test` one suite with a case
 * per phase; for `grade` the class export (a suite per host).
 * @module
 */
import { type CheckOutcome, isRunEvent, type SelfTestPhase } from "../../lib/engine/events.ts";
import { type CommandReport, RunRecorder, type StepReport } from "../../lib/engine/run_report.ts";
import { formatBytes } from "../../lib/target/output_limit.ts";
import { type JUnitCase, junitSeconds, type JUnitSuite, junitXml } from "../../lib/format/junit.ts";
import { checkJUnitCase, toJUnit } from "../../lib/grade/export.ts";
import type { Reporter } from "./types.ts";

/** Yields one JUnit XML document at the end of the command. */
export const junit: Reporter = async function* (events) {
  const recorder = new RunRecorder();
  const checks: CheckOutcome[] = [];
  const phases: SelfTestPhase[] = [];
  for await (const event of events) {
    if (isRunEvent(event)) recorder.add(event);
    else if (event.type === "checks:outcome") checks.push(event.outcome);
    else if (event.type === "selftest:phase") phases.push(event.phase);
    else if (event.type === "checks:end") {
      yield _document(event.lesson, checks.map((c) => checkJUnitCase(event.lesson, c)));
      return;
    } else if (event.type === "selftest:end") {
      yield _document(event.lesson, phases.map((p) => _phaseCase(event.lesson, p)));
      return;
    } else if (event.type === "grade:end") {
      yield toJUnit(event.report);
      return;
    }
  }
  const report = recorder.report;
  const failures = report.steps.filter((s) => s.status === "failed" || s.status === "error");
  const skipped = report.steps.filter((s) => s.status === "skipped");
  const counts = [
    ["tests", report.steps.length],
    ["failures", failures.length],
    ["skipped", skipped.length],
    ["time", junitSeconds(report.durationMs)],
  ] as const;
  yield junitXml({
    attributes: [["name", "run-lesson"], ...counts],
    suites: [{
      attributes: [["name", report.lesson], ...counts],
      cases: report.steps.map((step) => _case(report.lesson, step)),
    }],
  });
};

function _case(lesson: string, step: StepReport): JUnitCase {
  const attributes = [
    ["classname", lesson],
    ["name", `${step.id}: ${step.title}`],
    ["file", step.file],
    ["time", junitSeconds(step.durationMs)],
  ] as const;
  if (step.status === "passed") return { attributes };
  if (step.status === "skipped") {
    return {
      attributes,
      outcome: { tag: "skipped", attributes: [["message", step.reason ?? "skipped"]] },
    };
  }
  const details = [
    ...step.commands.filter((c) => c.status === "failed" || c.status === "error").map((c) =>
      `$ ${c.command}\n${c.reason ?? c.status}\n--- stdout${_cut(c, "stdout")}\n${c.stdout}` +
      `--- stderr${_cut(c, "stderr")}\n${c.stderr}`
    ),
    ...step.checks.filter((c) => c.status !== "pass" && c.status !== "skipped").map((c) =>
      `check ${c.id} (${c.status}): ${c.message ?? ""}\nhint: ${c.hint}\nevidence: ${c.evidence}`
    ),
  ];
  const message = details[0]?.split("\n").slice(0, 2).join(": ") ?? step.status;
  return {
    attributes,
    outcome: { tag: "failure", attributes: [["message", message]], text: details.join("\n\n") },
  };
}

/** One suite of cases, counted, for `check` and `test`. */
function _document(name: string, cases: JUnitCase[]): string {
  const count = (tag: string) => cases.filter((c) => c.outcome?.tag === tag).length;
  const suite: JUnitSuite = {
    attributes: [
      ["name", name],
      ["tests", cases.length],
      ["failures", count("failure")],
      ["errors", count("error")],
      ["skipped", count("skipped")],
    ],
    cases,
  };
  return junitXml({ attributes: [["name", "run-lesson"]], suites: [suite] });
}

function _phaseCase(lesson: string, phase: SelfTestPhase): JUnitCase {
  const attributes = [["classname", lesson], ["name", `${phase.id}: ${phase.title}`]] as const;
  if (phase.ok) return { attributes };
  return {
    attributes,
    outcome: {
      tag: "failure",
      attributes: [["message", phase.problems[0] ?? "failed"]],
      text: phase.problems.join("\n"),
    },
  };
}

/** How a stream cut at the output bound is introduced: `(its first part; 200 MiB in all)`. */
function _cut(command: CommandReport, stream: "stdout" | "stderr"): string {
  const size = command.truncated?.[stream];
  return size === undefined ? "" : ` (its first part; ${formatBytes(size)} in all)`;
}
