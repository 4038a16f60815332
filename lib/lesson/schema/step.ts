/**
 * The schema of a step module's default export: an id, a title, the commands in the order the
 * learner types them, and the read-only checks of the state they produce.
 * @module
 */
import { Type } from "@sinclair/typebox";
import { CLOSED, NonEmpty } from "./_kit.ts";
import { CheckSchema } from "./check.ts";
import { CommandSchema, TagsSchema } from "./command.ts";

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
}, {
  ...CLOSED,
  title: "run-lesson step",
  description: "The default export of a lesson's step module (lessons/<id>/steps/*.ts).",
});
