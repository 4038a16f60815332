/**
 * The stand-in recipes: the table in `lib/prepare/images/stand-ins.txt` (references in Docker's
 * short form, `:latest` added) and the revision each build script stamps on its images.
 * @module
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { familiarImageRef } from "../docker/mod.ts";
import type { StandInRecipe } from "./types.ts";

/** The folder holding the stand-in build scripts. */
export const imagesDir: string = fileURLToPath(new URL("./images/", import.meta.url));

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

/** Reads the revision of the build script `script` in `lib/prepare/images/`. */
export async function scriptRevision(script: string): Promise<string | undefined> {
  return parseRevision(await readFile(`${imagesDir}${script}`, "utf8"));
}
