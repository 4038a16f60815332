/**
 * A probe's deadline: one time limit that cancels every Engine call the probe makes, and the
 * error of a probe that ran out of time.
 * @module
 */

/** Cancels a probe's Engine calls when its time is up. */
export interface Deadline {
  /** Aborted when the time is up. */
  signal: AbortSignal;
  /** Milliseconds left, at least 1. */
  remainingMs(): number;
}

/**
 * Runs `fn` under a deadline of `timeoutMs`; a call cut short by it rejects with
 * `probe "<kind>" did not finish within <ms> ms`.
 *
 * @example
 * ```ts
 * const network = await withDeadline("docker.network", 5_000, ({ signal }) =>
 *   docker.networks.inspect("ai-service-network", { signal }));
 * ```
 */
export async function withDeadline<T>(
  kind: string,
  timeoutMs: number,
  fn: (deadline: Deadline) => Promise<T>,
): Promise<T> {
  if (!(timeoutMs > 0)) {
    throw new RangeError(
      `Cannot run probe "${kind}": timeoutMs must be positive, got ${timeoutMs}`,
    );
  }
  const controller = new AbortController();
  const ends = performance.now() + timeoutMs;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fn({
      signal: controller.signal,
      remainingMs: () => Math.max(1, Math.round(ends - performance.now())),
    });
  } catch (error) {
    if (controller.signal.aborted) throw timedOut(kind, timeoutMs, error);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The error of a probe that ran out of time. */
export function timedOut(kind: string, timeoutMs: number, cause?: unknown): Error {
  return new Error(`probe "${kind}" did not finish within ${timeoutMs} ms`, { cause });
}
