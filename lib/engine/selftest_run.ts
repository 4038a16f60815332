/**
 * A lesson's self-test: on a clean engine every check fails (none passes vacuously); after the
 * lesson's steps every check passes; in each named broken state exactly the intended checks fail.
 * @module
 */
import type { Capture } from "../expect/types.ts";
import type { Check, Lesson, SelfTestSpec } from "../lesson/types.ts";
import type { Target } from "../target/types.ts";
import { lessonChecks } from "../lesson/load.ts";
import type { CheckOutcome, RunEvent, SelfTestPhase } from "./events.ts";
import { type ProbeRunner, runCheck } from "./run_check.ts";
import { DEFAULT_TIMEOUT_MS, runLesson } from "./run_lesson.ts";

export type { SelfTestPhase } from "./events.ts";

/** Options for `selfTest`. */
export interface SelfTestOptions {
  /** Where to run; must start from a state where nothing of the lesson exists. */
  target: Target;
  /** Probe runners for the target's probe kinds. */
  probes: Record<string, ProbeRunner>;
  /** Skip internet-tagged commands. */
  offline?: boolean;
  /** Time limit per command and per probe. */
  timeoutMs?: number;
  /** Receives each phase as it ends, and run events while the lesson's steps run. */
  onPhase?: (phase: SelfTestPhase) => void;
  /** Receives the lesson run's events. */
  onEvent?: (event: RunEvent) => void;
  /** Ends the self-test early: no further command, check or phase starts once it aborts. */
  signal?: AbortSignal;
  /** Called after each phase's checks, before any further command (see `runLesson`'s). */
  afterChecks?: () => Promise<void>;
}

/** Runs the self-test and resolves with its phases; never throws for a failing phase. */
export async function selfTest(
  lesson: Lesson,
  spec: SelfTestSpec,
  options: SelfTestOptions,
): Promise<SelfTestPhase[]> {
  const checks = lessonChecks(lesson);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const phases: SelfTestPhase[] = [];
  const done = (phase: SelfTestPhase) => {
    phases.push(phase);
    options.onPhase?.(phase);
  };
  const allChecks = async (captures: Record<string, Capture>) => {
    try {
      return await runChecks(checks, options.target, options.probes, captures, timeoutMs, {
        signal: options.signal,
      });
    } finally {
      await options.afterChecks?.();
    }
  };

  const clean = await allChecks({});
  const vacuous = clean.filter((o) => o.status === "pass");
  done({
    id: "clean",
    title: `on a clean engine all ${checks.length} checks fail`,
    ok: vacuous.length === 0,
    problems: vacuous.map((o) => `check "${o.id}" passes on a clean engine: ${o.evidence}`),
    outcomes: clean,
  });

  if (options.signal?.aborted) return phases;
  const captures: Record<string, Capture> = {};
  const stepProblems: string[] = [];
  for await (
    const event of runLesson(lesson, {
      target: options.target,
      to: spec.finishedAfter,
      offline: options.offline,
      timeoutMs,
      checks: false,
      signal: options.signal,
    })
  ) {
    options.onEvent?.(event);
    if (event.type === "command:end") {
      for (const c of event.outcome.comparisons) {
        if (c.result.ok) Object.assign(captures, c.result.captures);
      }
      if (event.outcome.status === "failed" || event.outcome.status === "error") {
        stepProblems.push(
          `step "${event.step}": $ ${event.outcome.command}: ${event.outcome.reason}`,
        );
      }
    }
  }
  const finished = await allChecks(captures);
  const notPassing = finished.filter((o) => o.status !== "pass");
  done({
    id: "finished",
    title: `after the lesson's steps all ${checks.length} checks pass`,
    ok: stepProblems.length === 0 && notPassing.length === 0,
    problems: [
      ...stepProblems,
      ...notPassing.map((o) => `check "${o.id}" ${o.status}: ${o.message ?? ""}`.trimEnd()),
    ],
    outcomes: finished,
  });

  for (const state of spec.broken) {
    if (options.signal?.aborted) break;
    const problems: string[] = [];
    for (const command of state.break) {
      const r = await options.target.run(command, { timeoutMs });
      if (r.exitCode !== 0) {
        problems.push(`break: $ ${command}: exit ${r.exitCode}: ${r.stderr.trim()}`);
      }
    }
    const outcomes = await allChecks(captures);
    const failing = outcomes.filter((o) => o.status !== "pass").map((o) => o.id);
    const expected = new Set(state.fails);
    for (const id of failing) {
      if (!expected.has(id)) problems.push(`check "${id}" fails but should pass`);
    }
    for (const id of expected) {
      if (!failing.includes(id)) problems.push(`check "${id}" passes but should fail`);
    }
    for (const o of outcomes) {
      if (o.status !== "pass" && o.hint.trim() === "") {
        problems.push(`check "${o.id}" fails without a hint`);
      }
    }
    for (const command of state.repair) {
      const r = await options.target.run(command, { timeoutMs });
      if (r.exitCode !== 0) {
        problems.push(`repair: $ ${command}: exit ${r.exitCode}: ${r.stderr.trim()}`);
      }
    }
    done({
      id: `broken:${state.id}`,
      title: `${state.title}: exactly ${state.fails.join(", ")} fail`,
      ok: problems.length === 0,
      problems,
      outcomes,
    });
  }
  return phases;
}

/** Options of `runChecks`. */
export interface RunChecksOptions {
  /** Once it aborts, the checks not yet started are left out. */
  signal?: AbortSignal;
  /** Hears each scored outcome as it comes. */
  onOutcome?: (outcome: CheckOutcome) => void;
  /**
   * The ids of the checks to score; the others run only for what later checks need from them
   * (the captures they find, a positive control's outcome) and are left out of the outcomes.
   * Every check is scored when absent.
   */
  scored?: ReadonlySet<string>;
}

/**
 * Runs checks in order (so that negative checks see their positive controls, and captures a
 * check finds serve the checks after it) and scores them; see `RunChecksOptions`.
 */
export async function runChecks(
  checks: Check[],
  target: Target,
  probes: Record<string, ProbeRunner>,
  captures: Record<string, Capture>,
  timeoutMs: number,
  { signal, onOutcome, scored }: RunChecksOptions = {},
): Promise<CheckOutcome[]> {
  const results = new Map<string, CheckOutcome>();
  const outcomes: CheckOutcome[] = [];
  const bound = { ...captures };
  for (const check of checks) {
    if (signal?.aborted) break;
    const outcome = await runCheck(check, {
      target,
      probes,
      captures: bound,
      binds: bound,
      results,
      timeoutMs,
    });
    results.set(check.id, outcome);
    if (scored !== undefined && !scored.has(check.id)) continue;
    outcomes.push(outcome);
    onOutcome?.(outcome);
  }
  return outcomes;
}
