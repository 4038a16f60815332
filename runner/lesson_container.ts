/**
 * The throwaway container a lesson runs in when its index names one (`container: { image }`)
 * and the command line names no target: made on this machine's engine for the run (after
 * removing one that a killed earlier run left), used as `container://NAME`, and removed when
 * the run ends, unless `--keep`.
 * @module
 */
import type { Lesson } from "../lib/lesson/types.ts";
import { dockerOrProvision, ensureImages } from "../lib/prepare/ensure_images.ts";
import { createThrowaway, removeAbandoned } from "../lib/target/throwaway_container.ts";
import type { CliIo } from "./cli_io.ts";

/** A lesson's throwaway container for one run. */
export interface LessonContainer {
  /** `container://NAME`: the target the run uses. */
  url: string;
  /** Removes the container, or with `keep` says how to; never throws. */
  finish(keep: boolean): Promise<void>;
}

/** What decides whether a run gets a throwaway container. */
export interface LessonContainerChoice {
  /** The target the command line names; none means the lesson's default. */
  target?: string;
  /** The SSH host the command line names as the target. */
  ssh?: string;
  /** A read-only run (a self-check) reads the machine it is pointed at; it never gets one. */
  readOnly?: boolean;
  /** Build a missing image offline (stand-in) instead of trying to pull it. */
  offline: boolean;
}

/**
 * Makes the lesson's throwaway container when this run should have one, or resolves with
 * undefined: a lesson without `container`, a docker lesson, a target named on the command line,
 * or a read-only run.
 */
export async function lessonContainer(
  lesson: Lesson,
  choice: LessonContainerChoice,
  runId: string,
  io: CliIo,
): Promise<LessonContainer | undefined> {
  const spec = lesson.index.container;
  if (spec === undefined || (lesson.index.target ?? "local") !== "local") return undefined;
  if (choice.target !== undefined || choice.ssh !== undefined || choice.readOnly) return undefined;
  const log = (line: string) => io.err(`${line}\n`);
  const docker = await dockerOrProvision(log);
  const abandoned = await removeAbandoned(docker, lesson.id);
  if (abandoned.length > 0) {
    log(`run-lesson: removed what an earlier run of ${lesson.id} left (${abandoned.join(", ")})`);
  }
  await ensureImages(docker, lesson, choice.offline, log, [spec.image]);
  const container = await createThrowaway(docker, {
    image: spec.image,
    lesson: lesson.id,
    runId,
    capabilities: spec.capabilities,
  });
  return {
    url: container.url,
    async finish(keep) {
      if (keep) {
        log(
          `run-lesson: kept the lesson's container ${container.name}; remove it with:\n` +
            `  docker rm -f ${container.name}`,
        );
        return;
      }
      const problem = await container.remove();
      if (problem !== undefined) log(`run-lesson: cleanup: ${problem}`);
    },
  };
}
