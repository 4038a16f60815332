/**
 * JSON subset matching: expected members must be present and match, strings are line
 * patterns, arrays ending in "..." match in any order.
 * @module
 */

import { diffArrays } from "diff";
import type { Hunk, MatchResult } from "./types.ts";
import { splitLines } from "./normalize.ts";
import { type CaptureMap, originAt, shapeMatches, testLine } from "./_line.ts";
import { searchOrdered } from "./_search.ts";
import { assignDistinct } from "./_assign.ts";
import { childPath, type JsonEntry, type JsonNode, show, viewOf } from "./_json_pattern.ts";

/** Matching one node: the first error, the captures, and two views of the actual value. */
interface Walk {
  /** The first mismatch under this node, with its path. */
  error?: string;
  captures: CaptureMap;
  /** The actual value in the expectation's shape, for the diff. */
  proj: unknown;
  /** The actual value with matched volatile strings replaced by their patterns. */
  res: unknown;
  /** Whether `res` differs from the actual value. */
  changed: boolean;
}

/** Matches normalised output text against a compiled JSON expectation. */
export function matchJson(
  node: JsonNode,
  text: string,
  start: CaptureMap,
  origin: string | undefined,
): MatchResult {
  const indent = detectIndent(text);
  const expectedView = JSON.stringify(viewOf(node), null, indent ?? 4).split("\n");
  let actual: unknown;
  try {
    actual = JSON.parse(text);
  } catch (error) {
    const message = `Cannot parse output as JSON: ${(error as Error).message}`;
    return {
      ok: false,
      resolved: text,
      captures: { ...start },
      hunks: [{
        expectedStart: 1,
        expected: expectedView,
        actualStart: 1,
        actual: splitLines(text),
      }],
      mismatch: { expectedLine: 0, actualLine: 0, message },
    };
  }
  const w = walk(node, actual, "$", start, origin);
  const resolved = w.changed ? JSON.stringify(w.res, null, indent) : text;
  if (w.error === undefined) return { ok: true, resolved, captures: { ...w.captures }, hunks: [] };
  const projView = JSON.stringify(w.proj, null, indent ?? 4).split("\n");
  return {
    ok: false,
    resolved,
    captures: { ...w.captures },
    hunks: hunksBetween(expectedView, projView),
    mismatch: { expectedLine: 0, actualLine: 0, message: w.error },
  };
}

/** The indentation of pretty-printed JSON text, or undefined when it is on one line. */
export function detectIndent(text: string): string | undefined {
  return /\n([ \t]+)\S/.exec(text)?.[1];
}

function walk(
  node: JsonNode,
  actual: unknown,
  path: string,
  captures: CaptureMap,
  origin: string | undefined,
): Walk {
  const fail = (message: string): Walk => ({
    error: `${path}: ${message}`,
    captures,
    proj: actual,
    res: actual,
    changed: false,
  });
  switch (node.kind) {
    case "scalar":
      return actual === node.value
        ? { captures, proj: actual, res: actual, changed: false }
        : fail(`expected ${JSON.stringify(node.value)}, got ${show(actual)}`);
    case "string":
      return walkString(node, actual, path, captures, origin, fail);
    case "array":
      if (!Array.isArray(actual)) return fail(`expected an array, got ${show(actual)}`);
      return node.rest
        ? walkSubset(node, actual, path, captures, origin)
        : walkArray(node, actual, path, captures, origin);
    case "object":
      if (actual === null || typeof actual !== "object" || Array.isArray(actual)) {
        return fail(`expected an object, got ${show(actual)}`);
      }
      return walkObject(node, actual as Record<string, unknown>, path, captures, origin);
  }
}

function walkString(
  node: Extract<JsonNode, { kind: "string" }>,
  actual: unknown,
  path: string,
  captures: CaptureMap,
  origin: string | undefined,
  fail: (message: string) => Walk,
): Walk {
  const differs = () => fail(`expected ${JSON.stringify(node.text)}, got ${show(actual)}`);
  if (typeof actual !== "string") return differs();
  if (node.lines === undefined) {
    return actual === node.text
      ? { captures, proj: actual, res: actual, changed: false }
      : differs();
  }
  const lines = node.lines;
  let after = captures;
  if (lines.length === 1 && !lines[0].ellipsis) {
    if (!shapeMatches(lines[0], actual)) return differs();
    const r = testLine(lines[0], actual, captures, () => originAt(origin, path));
    if (!r.ok) return fail(r.message);
    after = r.captures;
  } else {
    const found = searchOrdered(lines, splitLines(actual), captures, origin);
    if (found === undefined) return differs();
    after = found.captures;
  }
  const res = node.volatile ? node.text : actual;
  return { captures: after, proj: node.text, res, changed: node.volatile };
}

function walkArray(
  node: Extract<JsonNode, { kind: "array" }>,
  actual: unknown[],
  path: string,
  captures: CaptureMap,
  origin: string | undefined,
): Walk {
  const n = node.items.length;
  let error = n === actual.length
    ? undefined
    : `${path}: expected ${plural(n)}, got ${actual.length}`;
  const proj: unknown[] = [];
  const res = actual.slice();
  let changed = false;
  for (let i = 0; i < actual.length; i++) {
    if (i >= n) {
      proj.push(actual[i]);
      continue;
    }
    const w = walk(node.items[i], actual[i], `${path}[${i}]`, captures, origin);
    error ??= w.error;
    captures = w.captures;
    proj.push(w.proj);
    res[i] = w.res;
    changed ||= w.changed;
  }
  return { error, captures, proj, res, changed };
}

function walkSubset(
  node: Extract<JsonNode, { kind: "array" }>,
  actual: unknown[],
  path: string,
  captures: CaptureMap,
  origin: string | undefined,
): Walk {
  const all = actual.map((_, i) => i);
  const found = assignDistinct<Walk>(
    node.items.length,
    () => all,
    (t, c, caps) => {
      const w = walk(node.items[t], actual[c], `${path}[${c}]`, caps, origin);
      return w.error === undefined ? { captures: w.captures, result: w } : undefined;
    },
    captures,
  );
  let error: string | undefined;
  const proj: unknown[] = [];
  const res = actual.slice();
  let changed = false;
  found.chosen.forEach((c, t) => {
    const w = found.results[t];
    if (w === undefined) {
      error ??= `${path}: no element matches ${JSON.stringify(node.raw[t])}`;
      return;
    }
    proj.push(w.proj);
    res[c] = w.res;
    changed ||= w.changed;
  });
  proj.push("...");
  return { error, captures: found.captures, proj, res, changed };
}

function walkObject(
  node: Extract<JsonNode, { kind: "object" }>,
  actual: Record<string, unknown>,
  path: string,
  captures: CaptureMap,
  origin: string | undefined,
): Walk {
  let error: string | undefined;
  let changed = false;
  const proj: Record<string, unknown> = {};
  const values = new Map<string, unknown>();
  const renames = new Map<string, string>();
  for (const entry of node.fixed) {
    if (!Object.hasOwn(actual, entry.key)) {
      error ??= `${path}: missing key ${JSON.stringify(entry.key)}`;
      continue;
    }
    const w = walk(entry.node, actual[entry.key], childPath(path, entry.key), captures, origin);
    error ??= w.error;
    captures = w.captures;
    proj[entry.key] = w.proj;
    values.set(entry.key, w.res);
    changed ||= w.changed;
  }

  const taken = new Set(node.fixed.map((e) => e.key));
  const keys = Object.keys(actual).filter((k) => !taken.has(k));
  const candidates = node.patterned.map((e) =>
    keys.flatMap((k, c) => shapeMatches(e.pattern!, k) ? [c] : [])
  );
  const tryKey = (entry: JsonEntry, key: string, caps: CaptureMap): Walk => {
    const at = childPath(path, key);
    const r = testLine(entry.pattern!, key, caps, () => originAt(origin, at));
    if (!r.ok) {
      const value = actual[key];
      return { error: `${at}: ${r.message}`, captures: caps, proj: value, res: value, changed };
    }
    return walk(entry.node, actual[key], at, r.captures, origin);
  };
  const found = assignDistinct<Walk>(
    node.patterned.length,
    (t) => candidates[t],
    (t, c, caps) => {
      const w = tryKey(node.patterned[t], keys[c], caps);
      return w.error === undefined ? { captures: w.captures, result: w } : undefined;
    },
    captures,
  );
  captures = found.captures;
  const used = new Set(found.chosen);
  node.patterned.forEach((entry, t) => {
    let w = found.results[t];
    let key = keys[found.chosen[t]];
    if (w === undefined) {
      const left = candidates[t].filter((c) => !used.has(c));
      if (left.length !== 1) {
        error ??= left.length === 0
          ? `${path}: no key matches ${JSON.stringify(entry.key)}`
          : `${path}: no key matching ${JSON.stringify(entry.key)} has a matching value`;
        return;
      }
      key = keys[left[0]];
      w = tryKey(entry, key, captures);
      error ??= w.error;
    } else {
      renames.set(key, entry.key);
      changed = true;
    }
    proj[entry.key] = w.proj;
    values.set(key, w.res);
    changed ||= w.changed;
  });

  const res: Record<string, unknown> = {};
  for (const key of Object.keys(actual)) {
    res[renames.get(key) ?? key] = values.has(key) ? values.get(key) : actual[key];
  }
  return { error, captures, proj, res, changed };
}

function plural(n: number): string {
  return n === 1 ? "1 element" : `${n} elements`;
}

/** Hunks of a line diff between two views (the `diff` package). */
function hunksBetween(expected: string[], actual: string[]): Hunk[] {
  const hunks: Hunk[] = [];
  let e = 0;
  let a = 0;
  let hunk: Hunk | undefined;
  for (const change of diffArrays(expected, actual)) {
    if (!change.added && !change.removed) {
      e += change.count;
      a += change.count;
      hunk = undefined;
      continue;
    }
    hunk ??=
      hunks[hunks.push({ expectedStart: e + 1, expected: [], actualStart: a + 1, actual: [] }) - 1];
    if (change.removed) {
      hunk.expected.push(...change.value);
      e += change.count;
    } else {
      hunk.actual.push(...change.value);
      a += change.count;
    }
  }
  return hunks;
}
