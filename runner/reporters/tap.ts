/**
 * The TAP 14 reporter: one test point per step, streamed, with YAML diagnostics on failure.
 * @module
 */
import { RunRecorder, type StepReport } from "../../lib/engine/run_report.ts";
import type { Reporter } from "./types.ts";

/** Yields TAP version 14; the plan comes at the end. */
export const tap: Reporter = async function* (events) {
  const recorder = new RunRecorder();
  let count = 0;
  yield "TAP version 14\n";
  for await (const event of events) {
    const step = recorder.add(event);
    if (event.type === "step:end" && step) yield _point(++count, step);
  }
  yield `1..${count}\n`;
};

function _point(n: number, step: StepReport): string {
  const name = `${step.id} - ${step.title}`.replaceAll("#", "\\#");
  if (step.status === "skipped") return `ok ${n} ${name} # SKIP ${step.reason ?? "skipped"}\n`;
  if (step.status === "passed") return `ok ${n} ${name}\n`;
  const failures = [
    ...step.commands.filter((c) => c.status === "failed" || c.status === "error").map((c) =>
      `${c.command}: ${c.reason ?? c.status}`
    ),
    ...step.checks.filter((c) => c.status !== "pass" && c.status !== "skipped").map((c) =>
      `check ${c.id} ${c.status}: ${c.message ?? ""}`.trimEnd()
    ),
  ];
  const yaml = [
    "  ---",
    `  file: ${JSON.stringify(step.file)}`,
    "  failures:",
    ...failures.map((f) => `    - ${JSON.stringify(f)}`),
    "  ...",
  ];
  return `not ok ${n} ${name}\n${yaml.join("\n")}\n`;
}
