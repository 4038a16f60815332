/**
 * Which captures the parts of a lesson bind and use, read from the data alone: a command's
 * `{{name}}` references, an expectation's `{{name:type}}` captures, a probe's fields, and the
 * read-only path of a check (its `find` entries, then its probes). The validator uses it to
 * refuse a check that only a run could feed, and step selection to name the steps a
 * selection leaves out whose captures it needs.
 * @module
 */
import { normalize } from "../expect/normalize.ts";
import { parseLines, type Scope, scopeOf } from "../expect/parse_pattern.ts";
import type { Check, Expectation, Probe, Step } from "./types.ts";

/** The captures a part binds and the ones it uses that were not bound before it. */
export interface CaptureNames {
  /** Names bound here for the first time, in order. */
  binds: string[];
  /** Names used here that nothing known before bound, in order. */
  refs: string[];
}

/** A capture a part uses, and the field that uses it (`probe.run`, `find[0].stdout`). */
export interface CaptureUse {
  /** The capture's name. */
  name: string;
  /** The field of the check or step that uses it. */
  field: string;
}

const REFERENCE = /\\\{\{|\{\{([a-z_][a-z0-9_]*)\}\}/g;

/**
 * The `{{name}}` references in command text, as `substitute()` replaces them: `\{{` is a
 * literal `{{`, and other `{{...}}` (Go templates) are not references.
 */
export function textReferences(text: string): string[] {
  const names: string[] = [];
  for (const [, name] of text.matchAll(REFERENCE)) {
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * The captures an expectation binds and the ones it refers to that are not in `known`.
 * The expectation must parse (the validator checks that first); a JSON expectation's keys and
 * strings are patterns, read in order.
 */
export function expectationNames(
  expectation: Expectation,
  known: Iterable<string> = [],
): CaptureNames {
  const scope = scopeOf(known, true);
  const names: CaptureNames = { binds: [], refs: [] };
  if (typeof expectation === "string") _lines(expectation, scope, names);
  else if (expectation.kind === "lines" || expectation.kind === "unordered") {
    _lines(expectation.text, scope, names);
  } else if (expectation.kind === "json") _json(expectation.value, scope, names);
  return names;
}

/**
 * The captures a probe binds for what comes after it (a `shell` probe's `stdout` captures) and
 * the ones it uses that are not in `known`: `{{name}}` in any string field (lists and maps
 * too) and references in its `stdout` (or a `docker.http` probe's `json`). A `custom` probe's
 * function is not data: it binds and uses nothing that can be seen.
 */
export function probeNames(probe: Probe, known: Iterable<string> = []): CaptureNames {
  const names: CaptureNames = { binds: [], refs: [] };
  if (probe.kind === "custom") return names;
  const bound = new Set(known);
  const fields = probe as Record<string, unknown>;
  for (const [field, value] of Object.entries(fields)) {
    if (field === "kind" || field === "stdout" || field === "json") continue;
    for (const name of _strings(value).flatMap(textReferences)) {
      if (!bound.has(name) && !names.refs.includes(name)) names.refs.push(name);
    }
  }
  const matched: CaptureNames = { binds: [], refs: [] };
  if (fields.stdout !== undefined) {
    _add(matched, expectationNames(fields.stdout as Expectation, bound), bound);
  }
  if (probe.kind === "docker.http" && fields.json !== undefined) {
    _json(fields.json, scopeOf(bound, true), matched);
  }
  // Only a shell probe's captures outlive its match; another kind's stay within its output.
  _add(names, { refs: matched.refs, binds: probe.kind === "shell" ? matched.binds : [] }, bound);
  return names;
}

/** One `find` entry of a check: a read-only shell command whose stdout binds captures. */
export type Find = Exclude<NonNullable<Check["find"]>, unknown[]>;

/** A check's `find` entries as a list (none when absent). */
export function findsOf(check: Check): Find[] {
  const find = check.find;
  if (find === undefined) return [];
  return Array.isArray(find) ? find : [find];
}

/** A check's probes as a list. */
export function probesOf(check: Check): Probe[] {
  return Array.isArray(check.probe) ? check.probe : [check.probe];
}

/**
 * Walks a check as a read-only run does (its `find` entries, then its probes, in order) with
 * the captures in `known`, which earlier checks bound read-only. Returns the first capture
 * used that nothing on that path binds, or undefined; adds the captures the check binds to
 * `known`. A `find` entry runs only for captures not bound yet, so what it binds counts as
 * bound for everything after it.
 */
export function unboundInCheck(check: Check, known: Set<string>): CaptureUse | undefined {
  const finds = findsOf(check);
  const probes = probesOf(check);
  const label = (field: "find" | "probe", i: number) =>
    Array.isArray(check[field]) ? `${field}[${i}]` : field;
  const parts: [Probe, string][] = [
    ...finds.map((p, i): [Probe, string] => [p, label("find", i)]),
    ...probes.map((p, i): [Probe, string] => [p, label("probe", i)]),
  ];
  for (const [probe, field] of parts) {
    const names = probeNames(probe, known);
    if (names.refs.length > 0) {
      return { name: names.refs[0], field: `${field}.${_fieldOf(probe, names.refs[0])}` };
    }
    for (const name of names.binds) known.add(name);
  }
  return undefined;
}

/** The captures a step's commands and checks use that the step does not bind itself. */
export function stepNames(step: Step): CaptureNames {
  const bound = new Set<string>();
  const names: CaptureNames = { binds: [], refs: [] };
  const use = (name: string) => {
    if (!bound.has(name) && !names.refs.includes(name)) names.refs.push(name);
  };
  const bind = (name: string) => {
    bound.add(name);
    if (!names.binds.includes(name)) names.binds.push(name);
  };
  for (const command of step.commands) {
    textReferences(command.run).forEach(use);
    for (const stream of [command.stdout, command.stderr]) {
      if (stream === undefined) continue;
      const more = expectationNames(stream, bound);
      more.refs.forEach(use);
      more.binds.forEach(bind);
    }
  }
  for (const check of step.checks ?? []) {
    for (const probe of [...findsOf(check), ...probesOf(check)]) {
      const more = probeNames(probe, bound);
      more.refs.forEach(use);
      more.binds.forEach(bind);
    }
  }
  return names;
}

function _lines(text: string, scope: Scope, names: CaptureNames): void {
  const parsed = parseLines(normalize(text), scope);
  _add(names, parsed, new Set());
}

function _json(value: unknown, scope: Scope, names: CaptureNames): void {
  if (typeof value === "string") {
    if (value.includes("{{")) _add(names, parseLines(value, scope), new Set());
  } else if (Array.isArray(value)) {
    for (const item of value) _json(item, scope, names);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      _json(key, scope, names);
      _json(item, scope, names);
    }
  }
}

/** Adds `more` to `names`, leaving out names in `bound` and names already listed. */
function _add(names: CaptureNames, more: CaptureNames, bound: Set<string>): void {
  for (const name of more.refs) {
    if (!bound.has(name) && !names.binds.includes(name) && !names.refs.includes(name)) {
      names.refs.push(name);
    }
  }
  for (const name of more.binds) {
    if (!bound.has(name) && !names.binds.includes(name)) names.binds.push(name);
  }
}

/** Every string in a value (lists and maps walked), in order. */
function _strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(_strings);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(_strings);
  return [];
}

/** The first field of a probe that mentions `{{name}}`, for a message. */
function _fieldOf(probe: Probe, name: string): string {
  const fields = probe as Record<string, unknown>;
  for (const [field, value] of Object.entries(fields)) {
    if (field === "kind") continue;
    const text = JSON.stringify(value) ?? "";
    if (text.includes(`{{${name}}}`) || text.includes(`{{${name}:`)) return field;
  }
  return "kind";
}
