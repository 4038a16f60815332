/**
 * The schema of a lesson's index, the default export of `lessons/<id>/lesson.ts`: its title,
 * its steps in order, its doc, the images it uses and the target it needs.
 *
 * @example
 * ```ts
 * const index = { title: "Shell warm-up", steps: ["steps/01_workspace.ts"], target: "local" };
 * ```
 * @module
 */
import { Type } from "@sinclair/typebox";
import { CLOSED, NonEmpty, OneOf } from "./_kit.ts";

/** An image a lesson's own commands build (`docker build`), and how to make it offline. */
export const ImageBuildSchema = Type.Object({
  /** The image reference the lesson builds, e.g. `ai-agent:latest`. */
  image: NonEmpty(),
  /** The build context, relative to the lesson folder. */
  context: NonEmpty(),
  /**
   * A Dockerfile in the context that builds the same image from prepared stand-ins without the
   * internet; used instead of the lesson's build command when running with `--offline`.
   */
  offlineDockerfile: NonEmpty(),
}, CLOSED);

/**
 * The throwaway container a lesson runs in when no `--target` is given: made fresh from the
 * image on this machine's engine for the run, reached as `container://NAME`, and removed at the
 * end (kept with `--keep`). For lessons that change system files (users, modes, packages).
 */
export const LessonContainerSchema = Type.Object({
  /**
   * The image the container is made from; prepared like the lesson's `images` (pulled, or built
   * offline from a stand-in recipe, e.g. the lesson's own `stand-ins/`).
   */
  image: NonEmpty(),
  /**
   * Linux capabilities added to the engine's defaults, e.g. `SYS_PTRACE`, without which
   * `ss -p` shows no process for another user's socket.
   */
  capabilities: Type.Optional(Type.Array(NonEmpty({ pattern: "^[A-Z_]+$" }))),
}, CLOSED);

/** The target kinds a lesson may need. */
export const LessonTargetSchema = OneOf(["local", "docker"] as const);

/** A lesson's index, the default export of `lessons/<id>/lesson.ts`. */
export const LessonIndexSchema = Type.Object({
  /** A short title. */
  title: NonEmpty(),
  /** One or two sentences on what the lesson teaches. */
  description: Type.Optional(Type.String()),
  /** Step module paths relative to the lesson folder, in order. */
  steps: Type.Array(NonEmpty(), {
    minItems: 1,
    expected: "a non-empty array of step module paths",
  }),
  /** The lesson's doc, relative to the lesson folder; README.md when absent. */
  doc: Type.Optional(NonEmpty()),
  /** Images the lesson's commands use, for `run-lesson prepare`. */
  images: Type.Optional(Type.Array(NonEmpty())),
  /** Images the lesson builds itself, with an offline recipe for `--offline` runs. */
  builds: Type.Optional(Type.Array(ImageBuildSchema)),
  /** The target kind the lesson needs; "local" when absent. */
  target: Type.Optional(LessonTargetSchema),
  /**
   * Run in a throwaway container from this image unless `--target` says where (a lesson of the
   * "local" target only); absent: the default target is this machine.
   */
  container: Type.Optional(LessonContainerSchema),
}, {
  ...CLOSED,
  title: "run-lesson lesson index",
  description: "The default export of a lesson's index module (lessons/<id>/lesson.ts).",
});
