/**
 * The schema of a check: a read-only assertion on the state a step produced, with points, a
 * learner-facing hint, and the probes that read the state. Probes form an open union: `shell`,
 * `custom`, the `docker.*` kinds and the host kinds (`file`, `user`, …) are known and checked
 * field by field; a target may add a kind of its own outside `docker.*`, whose fields its probe
 * runner checks.
 * @module
 */
import { Type } from "@sinclair/typebox";
import type { CheckContext, ProbeResult } from "../types.ts";
import { CLOSED, Kind, Millis, NonEmpty, OtherKind } from "./_kit.ts";
import { ExitExpectationSchema, ExpectationSchema } from "./expectation.ts";
import { HOST_PROBE_SCHEMAS } from "./host_probes.ts";
import { DOCKER_PROBE_SCHEMAS } from "./probes.ts";

/** What a check id may hold: it names the check in reports (JUnit, TAP, CSV). */
export const CheckIdSchema = NonEmpty({
  pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$",
  expected: 'letters, digits, ".", "-" and "_", starting with a letter or digit',
});

/** Run a read-only command on the target's shell and match its output. */
export const ShellProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("shell"),
  /** The command; `{{name}}` is replaced by an earlier capture. It must not change anything. */
  run: NonEmpty(),
  /** The expected stdout; not compared when absent. */
  stdout: Type.Optional(ExpectationSchema),
  /** The expected exit code; 0 when absent. */
  exitCode: Type.Optional(ExitExpectationSchema),
}, CLOSED);

/**
 * How a check finds a value read-only, without a run: a shell command whose stdout expectation
 * binds named captures (`{{workdir:/\/tmp\/demo\.\w+/}}`). It runs only when a capture
 * it binds is not bound yet (a run's commands bound it, or an earlier check did).
 */
export const FindSchema = Type.Object({
  /** The probe kind: a command on the target's shell. */
  kind: Kind("shell"),
  /** The command; it must not change anything. `{{name}}` is replaced by an earlier capture. */
  run: NonEmpty(),
  /** The expected stdout, whose named captures are bound for the check and later checks. */
  stdout: ExpectationSchema,
  /** The expected exit code; 0 when absent. */
  exitCode: Type.Optional(ExitExpectationSchema),
}, CLOSED);

/** The function of a custom probe. */
export type CustomProbeFn = (ctx: CheckContext) => Promise<ProbeResult> | ProbeResult;

/** A custom function that receives a narrow context (not part of the published JSON Schema). */
export const CustomProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("custom"),
  /** Reads the state through the context and says whether it is as the check requires. */
  fn: Type.Unsafe<CustomProbeFn>(Type.Function([], Type.Unknown())),
}, CLOSED);

const KNOWN_PROBE_KINDS = [
  "shell",
  "custom",
  ...DOCKER_PROBE_SCHEMAS.map((schema) => schema.properties.kind.const),
  ...HOST_PROBE_SCHEMAS.map((schema) => schema.properties.kind.const),
];

/** A probe of a kind a target adds: its fields are the target's to check. */
export const OtherProbeSchema = Type.Unsafe<{ kind: string; [key: string]: unknown }>(
  Type.Object({
    kind: OtherKind(
      KNOWN_PROBE_KINDS,
      "docker.",
      `a probe kind: ${KNOWN_PROBE_KINDS.map((k) => JSON.stringify(k)).join(", ")}, ` +
        'or a target\'s own kind outside "docker.*"',
    ),
  }, { additionalProperties: true }),
);

/** A read-only probe of the target's state. */
export const ProbeSchema = Type.Union([
  ShellProbeSchema,
  CustomProbeSchema,
  ...DOCKER_PROBE_SCHEMAS,
  ...HOST_PROBE_SCHEMAS,
  OtherProbeSchema,
]);

/** For state that takes time to settle: try again every `everyMs` until `withinMs`. */
export const RetrySchema = Type.Object({
  /** How long after the first attempt the check may still pass. */
  withinMs: Millis(),
  /** How long to wait between attempts; 1000 when absent. */
  everyMs: Type.Optional(Millis()),
}, CLOSED);

/** A read-only assertion on the state a step should have produced. */
export const CheckSchema = Type.Object({
  /** Unique within the lesson. */
  id: CheckIdSchema,
  /** What is checked, as a learner reads it. */
  title: NonEmpty(),
  /** Points for a pass; 1 when absent. */
  points: Type.Optional(Type.Number({ minimum: 0, expected: "a number of at least 0" })),
  /** A learner-facing hint shown when the check fails. */
  hint: NonEmpty(),
  /**
   * How the state is read. A list of probes gives partial credit: the check passes when every
   * probe passes, and otherwise earns each passing probe's equal share of the points.
   */
  probe: Type.Union([ProbeSchema, Type.Array(ProbeSchema, { minItems: 1 })], {
    expected: 'an object with a "kind", or a non-empty list of them',
  }),
  /**
   * How to find the captures the probes use when no run bound them (`check`, `grade`): one or
   * more shell commands whose stdout binds them, run first and only for captures not bound yet.
   * When one finds nothing the check fails (zero points, with its hint).
   */
  find: Type.Optional(
    Type.Union([FindSchema, Type.Array(FindSchema, { minItems: 1 })], {
      expected: 'a shell probe with "run" and "stdout", or a non-empty list of them',
    }),
  ),
  /** Id of a check that must pass in the same run for this (negative) check to count. */
  control: Type.Optional(CheckIdSchema),
  /**
   * For state that takes time to settle (a service still starting): a check that does not pass
   * is tried again every `everyMs` (default 1000) until `withinMs` after its first attempt.
   */
  retry: Type.Optional(RetrySchema),
}, CLOSED);
