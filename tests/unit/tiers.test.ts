/**
 * The unit tier needs no engine, sshd or browser: no file under tests/unit may import, directly
 * or through another test helper, one of the fixtures that start or require a service.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The fixtures that need a service, relative to the repository root. */
const SERVICE_FIXTURES = [
  "tests/_services.ts",
  "tests/docker/_fixtures.ts",
  "tests/probes/_world.ts",
  "tests/ssh/_sshd.ts",
  "tests/prepare/_docker.ts",
  "tests/grade/_class.ts",
];

/** Every `.ts` file under a folder of the repository, relative to the root. */
function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => join(dir, name))
    .sort();
}

/** The relative modules a file imports (static, re-exported or dynamic), from the root. */
export function relativeImports(file: string, source: string): string[] {
  const specifiers = [
    ...source.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*["']([^"']+)["']/g),
    ...source.matchAll(/\bimport\s*["']([^"']+)["']/g),
    ...source.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  return specifiers
    .filter((s) => s.startsWith("."))
    .map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)));
}

/** The chains by which `file` reaches a service fixture through test files (not lib/). */
function serviceChains(file: string, seen = new Set<string>()): string[][] {
  if (SERVICE_FIXTURES.includes(file)) return [[file]];
  if (seen.has(file) || !file.startsWith("tests/")) return [];
  seen.add(file);
  let source: string;
  try {
    source = readFileSync(join(ROOT, file), "utf8");
  } catch {
    return [];
  }
  return relativeImports(file, source).flatMap((imported) =>
    serviceChains(imported, seen).map((chain) => [file, ...chain])
  );
}

describe("the unit tier", () => {
  it("reads imports of every form", () => {
    const source = [
      'import { a } from "../x.ts";',
      'import type {\n  B,\n} from "./y.ts";',
      'export { c } from "../../z.ts";',
      'import "./side.ts";',
      'const m = await import("./lazy.ts");',
      'import assert from "node:assert/strict";',
    ].join("\n");
    assert.deepEqual(relativeImports("tests/unit/engine/t.test.ts", source), [
      "tests/unit/x.ts",
      "tests/unit/engine/y.ts",
      "tests/z.ts",
      "tests/unit/engine/side.ts",
      "tests/unit/engine/lazy.ts",
    ]);
  });

  it("finds the service fixture of an integration test (it sees what it must refuse)", () => {
    const chains = serviceChains("tests/probes/exec.test.ts");
    assert.ok(
      chains.some((chain) => chain.at(-1) === "tests/probes/_world.ts"),
      JSON.stringify(chains),
    );
  });

  it("imports no fixture that needs an engine, sshd or browser", () => {
    const files = tsFiles("tests/unit");
    assert.ok(files.length > 20, `only ${files.length} files under tests/unit`);
    const offending = files.flatMap((file) => serviceChains(file).map((c) => c.join(" -> ")));
    assert.deepEqual(offending, [], "move these tests out of tests/unit or drop the import");
  });
});
