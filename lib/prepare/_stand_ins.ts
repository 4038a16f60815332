/**
 * The stand-in recipes: the table in `lib/prepare/images/stand-ins.txt` (references in Docker's
 * short form, `:latest` added) and the revision each build script stamps on its images.
 * @module
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../package_root.ts";
import { familiarImageRef } from "../docker/mod.ts";
import { LessonError } from "../lesson/validate.ts";
import type { StandInRecipe } from "./types.ts";

/** The folder holding the stand-in build scripts. */
export const imagesDir: string = join(PACKAGE_ROOT, "lib/prepare/images/");

/** Label every stand-in carries, set to "true". */
export const standInLabel = "run-lesson.stand-in";

/** Label holding the revision of the script that built a stand-in. */
export const revisionLabel = "run-lesson.stand-in.revision";

/** Parses the stand-in table: one "REF SCRIPT" per line, `#` comments and blank lines skipped. */
export function parseStandIns(text: string): StandInRecipe[] {
  const recipes: StandInRecipe[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.replace(/#.*/, "").trim();
    if (line === "") return;
    const fields = line.split(/\s+/);
    if (fields.length !== 2 || !fields[1].endsWith(".sh") || fields[1].includes("/")) {
      const where = `line ${index + 1} ${JSON.stringify(raw)}`;
      throw new SyntaxError(`Cannot parse stand-in table ${where}: expected "REF SCRIPT.sh"`);
    }
    let ref: string;
    try {
      ref = familiarImageRef(fields[0]);
    } catch (error) {
      const where = `line ${index + 1} ${JSON.stringify(raw)}`;
      throw new SyntaxError(`Cannot parse stand-in table ${where}: ${(error as Error).message}`);
    }
    recipes.push({ ref, script: fields[1] });
  });
  return recipes;
}

/** Reads the stand-in table shipped in `lib/prepare/images/stand-ins.txt`. */
export async function loadStandIns(): Promise<StandInRecipe[]> {
  return parseStandIns(await readFile(`${imagesDir}stand-ins.txt`, "utf8"));
}

/** Returns the `revision=N` a build script declares, or undefined when it declares none. */
export function parseRevision(scriptText: string): string | undefined {
  return /^revision=(\S+)[ \t]*$/m.exec(scriptText)?.[1];
}

/** Reads the revision of the build script `script` in `dir` (`lib/prepare/images/`). */
export async function scriptRevision(
  script: string,
  dir: string = imagesDir,
): Promise<string | undefined> {
  return parseRevision(await readFile(join(dir, script), "utf8"));
}

/** The folder in a lesson that holds its own stand-in scripts and their `stand-ins.txt`. */
export const LESSON_STAND_INS = "stand-ins";

/**
 * The recipes that prepare the images of lessons: each lesson's own (its `stand-ins/` folder,
 * laid out like `lib/prepare/images/`), in the order given, then the shipped ones. The first
 * recipe for a reference is the one used, so a lesson's recipe wins over a shipped one. A lesson
 * table that does not parse is a LessonError.
 */
export async function standInsFor(lessonDirs: readonly string[]): Promise<StandInRecipe[]> {
  const recipes: StandInRecipe[] = [];
  for (const lessonDir of lessonDirs) {
    const dir = join(lessonDir, LESSON_STAND_INS);
    const table = join(dir, "stand-ins.txt");
    if (!existsSync(table)) continue;
    const text = await readFile(table, "utf8");
    let parsed: StandInRecipe[];
    try {
      parsed = parseStandIns(text);
    } catch (error) {
      throw new LessonError(`${(error as Error).message} (in ${table})`, { cause: error });
    }
    recipes.push(...parsed.map((recipe) => ({ ...recipe, dir })));
  }
  return [...recipes, ...(await loadStandIns())];
}
