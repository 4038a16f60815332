/**
 * The docker CLI's contexts: the one `DOCKER_CONTEXT` names, else `currentContext` in
 * `~/.docker/config.json` (`DOCKER_CONFIG` moves that folder), read from
 * `contexts/meta/<sha256 of the name>/meta.json`, with its TLS files from
 * `contexts/tls/<sha256>/docker/` when it has them. `default` means no context.
 * @module
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { DockerError } from "./errors.ts";

type Env = Record<string, string | undefined>;

/** A context's Docker endpoint. */
export interface DockerContext {
  /** The context's name. */
  name: string;
  /** Where the name came from. */
  from: "DOCKER_CONTEXT" | "config.json";
  /** Its engine address (`unix://…`, `tcp://…`, `ssh://…`). */
  host: string;
  /** Its TLS files' folder (`ca.pem`, `cert.pem`, `key.pem`), when it has one. */
  tlsDir?: string;
}

/** The docker CLI's configuration folder. */
export function dockerConfigDir(env: Env): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), ".docker");
}

/** The selected context, or undefined for none (or `default`); throws a DockerError when unusable. */
export function selectedContext(env: Env): DockerContext | undefined {
  const dir = dockerConfigDir(env);
  let name = env.DOCKER_CONTEXT;
  let from: DockerContext["from"] = "DOCKER_CONTEXT";
  if (name === undefined || name === "") {
    name = currentContext(dir);
    from = "config.json";
  }
  if (name === undefined || name === "" || name === "default") return undefined;
  const id = createHash("sha256").update(name).digest("hex");
  const metaFile = join(dir, "contexts", "meta", id, "meta.json");
  const fail = (detail: string) =>
    new DockerError(`Cannot use Docker context "${name}" (${from}): ${detail}`);
  let meta: { Endpoints?: { docker?: { Host?: unknown } } };
  try {
    meta = JSON.parse(readFileSync(metaFile, "utf8"));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw fail(
      missing
        ? `it does not exist (no "${metaFile}"): see docker context ls`
        : `cannot read "${metaFile}": ${(error as Error).message}`,
    );
  }
  const host = meta.Endpoints?.docker?.Host;
  if (typeof host !== "string" || host === "") throw fail("it has no Docker endpoint");
  const context: DockerContext = { name, from, host };
  const tlsDir = join(dir, "contexts", "tls", id, "docker");
  if (existsSync(join(tlsDir, "ca.pem")) || existsSync(join(tlsDir, "cert.pem"))) {
    context.tlsDir = tlsDir;
  }
  return context;
}

function currentContext(dir: string): string | undefined {
  try {
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    return typeof config?.currentContext === "string" ? config.currentContext : undefined;
  } catch {
    // No config.json, or one the docker CLI itself would refuse: no context.
    return undefined;
  }
}
