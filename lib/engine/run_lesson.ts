/**
 * The orchestrator: runs a lesson's steps on a target and yields the run's events.
 * @module
 */
import type { Capture } from "../expect/types.ts";
import { match, substitute } from "../expect/mod.ts";
import type { Command, Lesson, LoadedStep } from "../lesson/types.ts";
import type { Target } from "../target/types.ts";
import { compareExit } from "./compare_exit.ts";
import type { CheckOutcome, CommandOutcome, RunEvent, Status, StreamComparison } from "./events.ts";
import { notRunOutcome, type ProbeRunner, runCheck } from "./run_check.ts";
import { selectSteps, type StepSelection } from "./select_steps.ts";
import { BackgroundWatch, shellExitProblem } from "./shell_effects.ts";
import { truncatedProblem } from "./truncated_output.ts";

/** Options for one run. */
export interface RunLessonOptions extends StepSelection {
  /** Where the commands run. */
  target: Target;
  /** Default time limit per command in milliseconds. */
  timeoutMs?: number;
  /** Skip commands tagged "network" (they need the internet), reporting them as skipped. */
  offline?: boolean;
  /** Whether to run each step's checks after its commands; true when absent. */
  checks?: boolean;
  /** Probe kinds beyond "shell" and "custom", by kind. */
  probes?: Record<string, ProbeRunner>;
  /** Ends the run early (Ctrl-C): the running command is killed, the rest is skipped. */
  signal?: AbortSignal;
  /**
   * Called after each step's checks, before the next step's commands: what the probes kept for
   * them (a probe container) goes here, so that no command of the lesson sees it.
   */
  afterChecks?: () => Promise<void>;
}

/**
 * Why a run was ended early: the reason its signal was aborted with, when that is a sentence
 * (e.g. "the Docker engine stopped answering"), else "interrupted" (Ctrl-C).
 */
export function stopReason(signal: AbortSignal | undefined): string {
  return typeof signal?.reason === "string" ? signal.reason : "interrupted";
}

/** The default time limit per command. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Runs the selected steps in order and yields one event per thing that happened.
 * Throws only for a selection that names unknown steps (a usage error).
 */
export async function* runLesson(
  lesson: Lesson,
  options: RunLessonOptions,
): AsyncGenerator<RunEvent> {
  const selected = selectSteps(lesson, options);
  const started = performance.now();
  const captures: Record<string, Capture> = {};
  const checkResults = new Map<string, CheckOutcome>();
  const summary = { passed: 0, failed: 0, skipped: 0 };
  const background = new BackgroundWatch(options.target);
  yield {
    type: "run:start",
    lesson: lesson.id,
    title: lesson.index.title,
    target: options.target.name,
    steps: lesson.steps.map((step) => ({
      id: step.id,
      title: step.title,
      file: step.file,
      selected: selected.has(step.id),
    })),
  };
  for (const step of lesson.steps) {
    if (!selected.has(step.id)) continue;
    const stepStarted = performance.now();
    yield { type: "step:start", step: step.id, title: step.title };
    if (options.signal?.aborted) {
      summary.skipped++;
      yield {
        type: "step:end",
        step: step.id,
        title: step.title,
        status: "skipped",
        durationMs: 0,
        reason: stopReason(options.signal),
      };
      continue;
    }
    const statuses: Status[] = [];
    for (const [index, command] of step.commands.entries()) {
      yield { type: "command:start", step: step.id, index, command: command.run };
      const outcome = await runCommand(step, index, command, captures, options);
      statuses.push(outcome.status);
      yield { type: "command:end", step: step.id, outcome };
    }
    const checks = options.checks === false ? [] : step.checks ?? [];
    const checkStatuses: string[] = [];
    for (const check of checks) {
      const outcome = options.signal?.aborted
        ? notRunOutcome(check, "skipped", stopReason(options.signal))
        : await runCheck(check, {
          target: options.target,
          captures,
          // What a check finds or captures serves the commands and checks after it.
          binds: captures,
          results: checkResults,
          probes: options.probes ?? {},
          timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        });
      checkResults.set(check.id, outcome);
      checkStatuses.push(outcome.status);
      yield { type: "check:end", step: step.id, outcome };
    }
    if (checks.length > 0) await options.afterChecks?.();
    // Jobs the step's commands left running fail it unless it declares them.
    const { problem: leftRunning } = await background.afterStep(step);
    const failed = statuses.some((s) => s === "failed" || s === "error") ||
      checkStatuses.some((s) => s !== "pass" && s !== "skipped") || leftRunning !== undefined;
    const allSkipped = statuses.every((s) => s === "skipped") &&
      checkStatuses.every((s) => s === "skipped");
    const status: "passed" | "failed" | "skipped" = failed
      ? "failed"
      : allSkipped
      ? "skipped"
      : "passed";
    summary[status]++;
    yield {
      type: "step:end",
      step: step.id,
      title: step.title,
      status,
      durationMs: performance.now() - stepStarted,
      ...(leftRunning ? { reason: leftRunning } : {}),
    };
  }
  yield {
    type: "run:end",
    lesson: lesson.id,
    summary,
    durationMs: performance.now() - started,
  };
}

async function runCommand(
  step: LoadedStep,
  index: number,
  command: Command,
  captures: Record<string, Capture>,
  options: RunLessonOptions,
): Promise<CommandOutcome> {
  const base = { index, command: command.run, ran: command.run, comparisons: [] };
  if (options.signal?.aborted) {
    return { ...base, status: "skipped", reason: stopReason(options.signal) };
  }
  const tags = [...(step.tags ?? []), ...(command.tags ?? [])];
  if (options.offline && tags.includes("network")) {
    return { ...base, status: "skipped", reason: "needs the internet (skipped with --offline)" };
  }
  let ran: string;
  try {
    ran = substitute(command.run, captures);
  } catch (error) {
    return { ...base, status: "error", reason: (error as Error).message };
  }
  let result;
  try {
    result = await options.target.run(ran, {
      timeoutMs: command.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      stop: command.stop,
      where: command.where,
      opensSession: command.opens,
      signal: options.signal,
    });
  } catch (error) {
    return { ...base, ran, status: "error", reason: (error as Error).message };
  }
  const origin = `step ${step.id}, command ${index + 1}`;
  const comparisons: StreamComparison[] = [];
  let reason: string | undefined;
  if (result.timedOut) {
    reason = options.signal?.aborted
      ? stopReason(options.signal)
      : `timed out after ${command.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`;
  }
  if (!result.stopped && !result.timedOut) {
    comparisons.push({
      stream: "exit",
      result: compareExit(command.exitCode ?? 0, result.exitCode),
    });
  }
  for (const stream of ["stdout", "stderr"] as const) {
    const expectation = command[stream];
    if (expectation === undefined) continue;
    const cut = truncatedProblem(stream, expectation, result, captures);
    if (cut) {
      comparisons.push({ stream, result: cut });
      continue;
    }
    const matched = match(expectation, result[stream], {
      captures,
      origin: `${origin}, ${stream}`,
    });
    comparisons.push({ stream, result: matched });
    // A failed match still binds what the lines that did match captured, so that one
    // difference does not hide the ones after it; it never overwrites an earlier binding.
    for (const [name, capture] of Object.entries(matched.captures)) {
      if (matched.ok || !(name in captures)) captures[name] = capture;
    }
  }
  const firstFailure = comparisons.find((c) => !c.result.ok);
  // Ending the shell, or not, against what the command declares comes first: it explains the rest.
  const shellProblem = shellExitProblem(command, result);
  if (!reason && shellProblem) reason = shellProblem;
  if (!reason && firstFailure) {
    reason = `${firstFailure.stream}: ${firstFailure.result.mismatch?.message ?? "differs"}`;
  }
  const status: Status = result.timedOut || firstFailure || shellProblem ? "failed" : "passed";
  return { ...base, ran, status, result, comparisons, reason };
}
