/**
 * Imports a lesson's TypeScript modules (its index, steps and self-test) as ES modules, wherever
 * the lesson lives.
 *
 * Deno runs every `.ts` file as an ES module. On Node, tsx decides by the nearest package.json:
 * a `.ts` file in a folder without `"type": "module"` (a course folder of its own, or one with
 * no package.json at all) would be compiled to CommonJS, and Node then refuses the lesson's
 * `export default` ("Cannot require() ES Module … in a cycle"). So before the first import, a
 * module resolution hook is registered that marks such `.ts` files as ES modules; files under
 * `node_modules/` keep the format their package declares.
 *
 * @example
 * ```ts
 * const index = (await importLessonModule("/srv/course/hello/lesson.ts")).default;
 * ```
 * @module
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** The hook: a `.ts`/`.tsx` file outside node_modules that resolved as CommonJS becomes ESM. */
const HOOKS = `
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (
    resolved.format === "commonjs" && resolved.url.startsWith("file:") &&
    /\\.tsx?$/.test(new URL(resolved.url).pathname) && !resolved.url.includes("/node_modules/")
  ) {
    return { ...resolved, format: "module" };
  }
  return resolved;
}
`;

let registered: Promise<void> | undefined;

/** Registers the hook once per process, on Node only (Deno needs none). */
export function registerTsAsEsm(): Promise<void> {
  registered ??= (async () => {
    if ("Deno" in globalThis) return;
    const { register } = await import("node:module");
    register(`data:text/javascript,${encodeURIComponent(HOOKS)}`);
  })();
  return registered;
}

/**
 * Imports the module at the absolute path `file` as an ES module, on Node and Deno alike. Deno
 * does not strip types inside node_modules: there, a `.ts` file with a built `.js` beside it
 * (the bundled lessons in the package's `dist/`) is imported as that `.js`.
 */
export async function importLessonModule(file: string): Promise<{ default?: unknown }> {
  await registerTsAsEsm();
  return await import(pathToFileURL(_runnable(file)).href);
}

function _runnable(file: string): string {
  if (!("Deno" in globalThis) || !file.includes("/node_modules/") || !file.endsWith(".ts")) {
    return file;
  }
  const built = `${file.slice(0, -".ts".length)}.js`;
  return existsSync(built) ? built : file;
}
