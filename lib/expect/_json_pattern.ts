/**
 * JSON expectations compiled once: strings and keys with placeholders become line patterns.
 * @module
 */

import { parseLines, type PatternLine, type Scope } from "./parse_pattern.ts";

/** A compiled JSON expectation node. */
export type JsonNode =
  | { kind: "string"; text: string; lines?: PatternLine[]; volatile: boolean }
  | { kind: "scalar"; value: number | boolean | null }
  | { kind: "array"; raw: unknown[]; items: JsonNode[]; rest: boolean }
  | { kind: "object"; fixed: JsonEntry[]; patterned: JsonEntry[] };

/** An object member; `pattern` is set when the key has placeholders. */
export interface JsonEntry {
  /** The key as written (a pattern when `pattern` is set). */
  key: string;
  /** The key's line pattern. */
  pattern?: PatternLine;
  /** The expected value. */
  node: JsonNode;
}

/**
 * Compiles an expected JSON value, extending `scope` with the captures it binds. Literal keys
 * are compiled (and later matched) before the keys with placeholders of the same object.
 */
export function compileJson(value: unknown, scope: Scope, path = "$"): JsonNode {
  if (typeof value === "string") return compileString(value, scope, path);
  if (value === null || typeof value === "boolean") return { kind: "scalar", value };
  if (typeof value === "number" && Number.isFinite(value)) return { kind: "scalar", value };
  if (Array.isArray(value)) {
    const rest = value.length > 0 && value[value.length - 1] === "...";
    const own = rest ? value.slice(0, -1) : value;
    const items = own.map((item, i) => compileJson(item, scope, `${path}[${i}]`));
    return { kind: "array", raw: own, items, rest };
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const fixed: JsonEntry[] = [];
    const later: [string, unknown][] = [];
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (!key.includes("{{")) {
        fixed.push({ key, node: compileJson(item, scope, childPath(path, key)) });
      } else later.push([key, item]);
    }
    const patterned: JsonEntry[] = [];
    for (const [key, item] of later) {
      const line = compileText(key, scope, path)[0];
      const node = compileJson(item, scope, childPath(path, key));
      if (line.literal !== undefined) fixed.push({ key: line.literal, node });
      else patterned.push({ key, pattern: line, node });
    }
    return { kind: "object", fixed, patterned };
  }
  throw new TypeError(
    `Cannot compile JSON expectation at ${path}: unsupported value ${show(value)}`,
  );
}

function compileString(text: string, scope: Scope, path: string): JsonNode {
  if (!text.includes("{{") && !text.split("\n").some((line) => line.trim() === "...")) {
    return { kind: "string", text, volatile: false };
  }
  const lines = compileText(text, scope, path);
  const volatile = lines.some((line) => line.literal === undefined);
  return { kind: "string", text, lines, volatile };
}

function compileText(text: string, scope: Scope, path: string): PatternLine[] {
  try {
    return parseLines(text, scope).lines;
  } catch (error) {
    const cause = error instanceof SyntaxError ? error.cause : undefined;
    if (!(cause instanceof Error)) throw error;
    throw new SyntaxError(`Cannot parse pattern at ${path} "${text}": ${cause.message}`, {
      cause,
    });
  }
}

/** The JSON path of a member. */
export function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** A short description of a value for messages. */
export function show(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value !== null && typeof value === "object") return "an object";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** The expectation as plain JSON, members in matching order (for diffs). */
export function viewOf(node: JsonNode): unknown {
  switch (node.kind) {
    case "string":
      return node.text;
    case "scalar":
      return node.value;
    case "array":
      return node.rest ? [...node.items.map(viewOf), "..."] : node.items.map(viewOf);
    case "object":
      return Object.fromEntries(
        [...node.fixed, ...node.patterned].map((e) => [e.key, viewOf(e.node)]),
      );
  }
}
