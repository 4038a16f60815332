/**
 * The TAP 14 reporter: one test point per step, streamed, with YAML diagnostics on failure.
 * @module
 */
import { RunRecorder, type StepReport } from "../../lib/engine/run_report.ts";
import { TAP_VERSION, tapPlan, type TapPoint, tapPoint } from "../../lib/format/tap.ts";
import type { Reporter } from "./types.ts";

/** Yields TAP version 14; the plan comes at the end. */
export const tap: Reporter = async function* (events) {
  const recorder = new RunRecorder();
  let count = 0;
  yield TAP_VERSION;
  for await (const event of events) {
    const step = recorder.add(event);
    if (event.type === "step:end" && step) yield tapPoint(++count, _point(step));
  }
  yield tapPlan(count);
};

function _point(step: StepReport): TapPoint {
  const description = `${step.id} - ${step.title}`;
  if (step.status === "skipped") {
    return { ok: true, description, directive: `SKIP ${step.reason ?? "skipped"}` };
  }
  if (step.status === "passed") return { ok: true, description };
  const failures = [
    ...step.commands.filter((c) => c.status === "failed" || c.status === "error").map((c) =>
      `${c.command}: ${c.reason ?? c.status}`
    ),
    ...step.checks.filter((c) => c.status !== "pass" && c.status !== "skipped").map((c) =>
      `check ${c.id} ${c.status}: ${c.message ?? ""}`.trimEnd()
    ),
  ];
  return {
    ok: false,
    description,
    yaml: [
      `file: ${JSON.stringify(step.file)}`,
      "failures:",
      ...failures.map((f) => `  - ${JSON.stringify(f)}`),
    ],
  };
}
