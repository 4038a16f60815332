/**
 * Validation of lesson modules: every problem is found before anything runs and named by file
 * and field.
 * @module
 */
import { parseExpectation, parsePattern } from "../expect/mod.ts";
import type { Check, Command, Expectation, LessonIndex, Step } from "./types.ts";

/** A malformed lesson or step module. The message names the file and the field. */
export class LessonError extends TypeError {
  /** Creates the error. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "LessonError";
  }
}

type Fail = (field: string, problem: string) => never;

function _failer(what: string, file: string): Fail {
  return (field, problem) => {
    const subject = field ? `"${field}"${problem.startsWith(":") ? "" : " "}` : "";
    throw new LessonError(`Cannot load ${what} "${file}": ${subject}${problem}`);
  };
}

function _isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function _string(value: unknown, field: string, fail: Fail, optional = false): void {
  if (value === undefined && optional) return;
  if (value === undefined) fail(field, "is missing");
  if (typeof value !== "string" || value.length === 0) fail(field, "must be a non-empty string");
}

/** Checks a lesson index (the default export of lesson.ts). */
export function validateIndex(value: unknown, file: string): LessonIndex {
  const fail = _failer("lesson", file);
  if (!_isObject(value)) fail("", "has no default export object");
  const index = value as Record<string, unknown>;
  _string(index.title, "title", fail);
  if (!Array.isArray(index.steps) || index.steps.length === 0) {
    fail("steps", "must be a non-empty array of step module paths");
  }
  for (const [i, path] of (index.steps as unknown[]).entries()) {
    _string(path, `steps[${i}]`, fail);
  }
  const target = index.target;
  if (target !== undefined && target !== "local" && target !== "docker") {
    fail("target", `must be "local" or "docker", got ${JSON.stringify(target)}`);
  }
  return value as unknown as LessonIndex;
}

/**
 * Checks a step module's default export. `known` holds the captures bound by earlier steps; the
 * captures this step binds are added to it, so references are checked in lesson order.
 */
export function validateStep(value: unknown, file: string, known: Set<string> = new Set()): Step {
  const fail = _failer("step", file);
  if (!_isObject(value)) fail("", "has no default export object");
  const step = value as Record<string, unknown>;
  if (step.id === undefined) fail("", 'default export has no "id" field');
  _string(step.id, "id", fail);
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(step.id as string)) {
    fail("id", `must be lower-case letters, digits, "-" and "_", got ${JSON.stringify(step.id)}`);
  }
  _string(step.title, "title", fail);
  if (step.commands === undefined) fail("", 'default export has no "commands" field');
  if (!Array.isArray(step.commands)) fail("commands", "must be an array");
  for (const [i, command] of (step.commands as unknown[]).entries()) {
    _validateCommand(command, `commands[${i}]`, fail, known);
  }
  if (step.checks !== undefined) {
    if (!Array.isArray(step.checks)) fail("checks", "must be an array");
    for (const [i, check] of (step.checks as unknown[]).entries()) {
      _validateCheck(check, `checks[${i}]`, fail, known);
    }
  }
  return value as unknown as Step;
}

function _validateCommand(value: unknown, field: string, fail: Fail, known: Set<string>): void {
  if (!_isObject(value)) fail(field, "must be an object");
  const command = value as Record<string, unknown> & Partial<Command>;
  _string(command.run, `${field}.run`, fail);
  _references(command.run as string, `${field}.run`, fail, known);
  for (const stream of ["stdout", "stderr"] as const) {
    if (command[stream] !== undefined) {
      _validateExpectation(command[stream], `${field}.${stream}`, fail, known);
    }
  }
  const exit = command.exitCode;
  if (
    exit !== undefined && exit !== "any" && exit !== "nonzero" &&
    !(Number.isInteger(exit) && (exit as number) >= 0 && (exit as number) <= 255)
  ) {
    fail(`${field}.exitCode`, `must be 0-255, "nonzero" or "any", got ${JSON.stringify(exit)}`);
  }
  if (command.timeoutMs !== undefined) _positive(command.timeoutMs, `${field}.timeoutMs`, fail);
  if (command.where !== undefined) {
    if (!_isObject(command.where) || typeof command.where.kind !== "string") {
      fail(`${field}.where`, 'must be an object with a "kind"');
    }
  }
  const stop = command.stop as Record<string, unknown> | undefined;
  if (stop !== undefined) {
    if (!_isObject(stop)) fail(`${field}.stop`, "must be an object");
    if (stop.kind === "pattern") {
      _string(stop.pattern, `${field}.stop.pattern`, fail);
      _pattern(stop.pattern as string, `${field}.stop.pattern`, fail);
    } else if (stop.kind === "lines") _positive(stop.count, `${field}.stop.count`, fail);
    else if (stop.kind === "time") _positive(stop.ms, `${field}.stop.ms`, fail);
    else fail(`${field}.stop.kind`, `must be "pattern", "lines" or "time"`);
  }
}

function _validateCheck(value: unknown, field: string, fail: Fail, known: Set<string>): void {
  if (!_isObject(value)) fail(field, "must be an object");
  const check = value as Record<string, unknown> & Partial<Check>;
  _string(check.id, `${field}.id`, fail);
  _string(check.title, `${field}.title`, fail);
  _string(check.hint, `${field}.hint`, fail);
  if (check.points !== undefined) {
    if (typeof check.points !== "number" || !(check.points >= 0)) {
      fail(`${field}.points`, "must be a number of at least 0");
    }
  }
  const probes = Array.isArray(check.probe) ? check.probe : [check.probe];
  if (Array.isArray(check.probe) && probes.length === 0) {
    fail(`${field}.probe`, "must not be an empty list");
  }
  for (const [i, value] of probes.entries()) {
    const where = Array.isArray(check.probe) ? `${field}.probe[${i}]` : `${field}.probe`;
    _validateProbe(value, where, fail, known);
  }
  if (check.retry !== undefined) {
    if (!_isObject(check.retry)) fail(`${field}.retry`, "must be an object");
    _positive(check.retry.withinMs, `${field}.retry.withinMs`, fail);
    if (check.retry.everyMs !== undefined) {
      _positive(check.retry.everyMs, `${field}.retry.everyMs`, fail);
    }
  }
}

function _validateProbe(value: unknown, field: string, fail: Fail, known: Set<string>): void {
  if (!_isObject(value) || typeof value.kind !== "string") {
    fail(field, 'must be an object with a "kind"');
  }
  const probe = value as Record<string, unknown>;
  if (probe.kind === "shell") {
    _string(probe.run, `${field}.run`, fail);
    _references(probe.run as string, `${field}.run`, fail, known);
    if (probe.stdout !== undefined) {
      _validateExpectation(probe.stdout, `${field}.stdout`, fail, known);
    }
  }
  if (probe.kind === "custom" && typeof probe.fn !== "function") {
    fail(`${field}.fn`, "must be a function");
  }
}

function _validateExpectation(
  value: unknown,
  field: string,
  fail: Fail,
  known: Set<string>,
): void {
  if (typeof value !== "string" && !_isObject(value)) {
    fail(field, "must be a string or an expectation object");
  }
  try {
    for (const name of parseExpectation(value as Expectation, known)) known.add(name);
  } catch (error) {
    fail(field, `: ${(error as Error).message}`);
  }
}

/** Every `{{name}}` in command text must name a capture bound earlier. */
function _references(text: string, field: string, fail: Fail, known: Set<string>): void {
  for (const [, name] of text.matchAll(/(?<!\\)\{\{([a-z_][a-z0-9_]*)\}\}/g)) {
    if (!known.has(name)) {
      fail(field, `refers to capture "${name}", which no earlier expectation binds`);
    }
  }
}

function _pattern(text: string, field: string, fail: Fail): void {
  try {
    parsePattern(text);
  } catch (error) {
    fail(field, `: ${(error as Error).message}`);
  }
}

function _positive(value: unknown, field: string, fail: Fail): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    fail(field, `must be a positive number, got ${JSON.stringify(value)}`);
  }
}
