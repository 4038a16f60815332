/**
 * The first problem of a value against a schema of the lesson format, as one line: the field's
 * path (`commands[0].stdout.text`) and what is wrong with it, quoting the bad value. TypeBox's
 * `Value.Check` says whether a value fits; this walks the same schema to say where and why it
 * does not, choosing a union's variant by its `kind` so that the message speaks of the variant
 * the author meant.
 * @module
 */
import { Kind, type TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { orList } from "./_kit.ts";

/** Where a value does not fit its schema, and why. */
export interface Problem {
  /** The field's path from the module's default export, e.g. `commands[0].stdout`; "" for it. */
  path: string;
  /** What is wrong, e.g. `must be a string, got 3`. */
  message: string;
  /** Whether the field is missing (a required field that is absent or undefined). */
  missing?: boolean;
}

/** The first problem of `value` against `schema`, or undefined when it fits. */
export function firstProblem(schema: TSchema, value: unknown, path = ""): Problem | undefined {
  if (Value.Check(schema, value)) return undefined;
  return _explain(schema, value, path) ?? _mustBe(schema, value, path);
}

/** A value quoted for a message, on one line and short: `"SIGFOO"`, `1.5`, `{"a":1}`. */
export function quote(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  if (typeof value === "bigint" || typeof value === "symbol") return String(value);
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** What a value of `schema` must be, in words: `a non-empty string`, `"GET" or "POST"`. */
export function describe(schema: TSchema): string {
  if (typeof schema.expected === "string") return schema.expected;
  switch (schema[Kind]) {
    case "String":
      return schema.minLength ? "a non-empty string" : "a string";
    case "Number":
    case "Integer":
      return _numberWords(schema);
    case "Boolean":
      return "true or false";
    case "Literal":
      return JSON.stringify(schema.const);
    case "Array":
      return schema.minItems ? "a non-empty array" : "an array";
    case "Object":
    case "Record":
      return "an object";
    case "Function":
      return "a function";
    case "Intersect":
      return describe(schema.allOf[0]);
    case "Union": {
      const variants = schema.anyOf as TSchema[];
      if (variants.every((v) => v[Kind] === "Literal")) return orList(variants.map((v) => v.const));
      if (variants.every((v) => _kindOf(v) !== undefined)) return 'an object with a "kind"';
      const words = [...new Set(variants.map(describe))];
      return words.length < 2
        ? words.join("")
        : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
    }
    default:
      return "a valid value";
  }
}

function _explain(schema: TSchema, value: unknown, path: string): Problem | undefined {
  switch (schema[Kind]) {
    case "Object":
      return _object(schema, value, path);
    case "Record": {
      if (!_isObject(value)) return undefined;
      const [inner] = Object.values(schema.patternProperties) as TSchema[];
      for (const [key, item] of Object.entries(value)) {
        const problem = firstProblem(inner, item, _join(path, key));
        if (problem) return problem;
      }
      return undefined;
    }
    case "Array": {
      if (!Array.isArray(value)) return undefined;
      if (value.length < (schema.minItems ?? 0) && schema.expected === undefined) {
        return { path, message: "must not be an empty list" };
      }
      for (const [i, item] of value.entries()) {
        const problem = firstProblem(schema.items, item, `${path}[${i}]`);
        if (problem) return problem;
      }
      return undefined;
    }
    case "Number":
    case "Integer": {
      // A number that fits its words (`a positive number`) can still be above its maximum.
      const fits = _number(value) && (schema[Kind] === "Number" || Number.isInteger(value)) &&
        schema.minimum === undefined && value > (schema.exclusiveMinimum ?? -Infinity);
      if (fits && schema.maximum !== undefined && value > schema.maximum) {
        return { path, message: `must be at most ${schema.maximum}, got ${quote(value)}` };
      }
      return undefined;
    }
    case "String":
      if (typeof value === "string" && value.length >= (schema.minLength ?? 0) && schema.pattern) {
        const expected = schema.expected ?? `a string matching /${schema.pattern}/`;
        return { path, message: `must be ${expected}, got ${quote(value)}` };
      }
      return {
        path,
        message: `must be ${describe({ ...schema, expected: undefined })}, got ${quote(value)}`,
      };
    case "Union":
      return _union(schema, value, path);
    default:
      return undefined;
  }
}

function _object(schema: TSchema, value: unknown, path: string): Problem | undefined {
  if (!_isObject(value)) return undefined;
  const required = new Set<string>(schema.required ?? []);
  for (const [key, field] of Object.entries(schema.properties as Record<string, TSchema>)) {
    const item = value[key];
    const where = _join(path, key);
    if (item === undefined) {
      if (!required.has(key)) continue;
      const also = typeof field.expected === "string" ? `; it must be ${field.expected}` : "";
      return { path: where, message: `is missing${also}`, missing: true };
    }
    const problem = firstProblem(field, item, where);
    if (problem) return problem;
  }
  if (schema.additionalProperties === false) {
    const known = Object.keys(schema.properties);
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        return {
          path: _join(path, key),
          message: `is not a known field: use ${orList(known)}`,
        };
      }
    }
  }
  return undefined;
}

/** Picks the variant the value was meant to be (by JSON type, then by `kind`) and explains it. */
function _union(schema: TSchema, value: unknown, path: string): Problem | undefined {
  const candidates = (schema.anyOf as TSchema[]).filter((v) => _accepts(v, value));
  if (candidates.length === 0) return undefined;
  if (_isObject(value) && candidates.every((v) => _kindOf(v) !== undefined)) {
    if (typeof value.kind !== "string") {
      return { path, message: `must be an object with a "kind", got ${quote(value)}` };
    }
    const chosen = candidates.find((v) => _kindOf(v) === value.kind) ??
      candidates.find((v) => _kindOf(v) === null);
    if (chosen) return firstProblem(chosen, value, path);
    const kinds = candidates.map((v) => _kindOf(v));
    return {
      path: _join(path, "kind"),
      message: `must be ${orList(kinds)}, got ${quote(value.kind)}`,
    };
  }
  const [only] = candidates;
  if (candidates.length === 1 && ["Object", "Array", "Record", "Union"].includes(only[Kind])) {
    return firstProblem(only, value, path);
  }
  return undefined;
}

/** The `kind` literal of an object variant; null for an open variant's; undefined for none. */
function _kindOf(schema: TSchema): string | null | undefined {
  if (schema[Kind] !== "Object") return undefined;
  const kind = schema.properties?.kind as TSchema | undefined;
  if (kind === undefined) return undefined;
  return kind[Kind] === "Literal" ? kind.const : null;
}

/** Whether a value has the JSON type that a schema takes (whatever else is wrong with it). */
function _accepts(schema: TSchema, value: unknown): boolean {
  switch (schema[Kind]) {
    case "Object":
    case "Record":
      return _isObject(value);
    case "Array":
      return Array.isArray(value);
    case "String":
      return typeof value === "string";
    case "Literal":
      return typeof value === typeof schema.const;
    case "Number":
    case "Integer":
      return typeof value === "number";
    case "Union":
      return (schema.anyOf as TSchema[]).some((v) => _accepts(v, value));
    default:
      return true;
  }
}

function _mustBe(schema: TSchema, value: unknown, path: string): Problem {
  return { path, message: `must be ${describe(schema)}, got ${quote(value)}` };
}

function _numberWords(schema: TSchema): string {
  const noun = schema[Kind] === "Integer" ? "integer" : "number";
  if (schema.exclusiveMinimum === 0) return `a positive ${noun}`;
  if (schema.minimum !== undefined && schema.maximum !== undefined) {
    return `an ${noun} from ${schema.minimum} to ${schema.maximum}`;
  }
  if (schema.minimum !== undefined) {
    return `a${noun === "integer" ? "n" : ""} ${noun} of at least ${schema.minimum}`;
  }
  return `a${noun === "integer" ? "n" : ""} ${noun}`;
}

function _number(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function _isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `commands[0]` + `stdout` is `commands[0].stdout`; a key that is not a name is quoted. */
function _join(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}
