/**
 * The JUnit XML reporter: one test suite for the lesson, one test case per step.
 * @module
 */
import { RunRecorder, type StepReport } from "../../lib/engine/run_report.ts";
import type { Reporter } from "./types.ts";
import { xmlEscape } from "../../lib/format/xml.ts";

/** Yields one JUnit XML document at the end of the run. */
export const junit: Reporter = async function* (events) {
  const recorder = new RunRecorder();
  for await (const event of events) recorder.add(event);
  const report = recorder.report;
  const failures = report.steps.filter((s) => s.status === "failed" || s.status === "error");
  const skipped = report.steps.filter((s) => s.status === "skipped");
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="run-lesson" tests="${report.steps.length}" failures="${failures.length}" skipped="${skipped.length}" time="${
      _seconds(report.durationMs)
    }">`,
    `  <testsuite name="${
      xmlEscape(report.lesson)
    }" tests="${report.steps.length}" failures="${failures.length}" skipped="${skipped.length}" time="${
      _seconds(report.durationMs)
    }">`,
    ...report.steps.map((step) => _case(report.lesson, step)),
    "  </testsuite>",
    "</testsuites>",
  ];
  yield `${lines.join("\n")}\n`;
};

function _case(lesson: string, step: StepReport): string {
  const open = `    <testcase classname="${xmlEscape(lesson)}" name="${
    xmlEscape(`${step.id}: ${step.title}`)
  }" file="${xmlEscape(step.file)}" time="${_seconds(step.durationMs)}"`;
  if (step.status === "passed") return `${open}/>`;
  if (step.status === "skipped") {
    return `${open}>\n      <skipped message="${
      xmlEscape(step.reason ?? "skipped")
    }"/>\n    </testcase>`;
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
  return `${open}>\n      <failure message="${xmlEscape(message)}">${
    xmlEscape(details.join("\n\n"))
  }</failure>\n    </testcase>`;
}

function _seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
