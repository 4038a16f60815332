/**
 * Up-front validation of an expectation, for the lesson loader.
 * @module
 */

import type { Expectation } from "../lesson/types.ts";
import { normalize } from "./normalize.ts";
import { type Known, parseLines, scopeOf } from "./parse_pattern.ts";
import { checkHeader } from "./_unordered.ts";
import { compileJson } from "./_json_pattern.ts";

/**
 * Validates an expectation and returns the names of the captures it binds, so a loader can
 * check a whole lesson in order. With `known` (captures bound before it), a reference to any
 * other name is an error. Throws a SyntaxError, TypeError or RangeError naming the problem.
 */
export function parseExpectation(expectation: Expectation, known?: Known): string[] {
  const scope = scopeOf(known);
  if (typeof expectation === "string") return parseLines(normalize(expectation), scope).binds;
  switch (expectation.kind) {
    case "lines":
      return parseLines(normalize(expectation.text), scope).binds;
    case "unordered": {
      const parsed = parseLines(normalize(expectation.text), scope);
      checkHeader(parsed.lines, expectation.header ?? 0);
      return parsed.binds;
    }
    case "json": {
      const before = new Set(scope.types.keys());
      compileJson(expectation.value, scope);
      return [...scope.types.keys()].filter((name) => !before.has(name));
    }
    case "any":
      return [];
  }
  const kind = (expectation as { kind?: unknown }).kind;
  throw new TypeError(`Cannot parse expectation: unknown kind ${JSON.stringify(kind)}`);
}
