/**
 * Where the Docker engine is, as the docker CLI finds it: an explicit option, `DOCKER_HOST`, the
 * docker context (`DOCKER_CONTEXT`, else `currentContext` of `~/.docker/config.json`), or the
 * default socket. An `ssh://` address is reached through run-lesson's SSH connection.
 * @module
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { selectedContext } from "./_context.ts";
import { DockerError } from "./errors.ts";

/** The engine's socket when nothing else is said. */
export const DEFAULT_SOCKET_PATH = "/var/run/docker.sock";

/** Where to find the engine, as the caller may say it. */
export interface DockerHostOptions {
  /** A unix socket path; wins over `DOCKER_HOST`. */
  socketPath?: string;
  /** A `unix://`, `tcp://` or `ssh://` address; wins over `socketPath` and `DOCKER_HOST`. */
  host?: string;
}

/** A resolved engine address. */
export interface DockerEndpoint {
  /** How to reach it; `ssh` needs an agent that tunnels to the remote socket. */
  kind: "unix" | "tcp" | "ssh";
  /** The address as given (`/var/run/docker.sock`, `tcp://127.0.0.1:2375`, `ssh://u@h`). */
  address: string;
  /** Where the address came from. */
  source: "option" | "DOCKER_HOST" | "context" | "default";
  /** The docker context's name (source `context`). */
  context?: string;
  /** The socket path (kind `unix`). */
  socketPath?: string;
  /** The host name (kinds `tcp` and `ssh`). */
  hostname?: string;
  /** The TCP port (kind `tcp`; kind `ssh` when the address names one). */
  port?: number;
  /** The login name (kind `ssh`, when the address names one). */
  user?: string;
  /** TLS settings (kind `tcp` with `DOCKER_TLS_VERIFY` or port 2376). */
  tls?: { ca: Buffer; cert: Buffer; key: Buffer };
}

type Env = Record<string, string | undefined>;

/**
 * Resolves the engine address: `host` option, `socketPath` option, `DOCKER_HOST`, the docker
 * context, default. Throws a DockerError for a malformed address or an unusable context.
 */
export function resolveDockerHost(
  options: DockerHostOptions = {},
  env: Env = process.env,
): DockerEndpoint {
  if (options.host !== undefined) return parseHost(options.host, "option", env);
  if (options.socketPath !== undefined) {
    return {
      kind: "unix",
      address: options.socketPath,
      source: "option",
      socketPath: options.socketPath,
    };
  }
  const fromEnv = env.DOCKER_HOST;
  if (fromEnv !== undefined && fromEnv !== "") return parseHost(fromEnv, "DOCKER_HOST", env);
  const context = selectedContext(env);
  if (context !== undefined) {
    return {
      ...parseHost(context.host, "context", env, context.tlsDir, context.name),
      context: context.name,
    };
  }
  return {
    kind: "unix",
    address: DEFAULT_SOCKET_PATH,
    source: "default",
    socketPath: DEFAULT_SOCKET_PATH,
  };
}

/** Names the engine address for messages: `"/var/run/docker.sock"` or `"tcp://h:1" (DOCKER_HOST)`. */
export function dockerHostDescription(
  options: DockerHostOptions = {},
  env: Env = process.env,
): string {
  let endpoint: Pick<DockerEndpoint, "address" | "source">;
  try {
    endpoint = resolveDockerHost(options, env);
  } catch {
    endpoint = {
      address: options.host ?? env.DOCKER_HOST ?? "",
      source: options.host ? "option" : "DOCKER_HOST",
    };
  }
  return describeEndpoint(endpoint);
}

/** Names a resolved endpoint for messages. */
export function describeEndpoint(
  endpoint: Pick<DockerEndpoint, "address" | "source" | "context">,
): string {
  const quoted = `"${endpoint.address}"`;
  if (endpoint.source === "context") return `${quoted} (Docker context "${endpoint.context}")`;
  return endpoint.source === "DOCKER_HOST" ? `${quoted} (DOCKER_HOST)` : quoted;
}

/** What to do when the engine cannot be reached. */
export function connectHint(endpoint: Pick<DockerEndpoint, "source">): string {
  const alternative = endpoint.source === "DOCKER_HOST"
    ? "correct DOCKER_HOST"
    : endpoint.source === "context"
    ? "choose another Docker context (DOCKER_CONTEXT, docker context use)"
    : "set DOCKER_HOST";
  return `start dockerd (bash runner/setup/setup-engine.sh) or ${alternative}`;
}

function parseHost(
  value: string,
  source: DockerEndpoint["source"],
  env: Env,
  tlsDir?: string,
  context?: string,
): DockerEndpoint {
  const from = source === "DOCKER_HOST"
    ? " (DOCKER_HOST)"
    : source === "context"
    ? ` (Docker context "${context}")`
    : "";
  const bad = (detail: string) =>
    new DockerError(`Cannot use Docker address "${value}"${from}: ${detail}`);
  if (value.startsWith("unix://")) {
    const socketPath = value.slice("unix://".length) || DEFAULT_SOCKET_PATH;
    return { kind: "unix", address: value, source, socketPath };
  }
  if (value.startsWith("/")) return { kind: "unix", address: value, source, socketPath: value };
  const withScheme = value.includes("://") ? value : `tcp://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw bad("not a unix://, tcp:// or ssh:// address");
  }
  if (url.protocol === "ssh:") {
    const endpoint: DockerEndpoint = {
      kind: "ssh",
      address: value,
      source,
      hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    };
    if (url.username !== "") endpoint.user = decodeURIComponent(url.username);
    if (url.port !== "") endpoint.port = Number(url.port);
    if (url.password !== "") throw bad("passwords in addresses are not accepted: use a key");
    return endpoint;
  }
  if (url.protocol !== "tcp:" && url.protocol !== "http:" && url.protocol !== "https:") {
    throw bad(`unsupported scheme "${url.protocol}": use unix://, tcp:// or ssh://`);
  }
  if (url.hostname === "") throw bad("no host name");
  const verify = env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== "" &&
    env.DOCKER_TLS_VERIFY !== "0";
  const useTls = url.protocol === "https:" || verify || url.port === "2376" ||
    tlsDir !== undefined;
  const port = url.port === "" ? (useTls ? 2376 : 2375) : Number(url.port);
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const endpoint: DockerEndpoint = { kind: "tcp", address: value, source, hostname, port };
  if (useTls) endpoint.tls = readTlsFiles(tlsDir ?? (env.DOCKER_CERT_PATH || ""), bad);
  return endpoint;
}

function readTlsFiles(
  certDir: string,
  bad: (detail: string) => DockerError,
): DockerEndpoint["tls"] {
  const dir = certDir || join(homedir(), ".docker");
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name));
    } catch (error) {
      throw bad(`cannot read TLS file "${join(dir, name)}": ${(error as Error).message}`);
    }
  };
  return { ca: read("ca.pem"), cert: read("cert.pem"), key: read("key.pem") };
}
