/**
 * Writes the published JSON Schema of the lesson format, `schema/lesson.schema.json` (a lesson's
 * index) and `schema/step.schema.json` (a step module), from the definitions in
 * lib/lesson/schema. With `--check`, writes nothing and exits 1 when a file is stale.
 *
 *     node --import tsx schema/generate.ts [--check]
 *
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { publishedSchemas, schemaText } from "../lib/lesson/schema/json_schema.ts";

const check = process.argv.includes("--check");
let stale = 0;
for (const [name, schema] of Object.entries(publishedSchemas())) {
  const file = new URL(name, import.meta.url);
  const text = schemaText(schema);
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {
    // A missing file is stale.
  }
  if (current === text) continue;
  stale++;
  if (check) console.error(`schema/${name} is stale: run node --import tsx schema/generate.ts`);
  else {
    writeFileSync(file, text);
    console.log(`wrote schema/${name}`);
  }
}
if (check && stale > 0) process.exitCode = 1;
