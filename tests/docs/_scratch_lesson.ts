/**
 * Scratch lessons on the local target (no Docker): a folder with lesson.ts, step modules and a
 * README, written for one test and removed by the caller.
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Writes a lesson into `dir`: step files by name (their source), and the doc. */
export function scratchLesson(dir: string, steps: Record<string, string>, doc?: string): string {
  mkdirSync(join(dir, "steps"), { recursive: true });
  const files = Object.keys(steps).map((name) => `"steps/${name}"`);
  writeFileSync(
    join(dir, "lesson.ts"),
    `export default { title: "Scratch", steps: [${files.join(", ")}] };\n`,
  );
  for (const [name, source] of Object.entries(steps)) {
    writeFileSync(join(dir, "steps", name), source);
  }
  if (doc !== undefined) writeFileSync(join(dir, "README.md"), doc);
  return dir;
}

/** The source of a step module: `export default { id, title, commands: [ ...lines ] }`. */
export function stepSource(id: string, commands: string[]): string {
  return `export default {\n  id: "${id}",\n  title: "${id}",\n  commands: [\n${
    commands.map((c) => `    ${c},\n`).join("")
  }  ],\n};\n`;
}
