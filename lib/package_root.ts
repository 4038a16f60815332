/**
 * Where run-lesson's own files are: the folder holding its package.json, its bundled lessons,
 * its stand-in recipes and its setup scripts. The TypeScript sources sit one level below it
 * (`lib/`, `runner/`); the JavaScript the package ships for Deno sits two levels below it
 * (`dist/lib/`, `dist/runner/`, with the bundled lessons built in `dist/lessons/`), and finds
 * the same folder.
 *
 * @example
 * ```ts
 * import { join } from "node:path";
 * import { PACKAGE_ROOT } from "./package_root.ts";
 *
 * const bundled = join(PACKAGE_ROOT, "lessons");
 * ```
 * @module
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder above the running code's `lib/`: the package root for the sources, its `dist/`
 * for the built JavaScript, which has its own copy of the bundled lessons.
 */
export const CODE_ROOT: string = fileURLToPath(new URL("../", import.meta.url));

/** The package's root folder (with a trailing separator), from this module's location. */
export const PACKAGE_ROOT: string = packageRootFrom(CODE_ROOT);

/**
 * The package root for the folder above `lib/`: that folder itself for the sources, its parent
 * when it is the `dist/` folder of the built JavaScript (it then has no package.json).
 */
export function packageRootFrom(aboveLib: string, exists: (path: string) => boolean = existsSync) {
  if (exists(join(aboveLib, "package.json"))) return aboveLib;
  const parent = join(dirname(aboveLib), "/");
  return exists(join(parent, "package.json")) ? parent : aboveLib;
}
