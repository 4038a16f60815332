/**
 * Turns a root filesystem a stand-in script built on this machine into an image on the engine
 * of the client it is given (local, or remote through SSH): the folder is streamed as a tar to
 * the engine's import endpoint, the instructions import refuses (STOPSIGNAL on engine 20.10)
 * are applied by a config-only build on top, and only then is the reference tagged.
 * @module
 */
import { spawn } from "node:child_process";
import { createTar, type DockerClient, familiarName, parseImageRef } from "../docker/mod.ts";

/** What a stand-in script asks to have imported. */
export interface RootfsImport {
  /** The reference to tag, e.g. `redis:7-alpine`. */
  ref: string;
  /** The root filesystem folder on this machine. */
  root: string;
  /** Dockerfile instructions import applies: `ENV …`, `CMD […]`, `LABEL …`. */
  changes: string[];
  /** Instructions applied by a config-only build on top (`STOPSIGNAL SIGINT`). */
  configOnly: string[];
  /** The import's commit message. */
  message?: string;
}

/** Imports `request.root` as `request.ref` on `docker`'s engine; resolves with the image id. */
export async function importRootfs(docker: DockerClient, request: RootfsImport): Promise<string> {
  const ref = parseImageRef(request.ref);
  if (ref.digest !== undefined) {
    throw new Error(`Cannot import as "${request.ref}": a digest cannot be tagged`);
  }
  const tar = spawn("tar", ["--numeric-owner", "-C", request.root, "-cf", "-", "."], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  tar.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => {
    tar.on("error", (error) => {
      stderr += error.message;
      resolve(null);
    });
    tar.on("close", (code) => resolve(code));
  });
  let id: string;
  try {
    id = await docker.images.importImage(tar.stdout, {
      changes: request.changes,
      message: request.message,
    });
  } catch (error) {
    tar.kill();
    await exited;
    throw error;
  }
  const code = await exited;
  if (code !== 0) {
    const detail = stderr.trim().split("\n").slice(-1)[0] ?? "";
    throw new Error(
      `Cannot read the root filesystem "${request.root}": tar exit ${code}: ${detail}`,
    );
  }
  const name = familiarName(ref);
  const tag = ref.tag ?? "latest";
  if (request.configOnly.length === 0) {
    await docker.images.tag(id, name, tag);
    return id;
  }
  const dockerfile = [`FROM ${id}`, ...request.configOnly, ""].join("\n");
  return await docker.images.build(createTar([{ name: "Dockerfile", content: dockerfile }]), {
    tag: `${name}:${tag}`,
  });
}
