/**
 * Builds the target a lesson needs from the command line: the local shell, or the local shell
 * plus the Docker engine (provisioned and prepared when missing).
 * @module
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createTar } from "../lib/docker/mod.ts";
import { connectDocker, type DockerClient, DockerError } from "../lib/docker/mod.ts";
import type { ProbeRunner } from "../lib/engine/run_check.ts";
import { DOCKER_PROBES } from "../lib/probes/mod.ts";
import type { Lesson } from "../lib/lesson/types.ts";
import { ROOT } from "../lib/lesson/load.ts";
import { prepareImages } from "../lib/prepare/prepare.ts";
import { DockerTarget } from "../lib/target/docker.ts";
import { labellingFunction, removalCommands } from "../lib/target/docker_resources.ts";
import { LocalTarget } from "../lib/target/local.ts";
import type { Target } from "../lib/target/types.ts";
import type { CliIo } from "./cli_io.ts";

/** A target with what the run needs around it. */
export interface PreparedTarget {
  /** Where commands run. */
  target: Target;
  /** Probe runners for the target's probe kinds. */
  probes: Record<string, ProbeRunner>;
  /** Ends the target and removes what the run created (unless kept). */
  finish(): Promise<void>;
}

/** Options from the command line. */
export interface TargetChoice {
  /** Skip pulls and internet-tagged commands. */
  offline: boolean;
  /** Leave the run's resources for inspection. */
  keep: boolean;
}

/** Connects to the engine; as root, starts one (setup script) when none answers. */
export async function dockerOrProvision(io: CliIo): Promise<DockerClient> {
  try {
    return await connectDocker();
  } catch (error) {
    if (!(error instanceof DockerError) || process.getuid?.() !== 0 || process.env.DOCKER_HOST) {
      throw error;
    }
    io.err("run-lesson: no Docker engine answers; starting one (scripts/setup-engine.sh)\n");
    const setup = spawnSync("bash", [join(ROOT, "scripts/setup-engine.sh")], { stdio: "inherit" });
    if (setup.status !== 0) throw error;
    return await connectDocker();
  }
}

/** Makes every image the lesson names present, printing one line per image. */
export async function ensureImages(
  docker: DockerClient,
  lesson: Lesson,
  offline: boolean,
  io: CliIo,
): Promise<void> {
  const missing: string[] = [];
  for (const ref of lesson.index.images ?? []) {
    if (!(await docker.images.inspect(ref).then(() => true, () => false))) missing.push(ref);
  }
  if (missing.length === 0) return;
  io.err(`run-lesson: preparing ${missing.length} image(s): ${missing.join(", ")}\n`);
  const results = await prepareImages(missing, {
    offline,
    onProgress: (line) => io.err(`  ${line}\n`),
  });
  const failed = results.filter((r) => r.status === "failed");
  if (failed.length > 0) {
    throw new DockerError(
      `Cannot prepare image "${failed[0].ref}": ${failed[0].message ?? "failed"}`,
    );
  }
}

/**
 * With `--offline`, builds each image the lesson builds itself from its offline Dockerfile
 * (labelled as a stand-in), since the lesson's own build step needs the internet.
 */
export async function ensureOfflineBuilds(
  docker: DockerClient,
  lesson: Lesson,
  io: CliIo,
): Promise<void> {
  for (const build of lesson.index.builds ?? []) {
    const dir = join(lesson.dir, build.context);
    const entries = readdirSync(dir)
      .filter((name) => statSync(join(dir, name)).isFile())
      .map((name) => ({ name, content: readFileSync(join(dir, name)) }));
    const started = performance.now();
    await docker.images.build(createTar(entries), {
      tag: build.image,
      dockerfile: build.offlineDockerfile,
      labels: { "run-lesson.stand-in": "true", "run-lesson.stand-in.for": build.image },
    });
    io.err(
      `run-lesson: built ${build.image} offline from ${build.context}/${build.offlineDockerfile} (${
        ((performance.now() - started) / 1000).toFixed(1)
      } s)\n`,
    );
  }
}

/** The target for a lesson run. */
export async function targetFor(
  lesson: Lesson,
  choice: TargetChoice,
  io: CliIo,
): Promise<PreparedTarget> {
  if ((lesson.index.target ?? "local") === "local") {
    const target = new LocalTarget({ cwd: lesson.dir });
    return { target, probes: {}, finish: () => target.close() };
  }
  const docker = await dockerOrProvision(io);
  await ensureImages(docker, lesson, choice.offline, io);
  if (choice.offline) await ensureOfflineBuilds(docker, lesson, io);
  const runId = `${lesson.id.replaceAll("/", "-")}-${randomBytes(4).toString("hex")}`;
  const shell = new LocalTarget({ cwd: lesson.dir, prelude: labellingFunction(runId, lesson.id) });
  const target = new DockerTarget({ shell, docker, runId, lesson: lesson.id });
  const earlier = await target.cleanupEarlierRuns();
  const removedEarlier = earlier.containers.length + earlier.networks.length +
    earlier.volumes.length;
  if (removedEarlier > 0) {
    io.err(`run-lesson: removed what an earlier run of ${lesson.id} left (${_counts(earlier)})\n`);
  }
  return {
    target,
    probes: DOCKER_PROBES,
    async finish() {
      await target.close();
      if (choice.keep) {
        io.err(
          `run-lesson: kept this run's resources (label run-lesson.run=${runId}); remove them with:\n${
            removalCommands({ run: runId }).map((c) => `  ${c}\n`).join("")
          }`,
        );
        return;
      }
      const report = await target.cleanup();
      for (const error of report.errors) io.err(`run-lesson: cleanup: ${error}\n`);
    },
  };
}

function _counts(report: { containers: string[]; networks: string[]; volumes: string[] }): string {
  return `${report.containers.length} containers, ${report.networks.length} networks, ${report.volumes.length} volumes`;
}
