/**
 * What a lesson run needs from an engine before its first step: an engine that answers (started
 * here when none does), every image the lesson names, and the images it builds itself (from
 * their offline Dockerfiles with `--offline`). Everything goes through the one client it is
 * given, so a run over SSH prepares the remote engine, never the local one.
 * @module
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import {
  connectDocker,
  type DockerClient,
  DockerError,
  resolveDockerHost,
  tarDirectory,
} from "../docker/mod.ts";
import { ROOT } from "../lesson/load.ts";
import type { Lesson } from "../lesson/types.ts";
import { prepareImages, standInsFor } from "./prepare.ts";

/** Receives one line of progress (without its newline). */
export type LogLine = (line: string) => void;

/**
 * Connects to the engine; as root, starts one (setup script) when the default socket does not
 * answer (never for an engine DOCKER_HOST or a docker context names).
 */
export async function dockerOrProvision(log: LogLine): Promise<DockerClient> {
  try {
    return await connectDocker();
  } catch (error) {
    if (
      !(error instanceof DockerError) || process.getuid?.() !== 0 ||
      resolveDockerHost().source !== "default"
    ) {
      throw error;
    }
    log("run-lesson: no Docker engine answers; starting one (runner/setup/setup-engine.sh)");
    const setup = spawnSync("bash", [join(ROOT, "runner/setup/setup-engine.sh")], {
      stdio: "inherit",
    });
    if (setup.status !== 0) throw error;
    return await connectDocker();
  }
}

/**
 * Makes every image the lesson names (or the `refs` given) present on `docker`'s engine, one
 * line per image; the lesson's own stand-in recipes come first.
 */
export async function ensureImages(
  docker: DockerClient,
  lesson: Lesson,
  offline: boolean,
  log: LogLine,
  refs: readonly string[] = lesson.index.images ?? [],
): Promise<void> {
  const missing: string[] = [];
  for (const ref of refs) {
    if (!(await docker.images.inspect(ref).then(() => true, () => false))) missing.push(ref);
  }
  if (missing.length === 0) return;
  log(`run-lesson: preparing ${missing.length} image(s): ${missing.join(", ")}`);
  const results = await prepareImages(missing, {
    offline,
    docker,
    recipes: await standInsFor([lesson.dir]),
    onProgress: (line) => log(`  ${line}`),
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
 * (labelled as a stand-in), since the lesson's own build step needs the internet. The whole
 * context folder is sent, subfolders included.
 */
export async function ensureOfflineBuilds(
  docker: DockerClient,
  lesson: Lesson,
  log: LogLine,
): Promise<void> {
  for (const build of lesson.index.builds ?? []) {
    const started = performance.now();
    const before = await docker.images.inspect(build.image).catch(() => undefined);
    const built = await docker.images.build(tarDirectory(join(lesson.dir, build.context)), {
      tag: build.image,
      dockerfile: build.offlineDockerfile,
      labels: { "run-lesson.stand-in": "true", "run-lesson.stand-in.for": build.image },
    });
    await _dropReplaced(docker, before?.Id, built);
    log(
      `run-lesson: built ${build.image} offline from ${build.context}/${build.offlineDockerfile} (${
        ((performance.now() - started) / 1000).toFixed(1)
      } s)`,
    );
  }
}

/**
 * Removes the image a build took the tag from (another lesson's build of the same reference, or
 * an earlier build of this one), when nothing else names it: otherwise it stays behind as a
 * dangling `<none>` image. The engine refuses while a container uses it, and then it stays.
 */
async function _dropReplaced(
  docker: DockerClient,
  before: string | undefined,
  built: string,
): Promise<void> {
  if (before === undefined || before === built || built.endsWith(before.replace(/^sha256:/, ""))) {
    return;
  }
  const old = await docker.images.inspect(before).catch(() => undefined);
  if (old === undefined || (old.RepoTags ?? []).length > 0) return;
  await docker.images.remove(before).catch(() => {});
}
