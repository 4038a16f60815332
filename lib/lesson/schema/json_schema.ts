/**
 * The published JSON Schema of the lesson format (`schema/lesson.schema.json`,
 * `schema/step.schema.json` and `schema/selftest.schema.json`), made from the same definitions that give the TypeScript types
 * and validate lessons at load, for editors and tools outside TypeScript. It describes a
 * module's default export as data: a `custom` probe's function has no JSON form, so its `fn`
 * is left out, and the `expected` wording of validation messages is dropped.
 *
 * Regenerate the files with `node --import tsx schema/generate.ts`; a unit test fails when the
 * committed files differ from what the definitions make.
 * @module
 */
import type { TSchema } from "@sinclair/typebox";
import { LessonIndexSchema } from "./lesson_index.ts";
import { SelfTestSpecSchema } from "./selftest.ts";
import { StepSchema } from "./step.ts";

/** The JSON Schema dialect the files declare. */
export const JSON_SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#";

/** A JSON Schema as plain JSON data. */
export type JsonSchema = { [keyword: string]: unknown };

/** The published schemas by file name under `schema/`. */
export function publishedSchemas(): Record<string, JsonSchema> {
  return {
    "lesson.schema.json": toJsonSchema(LessonIndexSchema),
    "step.schema.json": toJsonSchema(StepSchema),
    "selftest.schema.json": toJsonSchema(SelfTestSpecSchema),
  };
}

/** The text of a published schema file: two-space JSON and a final newline. */
export function schemaText(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/**
 * A schema of the lesson format as plain JSON Schema: TypeBox's symbols are dropped (they are
 * not JSON), and so are function-valued fields and the `expected` keyword.
 */
export function toJsonSchema(schema: TSchema): JsonSchema {
  const plain = JSON.parse(JSON.stringify(schema)) as JsonSchema;
  return { $schema: JSON_SCHEMA_DIALECT, ..._clean(plain) };
}

/** Keywords whose value is one schema. */
const _ONE = ["items", "not", "additionalProperties"];
/** Keywords whose value is a list of schemas. */
const _LIST = ["anyOf", "allOf", "oneOf"];
/** Keywords whose value maps names to schemas. */
const _MAP = ["properties", "patternProperties"];

function _clean(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === "expected") continue;
    if (_ONE.includes(keyword) && _isSchema(value)) out[keyword] = _clean(value);
    else if (_LIST.includes(keyword) && Array.isArray(value)) {
      out[keyword] = value.map((item) => _clean(item as JsonSchema));
    } else if (_MAP.includes(keyword) && _isSchema(value)) {
      out[keyword] = _cleanMap(value as Record<string, JsonSchema>);
    } else out[keyword] = value;
  }
  if (_isSchema(out.properties) && Array.isArray(out.required)) {
    const kept = out.required.filter((name) => name in (out.properties as JsonSchema));
    if (kept.length > 0) out.required = kept;
    else delete out.required;
  }
  return out;
}

/** Cleans each schema of a `properties` map, leaving out the function-valued ones. */
function _cleanMap(map: Record<string, JsonSchema>): JsonSchema {
  const out: JsonSchema = {};
  for (const [name, schema] of Object.entries(map)) {
    if (schema.type === "Function") continue;
    out[name] = _clean(schema);
  }
  return out;
}

function _isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
