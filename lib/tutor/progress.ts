/**
 * Where a learner is in a lesson, per lesson and target, kept in a small JSON file under
 * `$XDG_STATE_HOME/run-lesson/` (or `~/.local/state/run-lesson/`), so that quitting the tutor
 * and coming back resumes at the same step. Written atomically: a temporary file in the same
 * folder, then a rename, so an interrupted write never leaves half a file.
 * @module
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

/** What the progress file holds. */
export interface Progress {
  /** The format's version. */
  version: 1;
  /** The lesson's id. */
  lesson: string;
  /** The target as given (`local`, `container://NAME`, `ssh://…`). */
  target: string;
  /** The step the learner is on. */
  step: string;
  /** Whether the learner went past the last step. */
  finished: boolean;
  /** When it was saved (ISO 8601). */
  savedAt: string;
}

/**
 * The folder of the progress files: `$XDG_STATE_HOME/run-lesson` when XDG_STATE_HOME is an
 * absolute path (the XDG spec ignores a relative one), else `~/.local/state/run-lesson`.
 */
export function progressDir(env: Record<string, string | undefined>): string {
  const state = env.XDG_STATE_HOME;
  if (state && isAbsolute(state)) return join(state, "run-lesson");
  return join(env.HOME || homedir(), ".local", "state", "run-lesson");
}

/**
 * The progress file of a lesson on a target: a readable name from both, plus a short hash that
 * keeps two different pairs apart however their names are cleaned.
 */
export function progressFile(
  env: Record<string, string | undefined>,
  lesson: string,
  target: string,
): string {
  const clean = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60);
  const hash = createHash("sha256").update(`${lesson}\n${target}`).digest("hex").slice(0, 8);
  return join(progressDir(env), `tutor-${clean(lesson)}@${clean(target)}-${hash}.json`);
}

/**
 * The progress saved in `file` for this lesson and target; undefined when there is none, or
 * when the file is unreadable or not a progress file of this pair (it is then started over).
 */
export function loadProgress(file: string, lesson: string, target: string): Progress | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
  const p = data as Partial<Progress> | null;
  if (
    p === null || typeof p !== "object" || p.version !== 1 || p.lesson !== lesson ||
    p.target !== target || typeof p.step !== "string" || typeof p.finished !== "boolean"
  ) {
    return undefined;
  }
  return p as Progress;
}

/** Writes the progress atomically, making the folder when needed. */
export function saveProgress(file: string, progress: Progress): void {
  const dir = join(file, "..");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${randomBytes(6).toString("hex")}.tmp`);
  try {
    writeFileSync(temp, `${JSON.stringify(progress, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Removes the progress file (`--restart`); nothing happens when there is none. */
export function clearProgress(file: string): void {
  rmSync(file, { force: true });
}
