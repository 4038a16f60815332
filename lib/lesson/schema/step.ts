/**
 * The schema of a step module's default export: an id, a title, the commands in the order the
 * learner types them (the text exactly as the doc shows it, where it runs, the output and exit
 * code it should give, its time limit and its stop condition), and the read-only checks of the
 * state they produce.
 * @module
 */
import { Type } from "@sinclair/typebox";
import { CLOSED, Kind, Millis, NonEmpty } from "./_kit.ts";
import { CheckSchema } from "./check.ts";
import { ExitExpectationSchema, ExpectationSchema } from "./expectation.ts";
import { StopConditionSchema } from "./stop.ts";

/** The target's persistent shell (the default). */
export const ShellWhereSchema = Type.Object({
  /** Where the command runs. */
  kind: Kind("shell"),
}, CLOSED);

/** A one-off exec inside a running container, through the Engine API. */
export const ContainerWhereSchema = Type.Object({
  /** Where the command runs. */
  kind: Kind("container"),
  /** The container's name (or its id). */
  container: NonEmpty(),
  /** The user the exec runs as; the container's when absent. */
  user: Type.Optional(NonEmpty()),
  /** The working directory of the exec; the container's when absent. */
  workdir: Type.Optional(NonEmpty()),
}, CLOSED);

/** Typed at the prompt of an interactive TTY session opened by an earlier command. */
export const SessionWhereSchema = Type.Object({
  /** Where the command runs. */
  kind: Kind("session"),
  /** The name an earlier command's `opens` gave the session. */
  session: NonEmpty(),
}, CLOSED);

/** Where a command runs; a target that adds a kind adds it here. */
export const WhereSchema = Type.Union([ShellWhereSchema, ContainerWhereSchema, SessionWhereSchema]);

/** Tags such as "network" (needs the internet). */
export const TagsSchema = Type.Array(NonEmpty());

/** One command as the learner types it, with what it should print. */
export const CommandSchema = Type.Object({
  /** The text exactly as the doc shows it; `{{name}}` is replaced by an earlier capture. */
  run: NonEmpty(),
  /** Where it runs; the target's shell when absent. */
  where: Type.Optional(WhereSchema),
  /**
   * Names the interactive session this `docker run -it … sh` command opens; later commands
   * with `where: { kind: "session", session }` are typed at its prompt.
   */
  opens: Type.Optional(NonEmpty()),
  /** Expected stdout; not compared when absent. */
  stdout: Type.Optional(ExpectationSchema),
  /** Expected stderr; not compared when absent. */
  stderr: Type.Optional(ExpectationSchema),
  /**
   * Expected exit code; 0 when absent. A stopped command's exit code is not compared. For a
   * command that exits the shell, the shell's exit status.
   */
  exitCode: Type.Optional(ExitExpectationSchema),
  /**
   * Whether the command ends the shell on purpose (`exit 3`, a failure under `set -e`); the
   * next command then runs in a new shell, without the earlier folder and variables. A command
   * that ends the shell without it fails, saying so. False when absent.
   */
  exitsShell: Type.Optional(Type.Boolean()),
  /** Time limit in milliseconds (below 2^31); the run's default when absent. */
  timeoutMs: Type.Optional(Millis()),
  /** How to end a command that never ends by itself (the doc's `^C`). */
  stop: Type.Optional(StopConditionSchema),
  /** Tags such as "network" (needs the internet); tagged commands may be skipped. */
  tags: Type.Optional(TagsSchema),
  /** Whether this command is shown in the lesson's doc; true when absent. */
  doc: Type.Optional(Type.Boolean()),
}, CLOSED);

/** What a step id may hold: it names the step in `--from`, `--to` and `--only`. */
export const StepIdSchema = NonEmpty({
  pattern: "^[a-z0-9][a-z0-9_-]*$",
  expected: 'lower-case letters, digits, "-" and "_"',
});

/** One step of a lesson: commands, their expectations, and checks. */
export const StepSchema = Type.Object({
  /** Unique within the lesson; used by --from, --to and --only. */
  id: StepIdSchema,
  /** A short title. */
  title: NonEmpty(),
  /** Commands in the order the learner types them. */
  commands: Type.Array(CommandSchema),
  /** Read-only checks of the resulting state. */
  checks: Type.Optional(Type.Array(CheckSchema)),
  /** Tags such as "network"; applied to every command of the step. */
  tags: Type.Optional(TagsSchema),
  /**
   * Whether the step's commands leave background jobs running on purpose (`server &` that
   * later steps talk to). Jobs a step leaves running without it fail the step, named; either
   * way they are killed, with their process groups, at the end of the run. False when absent.
   */
  background: Type.Optional(Type.Boolean()),
}, {
  ...CLOSED,
  title: "run-lesson step",
  description: "The default export of a lesson's step module (lessons/<id>/steps/*.ts).",
});
