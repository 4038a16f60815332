/**
 * A run's view of its Docker engine's health: whether the engine still answers (a run that lost
 * it stops at once, with one message and its own exit code, instead of failing every remaining
 * step), and a cleanup bounded in time (an engine that froze must not hold the CLI: what could
 * not be removed is named, with the commands that remove it).
 *
 * @example
 * ```ts
 * const lost = await engineProblem(docker); // undefined while it answers
 * const report = await boundedCleanup(() => target.cleanup(), runId);
 * ```
 * @module
 */
import type { DockerClient } from "../lib/docker/mod.ts";
import {
  type CleanupReport,
  emptyCleanupReport,
  removalCommands,
} from "../lib/target/docker_resources.ts";

/** The exit code of a run that lost its engine (or its target) before it ended. */
export const ENGINE_LOST_EXIT_CODE = 3;

/** How long the engine has to answer a ping before it counts as lost. */
const PING_MS = 3_000;

/** How long a cleanup may take before the CLI gives up on it and names what is left. */
export const CLEANUP_LIMIT_MS = 15_000;

/** Why the engine cannot be used (one line), or undefined when it answers a ping in time. */
export async function engineProblem(
  docker: Pick<DockerClient, "ping">,
  limitMs: number = PING_MS,
): Promise<string | undefined> {
  // A timer of our own, not AbortSignal.timeout(): that one does not keep the process alive.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limitMs);
  try {
    await docker.ping({ signal: controller.signal });
    return undefined;
  } catch (error) {
    if (controller.signal.aborted) return `it did not answer within ${limitMs / 1000} s`;
    return String((error as Error).message ?? error).split("\n")[0];
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs a cleanup, giving up after `limitMs`: then resolves with a report whose one error says
 * so and how to remove what the run `runId` left. A cleanup that fails (the engine is gone)
 * resolves the same way, with its reason.
 */
export async function boundedCleanup(
  cleanup: () => Promise<CleanupReport>,
  runId: string,
  limitMs: number = CLEANUP_LIMIT_MS,
): Promise<CleanupReport> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<CleanupReport>((resolve) => {
    timer = setTimeout(() =>
      resolve({
        ...emptyCleanupReport(),
        errors: [
          `the engine did not finish removing this run's resources within ${
            limitMs / 1000
          } s; what is left has the label run-lesson.run=${runId} (the next run of the lesson ` +
          `removes it, or: ${removalCommands({ run: runId }).join("; ")})`,
        ],
      }), limitMs);
  });
  try {
    const done = cleanup().catch((error: unknown): CleanupReport => ({
      ...emptyCleanupReport(),
      errors: [
        `${String((error as Error)?.message ?? error).split("\n")[0]} (what is left has the ` +
        `label run-lesson.run=${runId}; the next run of the lesson removes it)`,
      ],
    }));
    return await Promise.race([done, gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}
