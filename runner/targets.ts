/**
 * Builds the target a lesson needs from the command line: the local shell, or the local shell
 * plus the Docker engine (provisioned and prepared when missing).
 * @module
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createTar } from "../lib/docker/mod.ts";
import { connectDocker, type DockerClient } from "../lib/docker/mod.ts";
import type { ProbeRunner } from "../lib/engine/run_check.ts";
import { DOCKER_PROBES } from "../lib/probes/mod.ts";
import type { Lesson } from "../lib/lesson/types.ts";
import {
  dockerOrProvision,
  ensureImages,
  ensureOfflineBuilds,
} from "../lib/prepare/ensure_images.ts";
import { DockerTarget } from "../lib/target/docker_target.ts";
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
  const log = (line: string) => io.err(`${line}\n`);
  try {
    docker = connection
      ? await connectDocker({ agent: connection.dockerAgent() })
      : await dockerOrProvision(log);
    if (!choice.readOnly) {
      await ensureImages(docker, lesson, choice.offline, log);
      if (choice.offline) await ensureOfflineBuilds(docker, lesson, log);
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
