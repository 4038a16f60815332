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
import { type Target, TargetError } from "../lib/target/types.ts";
import type { CliIo } from "./cli_io.ts";
import { connectSsh, type ConnectSshOptions, parseSshUrl } from "../lib/ssh/connect.ts";
import type { SshConnection } from "../lib/ssh/connection.ts";
import { SshTarget } from "../lib/target/ssh.ts";

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
  /** `ssh://user@host[:port]`: run on that host; this machine when absent. */
  ssh?: string;
  /** SSH options besides the address. */
  sshOptions?: Omit<ConnectSshOptions, "host" | "port" | "user">;
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

/** Connects to the engine; as root, starts one (setup script) when none answers. */
export async function dockerOrProvision(io: CliIo): Promise<DockerClient> {
  try {
    return await connectDocker();
  } catch (error) {
    if (!(error instanceof DockerError) || process.getuid?.() !== 0 || process.env.DOCKER_HOST) {
      throw error;
    }
    io.err("run-lesson: no Docker engine answers; starting one (runner/setup/setup-engine.sh)\n");
    const setup = spawnSync("bash", [join(ROOT, "runner/setup/setup-engine.sh")], {
      stdio: "inherit",
    });
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
  const runId = `${lesson.id.replaceAll("/", "-")}-${randomBytes(4).toString("hex")}`;
  const needsDocker = (lesson.index.target ?? "local") === "docker";
  const prelude = needsDocker ? labellingFunction(runId, lesson.id) : "";
  let connection: SshConnection | undefined;
  let shell: LocalTarget | SshTarget;
  let remoteDir: string | undefined;
  if (choice.ssh) {
    const address = parseSshUrl(choice.ssh);
    connection = await connectSsh({ ...choice.sshOptions, ...address });
    if (!choice.readOnly) {
      remoteDir = `/tmp/run-lesson-${runId}`;
      await _uploadLessonFiles(connection, lesson.dir, remoteDir);
    }
    shell = new SshTarget(connection, { cwd: remoteDir, prelude });
  } else {
    shell = new LocalTarget({ cwd: lesson.dir, prelude });
  }
  const closeConnection = async () => {
    if (!connection) return;
    if (remoteDir && !connection.lostError) {
      await connection.exec(`rm -rf '${remoteDir}'`).catch(() => {});
    }
    await connection.close();
  };
  if (!needsDocker) {
    return {
      target: shell,
      probes: {},
      finish: async () => {
        await shell.close();
        await closeConnection();
      },
    };
  }
  let docker: DockerClient;
  try {
    docker = connection
      ? await connectDocker({ agent: connection.dockerAgent() })
      : await dockerOrProvision(io);
    if (!choice.readOnly) {
      await ensureImages(docker, lesson, choice.offline, io);
      if (choice.offline) await ensureOfflineBuilds(docker, lesson, io);
    }
  } catch (error) {
    await shell.close();
    await closeConnection();
    throw error;
  }
  const target = new DockerTarget({
    shell,
    docker,
    runId,
    lesson: lesson.id,
    keepProbeContainers: choice.readOnly === true,
  });
  const earlier = choice.readOnly
    ? { containers: [], networks: [], volumes: [], images: [], errors: [] }
    : await target.cleanupEarlierRuns();
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
      try {
        if (choice.keep) {
          if (choice.readOnly) return;
          io.err(
            `run-lesson: kept this run's resources (label run-lesson.run=${runId}); remove them with:\n${
              removalCommands({ run: runId }).map((c) => `  ${c}\n`).join("")
            }`,
          );
          return;
        }
        const report = await target.cleanup();
        for (const error of report.errors) io.err(`run-lesson: cleanup: ${error}\n`);
      } finally {
        await closeConnection();
      }
    },
  };
}

/** Copies the lesson's files (not its modules or doc) to a folder on the remote host. */
async function _uploadLessonFiles(connection: SshConnection, dir: string, remoteDir: string) {
  const entries: Array<{ name: string; type?: "directory"; content?: Buffer; mode?: number }> = [];
  const walk = (relative: string) => {
    for (const name of readdirSync(join(dir, relative))) {
      const path = relative ? `${relative}/${name}` : name;
      if (!relative && (name === "steps" || name.endsWith(".ts") || name.endsWith(".md"))) continue;
      const stat = statSync(join(dir, path));
      if (stat.isDirectory()) {
        entries.push({ name: path, type: "directory" });
        walk(path);
      } else if (stat.isFile()) {
        entries.push({
          name: path,
          content: readFileSync(join(dir, path)),
          mode: stat.mode & 0o777,
        });
      }
    }
  };
  walk("");
  const r = await connection.exec(`mkdir -p '${remoteDir}' && tar -x -C '${remoteDir}'`, {
    stdin: createTar(entries),
  });
  if (r.exitCode !== 0) {
    throw new TargetError(
      `Cannot copy the lesson's files to "${remoteDir}" on ${connection.label}: ${r.stderr.trim()}`,
    );
  }
}

function _counts(report: { containers: string[]; networks: string[]; volumes: string[] }): string {
  return `${report.containers.length} containers, ${report.networks.length} networks, ${report.volumes.length} volumes`;
}
