/**
 * Finds and loads lessons: the index, then every step module, validated before anything runs.
 * @module
 */
import { existsSync, statSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { PACKAGE_ROOT } from "../package_root.ts";
import { guardImport } from "./guard_import.ts";
import { importLessonModule } from "./import_module.ts";
import { BUNDLED_LESSONS_DIR, findLesson, findLessons, isLessonPath } from "./lesson_path.ts";
import type { Check, Lesson, LoadedStep, SelfTestSpec } from "./types.ts";
import { LessonError, validateIndex, validateSelfTest, validateStep } from "./validate.ts";

/** The repository's root folder. */
export const ROOT: string = PACKAGE_ROOT;

/** The folder holding the bundled lessons. */
export const LESSONS_DIR: string = BUNDLED_LESSONS_DIR;

/**
 * The ids of the lessons in a folder, or on a search path (see lib/lesson/lesson_path.ts, an
 * earlier folder's lesson shadowing a later one of the same id), sorted.
 */
export function listLessons(dirs: string | readonly string[] = LESSONS_DIR): string[] {
  return findLessons(typeof dirs === "string" ? [dirs] : dirs).map((lesson) => lesson.id);
}

/**
 * The folder of a lesson given by path (anywhere), or by id looked up in a folder or on a search
 * path; throws LessonError when there is none.
 */
export function lessonDir(
  nameOrPath: string,
  dirs: string | readonly string[] = LESSONS_DIR,
): string {
  const path = typeof dirs === "string" ? [dirs] : dirs;
  const found = findLesson(nameOrPath, path);
  if (found !== undefined) return found;
  if (isLessonPath(nameOrPath)) {
    throw new LessonError(`Unknown lesson "${nameOrPath}": the folder has no lesson.ts`);
  }
  const known = listLessons(path);
  throw new LessonError(
    `Unknown lesson "${nameOrPath}": ${
      known.length > 0 ? `known lessons are ${known.join(", ")}` : "no lessons found"
    }`,
  );
}

/** Loads a lesson and all of its steps, or throws LessonError naming the file and the field. */
export async function loadLesson(
  nameOrPath: string,
  dirs: string | readonly string[] = LESSONS_DIR,
): Promise<Lesson> {
  const folder = lessonDir(nameOrPath, dirs);
  const indexFile = join(folder, "lesson.ts");
  const index = validateIndex(await _import(indexFile), _shown(indexFile));
  const steps: LoadedStep[] = [];
  const stepIds = new Map<string, string>();
  const checkIds = new Map<string, string>();
  const captures = new Set<string>();
  // What checks can bind without a run, for the checks of later steps.
  const readOnly = new Set<string>();
  for (const [i, path] of index.steps.entries()) {
    const file = join(folder, path);
    const shown = _shown(file);
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw new LessonError(
        `Cannot load lesson "${_shown(indexFile)}": "steps[${i}]" names a missing file "${path}"`,
      );
    }
    const step = validateStep(await _import(file), shown, captures, readOnly);
    const earlier = stepIds.get(step.id);
    if (earlier) {
      throw new LessonError(
        `Cannot load step "${shown}": "id" "${step.id}" is already used by "${earlier}"`,
      );
    }
    stepIds.set(step.id, shown);
    for (const check of step.checks ?? []) {
      const other = checkIds.get(check.id);
      if (other) {
        throw new LessonError(
          `Cannot load step "${shown}": check "id" "${check.id}" is already used by "${other}"`,
        );
      }
      checkIds.set(check.id, shown);
    }
    steps.push({ ...step, file: shown });
  }
  for (const step of steps) {
    for (const check of step.checks ?? []) {
      if (check.control !== undefined && !checkIds.has(check.control)) {
        throw new LessonError(
          `Cannot load step "${step.file}": check "${check.id}" names an unknown "control" "${check.control}"`,
        );
      }
    }
  }
  return {
    id: _lessonId(folder, typeof dirs === "string" ? [dirs] : dirs),
    dir: folder,
    index,
    steps,
  };
}

async function _import(file: string): Promise<unknown> {
  // One line however the import fails: a thrown non-Error, a hang, process.exit.
  const module = await guardImport(_shown(file), () => importLessonModule(file));
  return module.default;
}

/**
 * A lesson's id: its name in the first search folder holding it, else its path as shown (from
 * the repository root, from the working folder, or absolute).
 */
function _lessonId(folder: string, path: readonly string[]): string {
  for (const dir of path) {
    const inside = relative(dir, folder);
    if (inside !== "" && !inside.startsWith("..") && !isAbsolute(inside)) return inside;
  }
  const shown = _shown(folder);
  if (shown !== folder) return shown;
  const fromCwd = relative(process.cwd(), folder);
  return fromCwd !== "" && !fromCwd.startsWith("..") && !isAbsolute(fromCwd) ? fromCwd : folder;
}

function _shown(file: string): string {
  const fromRoot = relative(ROOT, file);
  return fromRoot.startsWith("..") ? file : fromRoot;
}

/**
 * A lesson's self-test spec (its `selftest.ts`), validated against the lesson; undefined when
 * the lesson has none. Throws LessonError naming the file and the field.
 */
export async function loadSelfTest(lesson: Lesson): Promise<SelfTestSpec | undefined> {
  const file = join(lesson.dir, "selftest.ts");
  if (!existsSync(file)) return undefined;
  return validateSelfTest(await _import(file), _shown(file), lesson);
}

/** Every check of a lesson, in lesson order. */
export function lessonChecks(lesson: Lesson): Check[] {
  return lesson.steps.flatMap((step) => step.checks ?? []);
}
