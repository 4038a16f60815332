/**
 * The lesson API: a lesson is an ordered list of steps, each step plain typed data. The types of
 * the data a lesson's modules export come from one definition of the lesson format, the schema
 * in `schema/`, which also validates the modules at load and is published as JSON Schema.
 *
 * @example
 * ```ts
 * import type { Step } from "../../../lib/mod.ts";
 *
 * export default {
 *   id: "hello",
 *   title: "Say hello",
 *   commands: [{ run: "echo hello", stdout: "hello" }],
 * } satisfies Step;
 * ```
 * @module
 */
import type { Static } from "@sinclair/typebox";
import type { CheckSchema, ProbeSchema } from "./schema/check.ts";
import type { ExitExpectationSchema, ExpectationSchema } from "./schema/expectation.ts";
import type { ImageBuildSchema, LessonIndexSchema } from "./schema/lesson_index.ts";
import type { BrokenStateSchema, SelfTestSpecSchema } from "./schema/selftest.ts";
import type { CommandSchema, StepSchema, WhereSchema } from "./schema/step.ts";
import type { StopConditionSchema, StopSignalSchema } from "./schema/stop.ts";

/** Where a command runs: the target's shell, a container, or an interactive session. */
export type Where = Static<typeof WhereSchema>;

/**
 * What output is expected. A string is an ordered pattern of lines (see the README's
 * expectation language); the object forms select the other modes: `lines` (the same as a
 * string), `unordered` (lines in any order, for tables; `...` allows extra lines), `json` (the
 * output parsed as JSON must contain `value`) and `any` (not compared, still recorded).
 */
export type Expectation = Static<typeof ExpectationSchema>;

/**
 * How to end a command that does not end by itself, keeping its partial output: once a stdout
 * line matches `pattern`, once stdout has `count` lines, or after `ms` milliseconds.
 */
export type StopCondition = Static<typeof StopConditionSchema>;

/** The signal a stop condition sends: SIGINT is the doc's `^C`. */
export type StopSignal = Static<typeof StopSignalSchema>;

/** Which exit codes count as success for a command. */
export type ExitExpectation = Static<typeof ExitExpectationSchema>;

/** One command as the learner types it, with what it should print. */
export type Command = Static<typeof CommandSchema>;

/**
 * A read-only probe of the target's state: `shell`, `custom`, a Docker probe (see
 * `lib/probes/types.ts`), or a kind a target adds outside `docker.*`.
 */
export type Probe = Static<typeof ProbeSchema>;

/** What a probe saw and whether it satisfied the check. */
export interface ProbeResult {
  /** Whether the state is as the check requires. */
  ok: boolean;
  /** What the probe saw, for the report (never a secret). */
  evidence: string;
  /** Why it failed, when it failed. */
  message?: string;
  /**
   * A failure that waiting cannot change: what the check needs is missing (no such network, no
   * such container). A check with `retry` fails at once instead of trying again.
   */
  final?: boolean;
}

/** The narrow context a custom probe receives. */
export interface CheckContext {
  /** Runs a read-only command on the target's shell. */
  sh(command: string): Promise<{ stdout: string; stderr: string; exitCode: number | null }>;
  /** Captures bound so far in this run. */
  captures: Readonly<Record<string, string>>;
}

/** A read-only assertion on the state a step should have produced. */
export type Check = Static<typeof CheckSchema>;

/** One step of a lesson: commands, their expectations, and checks. */
export type Step = Static<typeof StepSchema>;

/** A lesson's index, the default export of `lessons/<id>/lesson.ts`. */
export type LessonIndex = Static<typeof LessonIndexSchema>;

/** An image a lesson's own commands build (`docker build`), and how to make it offline. */
export type ImageBuild = Static<typeof ImageBuildSchema>;

/** A named broken state for the self-test: how to break the finished lesson, and what must fail. */
export type BrokenState = Static<typeof BrokenStateSchema>;

/** The self-test of a lesson, the default export of `lessons/<id>/selftest.ts`. */
export type SelfTestSpec = Static<typeof SelfTestSpecSchema>;

/** A loaded, validated lesson. */
export interface Lesson {
  /** The folder name under lessons/. */
  id: string;
  /** Absolute path of the lesson folder. */
  dir: string;
  /** The index as written. */
  index: LessonIndex;
  /** Steps in order, with the file each came from. */
  steps: LoadedStep[];
}

/** A step with the file it was loaded from. */
export interface LoadedStep extends Step {
  /** Path of the step module relative to the repository root. */
  file: string;
}
