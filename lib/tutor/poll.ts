/**
 * One poll of a step's checks: read-only, bounded in time, and answered as `PollOutcome`s for
 * the checks the learner sees (the controls a poll also runs stay out of sight).
 * @module
 */
import { runChecks } from "../engine/selftest_run.ts";
import type { CheckOutcome } from "../engine/events.ts";
import type { ProbeRunner } from "../engine/run_check.ts";
import type { Target } from "../target/types.ts";
import type { PollOutcome } from "./state.ts";
import type { StepChecks } from "./step_checks.ts";

/** What a poll needs. */
export interface PollContext {
  /** Where the checks read state. */
  target: Target;
  /** Probe runners for the target's probe kinds. */
  probes: Record<string, ProbeRunner>;
  /** Time limit per check, in milliseconds. */
  checkTimeoutMs: number;
  /** Time after which no further check of this poll starts, in milliseconds. */
  pollLimitMs: number;
  /** Ends the poll early (the learner quit): no further check starts. */
  signal?: AbortSignal;
}

/**
 * Runs a step's checks once, in order, without captures (the learner's own shell printed the
 * values a lesson run would capture). Never throws: a check that could not run is an `error`,
 * and one that the poll's time limit left out is a `timeout`.
 */
export async function pollChecks(checks: StepChecks, ctx: PollContext): Promise<PollOutcome[]> {
  const limit = AbortSignal.timeout(ctx.pollLimitMs);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, limit]) : limit;
  let outcomes: Map<string, PollOutcome>;
  try {
    const results = await runChecks(
      checks.run,
      ctx.target,
      freshReads(ctx.probes),
      {},
      ctx.checkTimeoutMs,
      { signal },
    );
    outcomes = new Map(results.map((o) => [o.id, tutorOutcome(o)]));
  } catch (error) {
    const message = `could not check: ${(error as Error).message}`;
    return checks.shown.map((c) => ({ id: c.id, status: "error", message }));
  }
  return checks.shown.map((c) =>
    outcomes.get(c.id) ??
      {
        id: c.id,
        status: "timeout",
        message: ctx.signal?.aborted
          ? "not checked: the tutor was stopped"
          : `not checked: the poll ran out of its ${ctx.pollLimitMs} ms`,
      }
  );
}

/**
 * Probe runners that read the engine afresh on every call. A read-only target shares its reads
 * of containers and networks between checks, for as long as it is open, except on a check's
 * later attempt; the learner changes the engine between polls, so every poll is a later attempt.
 */
export function freshReads(probes: Record<string, ProbeRunner>): Record<string, ProbeRunner> {
  return Object.fromEntries(
    Object.entries(probes).map(([kind, run]): [string, ProbeRunner] => [
      kind,
      (probe, ctx) => run(probe, { ...ctx, attempt: Math.max(2, ctx.attempt ?? 1) }),
    ]),
  );
}

/**
 * A check outcome as the tutor shows it. A check that needs a value a lesson run captures from
 * a command's output (`{{workdir}}`) cannot be checked from outside the learner's shell: it is
 * `skipped` with that reason rather than an error.
 */
export function tutorOutcome(o: CheckOutcome): PollOutcome {
  const capture = /Unknown capture "([^"]+)"/.exec(o.message ?? "");
  if (o.status === "error" && capture) {
    return {
      id: o.id,
      status: "skipped",
      message: `cannot be checked here: it needs {{${
        capture[1]
      }}}, a value only a run of the lesson captures`,
    };
  }
  return { id: o.id, status: o.status, message: o.message };
}
