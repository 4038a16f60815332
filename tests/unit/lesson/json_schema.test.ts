/**
 * The published JSON Schema of the lesson format: the committed files under schema/ are what the
 * definitions make, and, read as plain JSON Schema by an independent validator
 * (@cfworker/json-schema), they accept the data of every bundled lesson and refuse what
 * validation at load refuses.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Validator } from "@cfworker/json-schema";
import { Value } from "@sinclair/typebox/value";
import { publishedSchemas, schemaText } from "../../../lib/lesson/schema/json_schema.ts";
import { LessonIndexSchema } from "../../../lib/lesson/schema/lesson_index.ts";
import { SelfTestSpecSchema } from "../../../lib/lesson/schema/selftest.ts";
import { StepSchema } from "../../../lib/lesson/schema/step.ts";
import type { LessonIndex } from "../../../lib/lesson/types.ts";
import { BAD_STEP_SHAPES } from "./_schema_cases.ts";
import { BAD_CHECK_SHAPES, BAD_INDEX_SHAPES } from "./_schema_check_cases.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** A committed schema file, parsed. */
function committed(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, "schema", name), "utf8"));
}

/** A validator of the committed file, as any JSON Schema (draft-07) tool would read it. */
function validator(name: string): Validator {
  return new Validator(committed(name) as ConstructorParameters<typeof Validator>[0], "7", false);
}

/** Module data as JSON sees it: functions (a custom probe's `fn`) and undefined dropped. */
function data(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** The default export of a module. */
async function defaultOf(file: string): Promise<unknown> {
  return (await import(pathToFileURL(file).href)).default;
}

describe("the published JSON Schema", () => {
  for (const [name, schema] of Object.entries(publishedSchemas())) {
    it(`schema/${name} is what the definitions make (node --import tsx schema/generate.ts)`, () => {
      assert.deepEqual(committed(name), schema);
      assert.equal(readFileSync(join(ROOT, "schema", name), "utf8"), schemaText(schema));
    });
  }

  it("carries no TypeBox-only keyword", () => {
    for (const name of Object.keys(publishedSchemas())) {
      const text = readFileSync(join(ROOT, "schema", name), "utf8");
      assert.doesNotMatch(text, /"expected"|"Function"/);
    }
  });

  const lessonsDir = join(ROOT, "lessons");
  const lessons = readdirSync(lessonsDir).filter((name) => !name.startsWith("."));
  assert.ok(lessons.length > 0);
  for (const lesson of lessons) {
    it(`accepts the data of the bundled lesson ${lesson}: index, steps, self-test`, async () => {
      const folder = join(lessonsDir, lesson);
      const index = await defaultOf(join(folder, "lesson.ts")) as LessonIndex;
      const indexResult = validator("lesson.schema.json").validate(data(index));
      assert.ok(indexResult.valid, JSON.stringify(indexResult.errors.slice(-3)));
      assert.ok(Value.Check(LessonIndexSchema, index));
      const steps = validator("step.schema.json");
      for (const path of index.steps) {
        const step = await defaultOf(join(folder, path));
        const result = steps.validate(data(step));
        assert.ok(result.valid, `${lesson}/${path}: ${JSON.stringify(result.errors.slice(-3))}`);
        assert.ok(Value.Check(StepSchema, step), `${lesson}/${path}`);
      }
      if (existsSync(join(folder, "selftest.ts"))) {
        const spec = await defaultOf(join(folder, "selftest.ts"));
        const result = validator("selftest.schema.json").validate(data(spec));
        assert.ok(
          result.valid,
          `${lesson}/selftest.ts: ${JSON.stringify(result.errors.slice(-3))}`,
        );
        assert.ok(Value.Check(SelfTestSpecSchema, spec), `${lesson}/selftest.ts`);
      }
    });
  }

  it("refuses the broken steps and indexes that validation at load refuses", () => {
    const cases = [
      ["step.schema.json", [...BAD_STEP_SHAPES, ...BAD_CHECK_SHAPES]],
      ["lesson.schema.json", BAD_INDEX_SHAPES],
    ] as const;
    for (const [name, table] of cases) {
      const check = validator(name);
      for (const [what, value] of table) {
        const json = data(value);
        // Infinity and NaN become null in JSON, and a pattern that does not parse is not a
        // matter of shape: those the JSON Schema cannot see.
        if (/infinite|NaN|cannot be parsed|custom probe/.test(what)) continue;
        assert.equal(check.validate(json).valid, false, `${name} accepts ${what}`);
      }
    }
  });
});
