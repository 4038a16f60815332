/**
 * Validation of lesson modules: every problem is found before anything runs and named by file
 * and field. The schema of the lesson format (`schema/`) checks every field's shape, and
 * messages quote the bad value; then come the checks a schema cannot express: patterns parse,
 * and captures are bound before they are used. (Unique ids and `control` references across
 * steps are checked by the loader, which sees the whole lesson.)
 * @module
 */
import type { TSchema } from "@sinclair/typebox";
import { parseExpectation, parsePattern } from "../expect/mod.ts";
import { findsOf, unboundInCheck } from "./captures.ts";
import { userRegex } from "../expect/_regex.ts";
import { firstProblem } from "./schema/explain.ts";
import { HOST_PROBE_EXPECTATIONS } from "./schema/host_probes.ts";
import { LessonIndexSchema } from "./schema/lesson_index.ts";
import { SelfTestSpecSchema } from "./schema/selftest.ts";
import { StepSchema } from "./schema/step.ts";
import type {
  Check,
  Command,
  Expectation,
  Lesson,
  LessonIndex,
  Probe,
  SelfTestSpec,
  Step,
} from "./types.ts";

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

/** Fields of a step whose absence is worded as the module's, not the field's. */
const _MODULE_FIELDS = new Set(["id", "commands"]);

/** Checks a value against a module's schema, failing with the first problem. */
function _checkShape(schema: TSchema, value: unknown, fail: Fail, moduleFields = new Set()) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail("", "has no default export object");
  }
  const problem = firstProblem(schema, value);
  if (problem === undefined) return;
  if (problem.missing && moduleFields.has(problem.path)) {
    fail("", `default export has no "${problem.path}" field`);
  }
  fail(problem.path, problem.message);
}

/** Checks a lesson index (the default export of lesson.ts). */
export function validateIndex(value: unknown, file: string): LessonIndex {
  _checkShape(LessonIndexSchema, value, _failer("lesson", file));
  return value as LessonIndex;
}

/**
 * Checks a step module's default export. `known` holds the captures bound by earlier steps; the
 * captures this step binds are added to it, so references are checked in lesson order.
 * `readOnly` holds the captures earlier checks bind without a run (their `find` entries and
 * `shell` probes): a check may use only those and its own (see `unboundInCheck`).
 */
export function validateStep(
  value: unknown,
  file: string,
  known: Set<string> = new Set(),
  readOnly: Set<string> = new Set(),
): Step {
  const fail = _failer("step", file);
  _checkShape(StepSchema, value, fail, _MODULE_FIELDS);
  const step = value as Step;
  for (const [i, command] of step.commands.entries()) {
    _command(command, `commands[${i}]`, fail, known);
  }
  for (const [i, check] of (step.checks ?? []).entries()) {
    _check(check, `checks[${i}]`, fail, known);
    const unbound = unboundInCheck(check, readOnly);
    if (unbound !== undefined) {
      const { name, field } = unbound;
      fail(
        `checks[${i}].${field}`,
        known.has(name)
          ? `of check "${check.id}" uses capture "${name}", which only a run binds: give the ` +
            `check a "find" whose stdout binds it from the target's state`
          : `of check "${check.id}" uses capture "${name}", which nothing before it binds`,
      );
    }
  }
  return step;
}

/**
 * Checks a lesson's self-test (the default export of selftest.ts) against the loaded lesson:
 * `finishedAfter` names one of its steps, and every broken state's `fails` names its checks.
 */
export function validateSelfTest(value: unknown, file: string, lesson: Lesson): SelfTestSpec {
  const fail = _failer("self-test", file);
  _checkShape(SelfTestSpecSchema, value, fail);
  const spec = value as SelfTestSpec;
  if (!lesson.steps.some((step) => step.id === spec.finishedAfter)) {
    fail("finishedAfter", `names no step of lesson "${lesson.id}", got "${spec.finishedAfter}"`);
  }
  const checks = new Set(lesson.steps.flatMap((step) => (step.checks ?? []).map((c) => c.id)));
  const ids = new Set<string>();
  for (const [i, state] of spec.broken.entries()) {
    if (ids.has(state.id)) fail(`broken[${i}].id`, `"${state.id}" is already used`);
    ids.add(state.id);
    for (const [j, id] of state.fails.entries()) {
      if (!checks.has(id)) {
        fail(`broken[${i}].fails[${j}]`, `names no check of the lesson, got "${id}"`);
      }
    }
  }
  return spec;
}

function _command(command: Command, field: string, fail: Fail, known: Set<string>): void {
  _references(command.run, `${field}.run`, fail, known);
  for (const stream of ["stdout", "stderr"] as const) {
    const expectation = command[stream];
    if (expectation !== undefined) {
      _expectation(expectation, `${field}.${stream}`, fail, known);
    }
  }
  if (command.stop?.kind === "pattern") {
    try {
      parsePattern(command.stop.pattern);
    } catch (error) {
      fail(`${field}.stop.pattern`, `: ${(error as Error).message}`);
    }
  }
}

function _check(check: Check, field: string, fail: Fail, known: Set<string>): void {
  for (const [i, find] of findsOf(check).entries()) {
    const where = Array.isArray(check.find) ? `${field}.find[${i}]` : `${field}.find`;
    _references(find.run, `${where}.run`, fail, known);
    _expectation(find.stdout, `${where}.stdout`, fail, known);
  }
  const many = Array.isArray(check.probe);
  const probes: Probe[] = Array.isArray(check.probe) ? check.probe : [check.probe];
  for (const [i, probe] of probes.entries()) {
    const where = many ? `${field}.probe[${i}]` : `${field}.probe`;
    if (probe.kind === "shell") {
      const shell = probe as Extract<Probe, { kind: "shell" }>;
      _references(shell.run, `${where}.run`, fail, known);
      if (shell.stdout !== undefined) _expectation(shell.stdout, `${where}.stdout`, fail, known);
    } else if (probe.kind === "docker.exec") {
      const exec = probe as Extract<Probe, { kind: "docker.exec" }>;
      if (exec.stdout !== undefined) _expectation(exec.stdout, `${where}.stdout`, fail, known);
    } else _hostProbe(probe as Record<string, unknown>, where, fail, known);
  }
}

/** A host probe's expectations, version pattern and regex must parse. */
function _hostProbe(
  probe: Record<string, unknown>,
  where: string,
  fail: Fail,
  known: Set<string>,
): void {
  if (probe.kind === "command") _references(probe.run as string, `${where}.run`, fail, known);
  for (const name of HOST_PROBE_EXPECTATIONS[probe.kind as string] ?? []) {
    const value = probe[name] as Expectation | undefined;
    if (value !== undefined) _expectation(value, `${where}.${name}`, fail, known);
  }
  if (probe.kind === "package" && typeof probe.version === "string") {
    if (probe.version.includes("\n")) fail(`${where}.version`, "must be one line");
    _expectation(probe.version, `${where}.version`, fail, known);
  }
  if (probe.kind === "process" && probe.name === undefined && probe.match === undefined) {
    fail(where, 'needs "name" or "match": which processes to look for');
  }
  _hostProbeBounds(probe, where, fail);
  if (probe.kind === "process" && typeof probe.match === "string") {
    try {
      userRegex(probe.match);
    } catch (error) {
      fail(`${where}.match`, `: ${(error as Error).message}`);
    }
  }
}

/**
 * What the schema cannot say of a host probe: bounds in order, a path the host can resolve alone,
 * a process name Linux can show.
 */
function _hostProbeBounds(probe: Record<string, unknown>, where: string, fail: Fail): void {
  const inOrder = (min: unknown, max: unknown, field: string) => {
    if (typeof min === "number" && typeof max === "number" && min > max) {
      fail(field, `must not be less than the least, got ${max} below ${min}`);
    }
  };
  if (probe.kind === "file") {
    inOrder(probe.minSize, probe.maxSize, `${where}.maxSize`);
    const path = probe.path as string;
    // A capture may hold the start of the path (a folder a learner's command made).
    if (!path.startsWith("/") && !path.startsWith("{{")) {
      fail(`${where}.path`, `must be absolute (start with /), got ${JSON.stringify(path)}`);
    }
  }
  if (probe.kind === "process") {
    const count = probe.count as { min?: number; max?: number } | number | undefined;
    if (typeof count === "object") inOrder(count.min, count.max, `${where}.count.max`);
    const name = probe.name as string | undefined;
    if (name !== undefined && [...name].length > 15) {
      fail(
        `${where}.name`,
        `must be at most 15 characters, the most of a process name Linux keeps (use "match" for a longer command line), got ${
          JSON.stringify(name)
        }`,
      );
    }
  }
}

/** The expectation must parse; the captures it binds become known. */
function _expectation(
  expectation: Expectation,
  field: string,
  fail: Fail,
  known: Set<string>,
): void {
  try {
    for (const name of parseExpectation(expectation, known)) known.add(name);
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
