/**
 * Runs a list of read-only checks a bounded number at a time, as they would run one after
 * another: a check with a positive control starts only once its control (earlier in the list)
 * has its outcome, a check that uses a capture an earlier check finds only once that check is
 * done, and each sees only the outcomes of checks listed before it. Outcomes come back in
 * the list's order.
 * @module
 */
import type { Check } from "../lesson/types.ts";
import type { CheckOutcome } from "./events.ts";
import { directNeeds } from "./select_checks.ts";

/** How {@link runChecks} runs each check. */
export interface RunChecksOptions {
  /** How many checks run at once (at least 1). */
  concurrency: number;
  /**
   * Runs one check. `results` holds the outcomes of the checks listed before it that are done,
   * its control's always (when listed before it).
   */
  run(check: Check, results: ReadonlyMap<string, CheckOutcome>): Promise<CheckOutcome>;
}

/**
 * Runs every check, at most `concurrency` at once, starting them in list order; rejects as soon
 * as one run rejects (the others are not waited for).
 *
 * @example
 * ```ts
 * const outcomes = await runChecks(checks, {
 *   concurrency: 4,
 *   run: (check, results) => runCheck(check, { ...ctx, results }),
 * });
 * ```
 */
export function runChecks(checks: Check[], options: RunChecksOptions): Promise<CheckOutcome[]> {
  const slots = new _Slots(Math.max(1, Math.floor(options.concurrency)));
  const done = new Map<string, CheckOutcome>();
  const promises: Promise<CheckOutcome>[] = [];
  const byId = new Map<string, Promise<CheckOutcome>>();
  checks.forEach((check, index) => {
    // Only a control or a finder listed before the check counts, as when checks run one after
    // another.
    const needs = directNeeds(checks, check).flatMap((id) => byId.get(id) ?? []);
    const earlier = checks.slice(0, index).map((c) => c.id);
    const promise = (async () => {
      await Promise.all(needs.map((need) => need.catch(() => {})));
      return await slots.use(async () => {
        const results = new Map<string, CheckOutcome>();
        for (const id of earlier) {
          const outcome = done.get(id);
          if (outcome !== undefined) results.set(id, outcome);
        }
        const outcome = await options.run(check, results);
        // Before the slot is free: the next check in it sees this outcome.
        done.set(check.id, outcome);
        return outcome;
      });
    })();
    promises.push(promise);
    if (!byId.has(check.id)) byId.set(check.id, promise);
  });
  return Promise.all(promises);
}

/** A counting semaphore: `use` runs its function once one of the slots is free. */
class _Slots {
  #free: number;
  #waiting: Array<() => void> = [];

  constructor(count: number) {
    this.#free = count;
  }

  async use<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}
