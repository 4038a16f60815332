/**
 * A lock across test processes for lessons that use fixed names on the shared local engine.
 * The container-networking lesson and its as-published twin create `ai-app-network`,
 * `redis-cache` and the like under those exact names, and a run removes what an earlier run of
 * the lesson left; two test files that run them at once on one engine would destroy each
 * other's state. Every test that runs either of them on the local engine (a run, a check, the
 * docs, an import, the tutor) holds this lock for the length of that run.
 *
 * The lock is a directory made atomically with `mkdir`, holding the owner's pid; a lock whose
 * owner is gone (a killed test process) is taken over.
 *
 * @example
 * ```ts
 * import { withEngineLock } from "../_engine_lock.ts";
 *
 * await withEngineLock("container-networking", async () => {
 *   // cli("run", "container-networking", "--offline") …
 * });
 * ```
 * @module
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { processAlive } from "../lib/target/process_tree.ts";

/** How long a test waits for the lock before it fails. */
const WAIT_MS = 15 * 60_000;

/** Runs `fn` while this process holds the named lock; waits (polling) for other holders. */
export async function withEngineLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = join(tmpdir(), `run-lesson-test-lock-${name}`);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (_tryTake(dir)) break;
    if (Date.now() > deadline) {
      throw new Error(`waited ${WAIT_MS / 60_000} min for the test lock ${dir}`);
    }
    await sleep(250);
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Takes the lock, or takes over one whose owner process is gone; false when it is held. */
function _tryTake(dir: string): boolean {
  try {
    mkdirSync(dir);
    writeFileSync(join(dir, "pid"), `${process.pid}\n`);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  let pid = Number.NaN;
  try {
    pid = Number(readFileSync(join(dir, "pid"), "utf8").trim());
  } catch {
    return false; // Just made by another process, which has not written its pid yet.
  }
  if (!Number.isInteger(pid) || pid <= 0 || processAlive(pid)) return false;
  rmSync(dir, { recursive: true, force: true });
  return false; // Taken on the next poll, unless another waiter is faster.
}
