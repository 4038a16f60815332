/**
 * Prepares the target a lesson runs on, from the command line's choice: opens it through the
 * target registry (lib/target/registry.ts), and for a lesson that needs Docker prepares the
 * engine the target reaches, removes what an earlier run left, binds the Docker probes, and
 * says how the run ends (cleanup, or what `--keep` left). The host probes (`file`, `user`, …)
 * are bound on every target.
 * @module
 */
import type { DockerClient } from "../lib/docker/mod.ts";
import type { ProbeRunner } from "../lib/engine/run_check.ts";
import type { Lesson } from "../lib/lesson/types.ts";
import {
  dockerOrProvision,
  ensureImages,
  ensureOfflineBuilds,
} from "../lib/prepare/ensure_images.ts";
import { hostProbes } from "../lib/probes/host/mod.ts";
import { dockerProbes, EngineView, ProbeContainers } from "../lib/probes/mod.ts";
import { DockerTarget } from "../lib/target/docker_target.ts";
import {
  emptyCleanupReport,
  labellingFunction,
  newRunId,
  removalCommands,
} from "../lib/target/docker_resources.ts";
import { type RunLock, takeRunLock } from "../lib/target/run_lock.ts";
import { boundedCleanup, engineProblem } from "./engine_health.ts";
import { targetKind } from "../lib/target/registry.ts";
import type { OpenedTarget, SshSetup, Target } from "../lib/target/types.ts";
import { type CliIo, UsageError } from "./cli_io.ts";
import { lessonContainer } from "./lesson_container.ts";

/** A target with what the run needs around it. */
export interface PreparedTarget {
  /** Where commands run. */
  target: Target;
  /** Probe runners for the target's probe kinds. */
  probes: Record<string, ProbeRunner>;
  /** What the run created on the engine that is still there (nothing without an engine). */
  leftovers(): Promise<string[]>;
  /** Ends the target and removes what the run created (unless kept). */
  finish(): Promise<void>;
  /**
   * Removes what the probes kept for a batch of checks (a lesson run's probe container), so
   * that no command after the batch sees it; absent where nothing needs removing between
   * batches.
   */
  afterChecks?(): Promise<void>;
  /**
   * Why the target's engine cannot be used any more (it stopped, or does not answer), or
   * undefined while it answers; absent for targets without an engine.
   */
  engineLost?(): Promise<string | undefined>;
}

/** Options from the command line. */
export interface TargetChoice {
  /** Where to run: `local` (the default), `ssh://user@host[:port]` or `container://NAME`. */
  target?: string;
  /** `ssh://user@host[:port]` as the target, when `target` is absent (the grader's hosts). */
  ssh?: string;
  /** `ssh://user@host[:port]` whose engine runs the `container://` target. */
  via?: string;
  /** SSH options besides the address. */
  sshOptions?: SshSetup;
  /** Skip pulls and internet-tagged commands. */
  offline: boolean;
  /** Leave the run's resources for inspection. */
  keep: boolean;
  /**
   * Change nothing on the target (a self-check): no files copied, no images prepared or built,
   * nothing removed. Only the checks' own labelled probe containers come and go.
   */
  readOnly?: boolean;
}

/** The target for a lesson run; a malformed or unknown target URL is a UsageError. */
export async function targetFor(
  lesson: Lesson,
  choice: TargetChoice,
  io: CliIo,
): Promise<PreparedTarget> {
  const runId = newRunId(lesson.id);
  // A lesson that changes system files runs in a throwaway container unless told where.
  const container = await lessonContainer(lesson, choice, runId, io);
  const url = container?.url ?? choice.target ?? choice.ssh ?? "local";
  let kind;
  try {
    kind = targetKind(url);
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
  const needsDocker = (lesson.index.target ?? "local") === "docker";
  const log = (line: string) => io.err(`${line}\n`);
  const opened = await kind.open(url, {
    lessonDir: lesson.dir,
    runId,
    prelude: needsDocker ? labellingFunction(runId, lesson.id) : "",
    readOnly: choice.readOnly === true,
    via: choice.via,
    ssh: choice.sshOptions,
    localDocker: () => dockerOrProvision(log),
  }).catch(async (error) => {
    await container?.finish(false);
    throw error;
  });
  if (!needsDocker) {
    return {
      target: opened.shell,
      probes: hostProbes(),
      leftovers: () => Promise.resolve([]),
      async finish() {
        await opened.close();
        await container?.finish(choice.keep);
      },
    };
  }
  let docker: DockerClient;
  try {
    docker = await opened.docker();
    if (!choice.readOnly) {
      await ensureImages(docker, lesson, choice.offline, log);
      if (choice.offline) await ensureOfflineBuilds(docker, lesson, log);
    }
  } catch (error) {
    await opened.close();
    throw error;
  }
  return await _onDocker(lesson, choice, io, { opened, docker, runId });
}

/** Wraps an opened target for a lesson that needs Docker: earlier runs, probes, and the end. */
async function _onDocker(
  lesson: Lesson,
  choice: TargetChoice,
  io: CliIo,
  { opened, docker, runId }: { opened: OpenedTarget; docker: DockerClient; runId: string },
): Promise<PreparedTarget> {
  const target = new DockerTarget({ shell: opened.shell, docker, runId, lesson: lesson.id });
  // One kept probe container per image serves the probes, moving between networks. Read-only
  // runs run no learner command between probes: theirs stays until the end, and their probes
  // share their reads of the engine. A lesson run removes its container after each step's
  // checks (afterChecks), so that none shows in a command's output, and reads afresh.
  const pool = new ProbeContainers(runId);
  let lock: RunLock | undefined;
  let earlier = emptyCleanupReport();
  if (!choice.readOnly) {
    try {
      lock = await takeRunLock(opened.shell, { lesson: lesson.id, runId });
      if (lock.tookOverFrom) {
        io.err(
          `run-lesson: took over the lock of run ${lock.tookOverFrom.runId} of ${lesson.id}, whose process is gone\n`,
        );
      }
      earlier = await target.cleanupEarlierRuns();
    } catch (error) {
      await lock?.release();
      await target.close().catch(() => {});
      await opened.close();
      throw error;
    }
  }
  const removedEarlier = earlier.containers.length + earlier.networks.length +
    earlier.volumes.length;
  if (removedEarlier > 0) {
    io.err(`run-lesson: removed what an earlier run of ${lesson.id} left (${_counts(earlier)})\n`);
  }
  return {
    target,
    probes: {
      ...hostProbes(),
      ...dockerProbes({
        docker,
        runId,
        pool,
        view: choice.readOnly ? new EngineView(docker) : undefined,
      }),
    },
    ...(choice.readOnly ? {} : { afterChecks: () => pool.close(docker).catch(() => {}) }),
    leftovers: () => target.remaining(),
    engineLost: () => engineProblem(docker),
    async finish() {
      await pool.close(docker).catch(() => {});
      // No command of the run is running any more (an interrupted one has ended), so its
      // resources go while the shell ends, which after Ctrl-C saves the time the shell takes.
      const closing = (async () => {
        await lock?.release();
        await target.close();
      })();
      try {
        if (choice.keep) {
          await closing;
          if (choice.readOnly) return;
          io.err(
            `run-lesson: kept this run's resources (label run-lesson.run=${runId}); remove them with:\n${
              removalCommands({ run: runId }).map((c) => `  ${c}\n`).join("")
            }`,
          );
          return;
        }
        // A read-only run makes probe containers and nothing else.
        const early = boundedCleanup(
          () => target.cleanup({ containersOnly: choice.readOnly === true }),
          runId,
        );
        await Promise.allSettled([closing, early]);
        let report = await early;
        // What a background job the shell's end killed made meanwhile, if the engine answers
        // (a read-only run runs no command, so there is none).
        if (report.errors.length === 0 && !choice.readOnly) {
          report = await boundedCleanup(() => target.cleanup(), runId);
        }
        for (const error of report.errors) io.err(`run-lesson: cleanup: ${error}\n`);
        await closing;
      } finally {
        await opened.close();
      }
    },
  };
}

function _counts(report: { containers: string[]; networks: string[]; volumes: string[] }): string {
  return `${report.containers.length} containers, ${report.networks.length} networks, ${report.volumes.length} volumes`;
}
