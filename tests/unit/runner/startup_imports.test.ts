// What every CLI start loads: the static import graph of runner/main.ts. Heavy modules that only
// one option needs (the TypeScript compiler, for --accept) are imported dynamically where used,
// so that `run-lesson --help` or a lesson run does not pay for them (the compiler alone adds
// about 100 MB of memory).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The packages and files runner/main.ts loads through static imports (not `await import()`). */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [resolve(ROOT, entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, "utf8");
    // `import … from "x"` and `export … from "x"`, type-only ones excluded (they are erased).
    const pattern = /^(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm;
    for (const [, specifier] of source.matchAll(pattern)) {
      if (specifier.startsWith(".")) pending.push(join(dirname(file), specifier));
      else if (!specifier.startsWith("node:")) packages.add(specifier);
    }
  }
  return { files, packages };
}

describe("what a CLI start loads", () => {
  it("runner/main.ts reaches the commands, but not the TypeScript compiler", () => {
    const { files, packages } = staticGraph("runner/main.ts");
    assert.ok(files.has(join(ROOT, "runner/commands/run.ts")), "the walk follows the imports");
    assert.ok(packages.has("ssh2"), "the walk sees packages");
    assert.ok(!packages.has("typescript"), "typescript is loaded by every start");
    assert.ok(!packages.has("ts-morph"), "ts-morph is loaded by every start");
  });
});
