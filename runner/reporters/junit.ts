/**
 * The JUnit XML reporter: one test suite for the lesson, one test case per step.
 * @module
 */
import { RunRecorder, type StepReport } from "../../lib/engine/run_report.ts";
import { type JUnitCase, junitSeconds, junitXml } from "../../lib/format/junit.ts";
import type { Reporter } from "./types.ts";

/** Yields one JUnit XML document at the end of the run. */
export const junit: Reporter = async function* (events) {
  const recorder = new RunRecorder();
  for await (const event of events) recorder.add(event);
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
      `$ ${c.command}\n${c.reason ?? c.status}\n--- stdout\n${c.stdout}--- stderr\n${c.stderr}`
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
