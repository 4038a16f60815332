/**
 * The lesson search path: the course folders a lesson id is looked up in, in order. Folders
 * given with `--lessons DIR` come first, then those in the `RUN_LESSON_PATH` environment
 * variable (colon-separated, like `PATH`), then the lessons bundled with run-lesson, so that a
 * course can use the bundled examples and shadow one of them with its own lesson of that id.
 *
 * @example
 * ```ts
 * const path = lessonPath({ lessons: ["course"], env: { RUN_LESSON_PATH: "/srv/more" } });
 * // ["<cwd>/course", "/srv/more", "<run-lesson>/lessons"]
 * findLessons(path); // [{ id: "hello", dir: "<cwd>/course/hello" }, ...]
 * ```
 * @module
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { CODE_ROOT } from "../package_root.ts";

/** The folder of the lessons bundled with run-lesson (its `lessons/`). */
export const BUNDLED_LESSONS_DIR: string = join(CODE_ROOT, "lessons");

/** The environment variable holding extra lesson folders, separated by `:`. */
export const LESSON_PATH_VARIABLE = "RUN_LESSON_PATH";

/** Where to look for lessons, besides the bundled ones. */
export interface LessonPathOptions {
  /** Folders from `--lessons`, in the order given; searched first. */
  lessons?: readonly string[];
  /** The environment `RUN_LESSON_PATH` is read from; none when absent. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths are resolved against; the working folder when absent. */
  cwd?: string;
  /** The bundled lessons' folder, searched last; {@link BUNDLED_LESSONS_DIR} when absent. */
  bundled?: string;
}

/**
 * The folders searched for lessons, absolute, in order and without repeats: `lessons`, then
 * `RUN_LESSON_PATH`'s entries (empty entries skipped), then the bundled lessons.
 */
export function lessonPath(options: LessonPathOptions = {}): string[] {
  const cwd = options.cwd ?? process.cwd();
  const fromEnv = (options.env?.[LESSON_PATH_VARIABLE] ?? "").split(":");
  const folders = [...(options.lessons ?? []), ...fromEnv]
    .filter((folder) => folder !== "")
    .map((folder) => resolve(cwd, folder));
  return [...new Set([...folders, options.bundled ?? BUNDLED_LESSONS_DIR])];
}

/** A lesson found on the search path. */
export interface FoundLesson {
  /** Its id: the lesson's folder name. */
  id: string;
  /** Its folder, absolute. */
  dir: string;
}

/**
 * The lessons in the folders of `path` (each a folder holding `lesson.ts`), sorted by id. When
 * two folders hold a lesson of the same id, the one earlier on the path wins. A folder that does
 * not exist holds none.
 */
export function findLessons(path: readonly string[]): FoundLesson[] {
  const found = new Map<string, FoundLesson>();
  for (const folder of path) {
    if (!existsSync(folder)) continue;
    for (const id of readdirSync(folder).sort()) {
      if (found.has(id) || !existsSync(join(folder, id, "lesson.ts"))) continue;
      found.set(id, { id, dir: join(folder, id) });
    }
  }
  return [...found.values()].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Whether `nameOrPath` names a folder rather than a lesson id: it holds a `/`, or starts with
 * `.` (`./hello`, `..`).
 */
export function isLessonPath(nameOrPath: string): boolean {
  return nameOrPath.includes("/") || nameOrPath.startsWith(".");
}

/**
 * The folder of the lesson `nameOrPath`: a path (see {@link isLessonPath}) resolved against
 * `cwd`, or an id looked up on `path`. Undefined when there is no `lesson.ts` there.
 */
export function findLesson(
  nameOrPath: string,
  path: readonly string[],
  cwd: string = process.cwd(),
): string | undefined {
  if (isLessonPath(nameOrPath)) {
    const folder = resolve(cwd, nameOrPath);
    return existsSync(join(folder, "lesson.ts")) ? folder : undefined;
  }
  for (const folder of path) {
    if (existsSync(join(folder, nameOrPath, "lesson.ts"))) return join(folder, nameOrPath);
  }
  return undefined;
}
