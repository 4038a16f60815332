/**
 * Capture references in an expectation, seen from the doc: a `{{name}}` whose value the doc
 * has not shown yet binds the doc's own value where it first appears.
 * @module
 */
import type { Expectation } from "../lesson/types.ts";

// `\{{` is a literal; `{{name}}` a reference; `{{name:` or `{{name}}` a mention.
const REFERENCE = /\\\{\{|\{\{([a-z_][a-z0-9_]*)\}\}/g;
const MENTION = /\\\{\{|\{\{([a-z_][a-z0-9_]*)(?=[:}])/g;

/**
 * Turns each reference to a name the doc has not bound (`{{redis_ip}}`) into a capture of the
 * type the run bound it with (`{{redis_ip:ipv4}}`), so that the doc's blocks agree with each
 * other rather than with one run's volatile values. Names of unknown type are left alone.
 */
export function bindUnbound(
  expectation: Expectation,
  bound: Readonly<Record<string, unknown>>,
  types: Readonly<Record<string, string>>,
): Expectation {
  const rewrite = (text: string) =>
    text.replace(REFERENCE, (whole, name: string | undefined) => {
      if (name === undefined || Object.hasOwn(bound, name) || !Object.hasOwn(types, name)) {
        return whole;
      }
      return `{{${name}:${types[name]}}}`;
    });
  if (typeof expectation === "string") return rewrite(expectation);
  switch (expectation.kind) {
    case "lines":
    case "unordered":
      return { ...expectation, text: rewrite(expectation.text) };
    case "json":
      return { ...expectation, value: mapStrings(expectation.value, rewrite) };
    default:
      return expectation;
  }
}

/** The capture names an expectation binds or references. */
export function mentionedNames(expectation: Expectation): Set<string> {
  const names = new Set<string>();
  const scan = (text: string) => {
    for (const found of text.matchAll(MENTION)) if (found[1] !== undefined) names.add(found[1]);
  };
  if (typeof expectation === "string") scan(expectation);
  else if (expectation.kind === "lines" || expectation.kind === "unordered") {
    scan(expectation.text);
  } else if (expectation.kind === "json") mapStrings(expectation.value, (s) => (scan(s), s));
  return names;
}

function mapStrings(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [fn(key), mapStrings(v, fn)]),
    );
  }
  return value;
}
