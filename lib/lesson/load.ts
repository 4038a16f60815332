/**
 * Finds and loads lessons: the index, then every step module, validated before anything runs.
 * @module
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Check, Lesson, LoadedStep } from "./types.ts";
import { LessonError, validateIndex, validateStep } from "./validate.ts";

/** The repository's root folder. */
export const ROOT: string = fileURLToPath(new URL("../../", import.meta.url));

/** The folder holding the lessons. */
export const LESSONS_DIR: string = join(ROOT, "lessons");

/** The ids of the lessons under `lessons/`, sorted. */
export function listLessons(dir: string = LESSONS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, "lesson.ts")))
    .sort();
}

/** The folder of a lesson given by id or by path; throws LessonError when there is none. */
export function lessonDir(nameOrPath: string, dir: string = LESSONS_DIR): string {
  const candidates = nameOrPath.includes("/") || nameOrPath.startsWith(".")
    ? [isAbsolute(nameOrPath) ? nameOrPath : resolve(nameOrPath)]
    : [join(dir, nameOrPath)];
  for (const candidate of candidates) {
    if (existsSync(join(candidate, "lesson.ts"))) return candidate;
  }
  const known = listLessons(dir);
  throw new LessonError(
    `Unknown lesson "${nameOrPath}": ${
      known.length > 0 ? `known lessons are ${known.join(", ")}` : "no lessons found"
    }`,
  );
}

/** Loads a lesson and all of its steps, or throws LessonError naming the file and the field. */
export async function loadLesson(nameOrPath: string, dir: string = LESSONS_DIR): Promise<Lesson> {
  const folder = lessonDir(nameOrPath, dir);
  const indexFile = join(folder, "lesson.ts");
  const index = validateIndex(await _import(indexFile), _shown(indexFile));
  const steps: LoadedStep[] = [];
  const stepIds = new Map<string, string>();
  const checkIds = new Map<string, string>();
  const captures = new Set<string>();
  for (const [i, path] of index.steps.entries()) {
    const file = join(folder, path);
    const shown = _shown(file);
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw new LessonError(
        `Cannot load lesson "${_shown(indexFile)}": "steps[${i}]" names a missing file "${path}"`,
      );
    }
    const step = validateStep(await _import(file), shown, captures);
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
  const inLessons = relative(dir, folder);
  const id = !inLessons.startsWith("..") ? inLessons : _shown(folder);
  return { id, dir: folder, index, steps };
}

async function _import(file: string): Promise<unknown> {
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    throw new LessonError(
      `Cannot load "${_shown(file)}": ${(error as Error).message.split("\n")[0]}`,
      { cause: error },
    );
  }
  return module.default;
}

function _shown(file: string): string {
  const fromRoot = relative(ROOT, file);
  return fromRoot.startsWith("..") ? file : fromRoot;
}

/** Every check of a lesson, in lesson order. */
export function lessonChecks(lesson: Lesson): Check[] {
  return lesson.steps.flatMap((step) => step.checks ?? []);
}
