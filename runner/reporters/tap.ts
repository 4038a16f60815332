/**
 * The TAP 14 reporter, streamed: one test point per step of a lesson run, per check of `check`,
 * per phase of `test`, and per host of `grade` (a subtest of its checks), with YAML diagnostics
 * on failure; the plan comes at the end.
 * @module
 */
import { isRunEvent, type SelfTestPhase } from "../../lib/engine/events.ts";
import { RunRecorder, type StepReport } from "../../lib/engine/run_report.ts";
import { TAP_VERSION, tapPlan, type TapPoint, tapPoint } from "../../lib/format/tap.ts";
import { checkTapPoint, hostTapPoint } from "../../lib/grade/export.ts";
import type { Reporter } from "./types.ts";

/** Yields TAP version 14; the plan comes at the end. */
export const tap: Reporter = async function* (events) {
  const recorder = new RunRecorder();
  let count = 0;
  yield TAP_VERSION;
  for await (const event of events) {
    let points: TapPoint[] = [];
    if (isRunEvent(event)) {
      const step = recorder.add(event);
      if (event.type === "step:end" && step) points = [_stepPoint(step)];
    } else if (event.type === "checks:outcome") points = [checkTapPoint(event.outcome)];
    else if (event.type === "selftest:phase") points = [_phasePoint(event.phase)];
    else if (event.type === "grade:end") points = event.report.hosts.map(hostTapPoint);
    for (const point of points) yield tapPoint(++count, point);
  }
  yield tapPlan(count);
};

function _stepPoint(step: StepReport): TapPoint {
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

function _phasePoint(phase: SelfTestPhase): TapPoint {
  const description = `${phase.id} - ${phase.title}`;
  if (phase.ok) return { ok: true, description };
  return {
    ok: false,
    description,
    yaml: ["problems:", ...phase.problems.map((p) => `  - ${JSON.stringify(p)}`)],
  };
}
