/**
 * The schema of a lesson's self-test, the default export of `lessons/<id>/selftest.ts`: the
 * step after which the lesson is finished, and named broken states, each a few host commands
 * that break the finished state, the commands that repair it, and exactly which checks must
 * fail. That the step and the checks exist is checked after the schema (validate.ts).
 *
 * @example
 * ```ts
 * const spec = {
 *   finishedAfter: "three-tier",
 *   broken: [{
 *     id: "redis-on-default-bridge",
 *     title: "redis-cache runs on the default bridge",
 *     break: ["docker network disconnect ai-service-network redis-cache"],
 *     repair: ["docker network connect ai-service-network redis-cache"],
 *     fails: ["redis-on-network"],
 *   }],
 * };
 * ```
 * @module
 */
import { Type } from "@sinclair/typebox";
import { CLOSED, NonEmpty } from "./_kit.ts";
import { CheckIdSchema } from "./check.ts";
import { StepIdSchema } from "./step.ts";

/** A named broken state for the self-test: how to break the finished lesson, and what must fail. */
export const BrokenStateSchema = Type.Object({
  /** A short id, e.g. `redis-on-default-bridge`. */
  id: CheckIdSchema,
  /** What is broken, as a sentence. */
  title: NonEmpty(),
  /** Host commands that break the finished state. */
  break: Type.Array(NonEmpty()),
  /** Host commands that restore it. */
  repair: Type.Array(NonEmpty()),
  /** Ids of exactly the checks that must fail in this state. */
  fails: Type.Array(CheckIdSchema),
}, CLOSED);

/** The self-test of a lesson, the default export of `lessons/<id>/selftest.ts`. */
export const SelfTestSpecSchema = Type.Object({
  /** The last step of the finished state the checks grade (before any cleanup step). */
  finishedAfter: StepIdSchema,
  /** Broken states, each checked against the finished state. */
  broken: Type.Array(BrokenStateSchema),
}, {
  ...CLOSED,
  title: "run-lesson self-test",
  description: "The default export of a lesson's self-test module (lessons/<id>/selftest.ts).",
});
