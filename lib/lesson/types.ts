/**
 * The lesson API: a lesson is an ordered list of steps, each step plain typed data.
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

/** Where a command runs. An open union: targets add their own kinds. */
export type Where =
  /** The target's persistent shell (the default). */
  | { kind: "shell" }
  /** A one-off exec inside a running container, through the Engine API. */
  | { kind: "container"; container: string; user?: string; workdir?: string }
  /** Typed at the prompt of an interactive TTY session opened by an earlier command. */
  | { kind: "session"; session: string };

/**
 * What output is expected. A string is an ordered pattern of lines (see the README's
 * expectation language); the object forms select the other modes.
 */
export type Expectation =
  | string
  /** Ordered lines, the same as a plain string. */
  | { kind: "lines"; text: string }
  /** Lines in any order, for tables; `...` allows extra lines. */
  | { kind: "unordered"; text: string; header?: number }
  /** The output parsed as JSON must contain this value; strings may hold placeholders. */
  | { kind: "json"; value: unknown }
  /** Anything, not compared (the output is still recorded). */
  | { kind: "any" };

/** How to end a command that does not end by itself, keeping its partial output. */
export type StopCondition =
  /** Interrupt once a stdout line matches this pattern (expectation syntax, one line). */
  | { kind: "pattern"; pattern: string; signal?: StopSignal }
  /** Interrupt once stdout has this many complete lines. */
  | { kind: "lines"; count: number; signal?: StopSignal }
  /** Interrupt after this many milliseconds. */
  | { kind: "time"; ms: number; signal?: StopSignal };

/** The signal a stop condition sends: SIGINT is the doc's `^C`. */
export type StopSignal = "SIGINT" | "SIGTERM" | "SIGKILL";

/** Which exit codes count as success for a command. */
export type ExitExpectation = number | "nonzero" | "any";

/** One command as the learner types it, with what it should print. */
export interface Command {
  /** The text exactly as the doc shows it; `{{name}}` is replaced by an earlier capture. */
  run: string;
  /** Where it runs; the target's shell when absent. */
  where?: Where;
  /**
   * Names the interactive session this `docker run -it … sh` command opens; later commands
   * with `where: { kind: "session", session }` are typed at its prompt.
   */
  opens?: string;
  /** Expected stdout; not compared when absent. */
  stdout?: Expectation;
  /** Expected stderr; not compared when absent. */
  stderr?: Expectation;
  /** Expected exit code; 0 when absent. A stopped command's exit code is not compared. */
  exitCode?: ExitExpectation;
  /** Time limit in milliseconds; the run's default when absent. */
  timeoutMs?: number;
  /** How to end a command that never ends by itself (the doc's `^C`). */
  stop?: StopCondition;
  /** Tags such as "network" (needs the internet); tagged commands may be skipped. */
  tags?: string[];
  /** Whether this command is shown in the lesson's doc; true when absent. */
  doc?: boolean;
}

/** A read-only probe of the target's state. An open union: targets add their own kinds. */
export type Probe =
  /** Run a read-only command on the target's shell and match its output. */
  | { kind: "shell"; run: string; stdout?: Expectation; exitCode?: ExitExpectation }
  /** A custom function that receives a narrow context. */
  | { kind: "custom"; fn: (ctx: CheckContext) => Promise<ProbeResult> | ProbeResult }
  | { kind: string; [key: string]: unknown };

/** What a probe saw and whether it satisfied the check. */
export interface ProbeResult {
  /** Whether the state is as the check requires. */
  ok: boolean;
  /** What the probe saw, for the report (never a secret). */
  evidence: string;
  /** Why it failed, when it failed. */
  message?: string;
}

/** The narrow context a custom probe receives. */
export interface CheckContext {
  /** Runs a read-only command on the target's shell. */
  sh(command: string): Promise<{ stdout: string; stderr: string; exitCode: number | null }>;
  /** Captures bound so far in this run. */
  captures: Readonly<Record<string, string>>;
}

/** A read-only assertion on the state a step should have produced. */
export interface Check {
  /** Unique within the lesson. */
  id: string;
  /** What is checked, as a learner reads it. */
  title: string;
  /** Points for a pass; 1 when absent. */
  points?: number;
  /** A learner-facing hint shown when the check fails. */
  hint: string;
  /**
   * How the state is read. A list of probes gives partial credit: the check passes when every
   * probe passes, and otherwise earns each passing probe's equal share of the points.
   */
  probe: Probe | Probe[];
  /** Id of a check that must pass in the same run for this (negative) check to count. */
  control?: string;
  /**
   * For state that takes time to settle (a service still starting): a check that does not pass
   * is tried again every `everyMs` (default 1000) until `withinMs` after its first attempt.
   */
  retry?: { withinMs: number; everyMs?: number };
}

/** One step of a lesson: commands, their expectations, and checks. */
export interface Step {
  /** Unique within the lesson; used by --from, --to and --only. */
  id: string;
  /** A short title. */
  title: string;
  /** Commands in the order the learner types them. */
  commands: Command[];
  /** Read-only checks of the resulting state. */
  checks?: Check[];
  /** Tags such as "network"; applied to every command of the step. */
  tags?: string[];
}

/** A lesson's index, the default export of `lessons/<id>/lesson.ts`. */
export interface LessonIndex {
  /** A short title. */
  title: string;
  /** One or two sentences on what the lesson teaches. */
  description?: string;
  /** Step module paths relative to the lesson folder, in order. */
  steps: string[];
  /** The lesson's doc, relative to the lesson folder; README.md when absent. */
  doc?: string;
  /** Images the lesson's commands use, for `run-lesson prepare`. */
  images?: string[];
  /** Images the lesson builds itself, with an offline recipe for `--offline` runs. */
  builds?: ImageBuild[];
  /** The target kind the lesson needs; "local" when absent. */
  target?: "local" | "docker";
}

/** An image a lesson's own commands build (`docker build`), and how to make it offline. */
export interface ImageBuild {
  /** The image reference the lesson builds, e.g. `ai-agent:latest`. */
  image: string;
  /** The build context, relative to the lesson folder. */
  context: string;
  /**
   * A Dockerfile in the context that builds the same image from prepared stand-ins without the
   * internet; used instead of the lesson's build command when running with `--offline`.
   */
  offlineDockerfile: string;
}

/** A named broken state for the self-test: how to break the finished lesson, and what must fail. */
export interface BrokenState {
  /** A short id, e.g. `redis-on-default-bridge`. */
  id: string;
  /** What is broken, as a sentence. */
  title: string;
  /** Host commands that break the finished state. */
  break: string[];
  /** Host commands that restore it. */
  repair: string[];
  /** Ids of exactly the checks that must fail in this state. */
  fails: string[];
}

/** The self-test of a lesson, the default export of `lessons/<id>/selftest.ts`. */
export interface SelfTestSpec {
  /** The last step of the finished state the checks grade (before any cleanup step). */
  finishedAfter: string;
  /** Broken states, each checked against the finished state. */
  broken: BrokenState[];
}

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
