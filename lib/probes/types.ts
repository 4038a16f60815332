/**
 * The Docker probe kinds a check may use on the docker target: plain data in step files.
 * Every string field may hold `{{name}}` capture references.
 *
 * @example
 * ```ts
 * import type { Check } from "../lesson/types.ts";
 * import type { DockerProbe } from "./types.ts";
 *
 * const probe: DockerProbe = {
 *   kind: "docker.attached",
 *   container: "redis-cache",
 *   network: "ai-service-network",
 * };
 * const check: Check = { id: "redis-attached", title: "Redis joined", hint: "…", probe };
 * ```
 * @module
 */
import type { Expectation } from "../lesson/types.ts";

/** A network exists under this exact name, optionally with a driver, scope and isolation. */
export type DockerNetworkProbe = {
  /** The probe kind. */
  kind: "docker.network";
  /** The network's exact name (or its id). */
  network: string;
  /** The driver it must use, e.g. `bridge`. */
  driver?: string;
  /** The scope it must have, e.g. `local`. */
  scope?: string;
  /** Whether it must be internal (no route outside); not compared when absent. */
  internal?: boolean;
};

/** A container exists and is running (or stopped). */
export type DockerContainerProbe = {
  /** The probe kind. */
  kind: "docker.container";
  /** The container's name (or its id). */
  container: string;
  /** Whether it must be running (true when absent) or stopped. */
  running?: boolean;
  /** The image reference it must have been created from, e.g. `redis:7-alpine`. */
  image?: string;
};

/** A container is (or is not) attached to a network, seen from both sides. */
export type DockerAttachedProbe = {
  /** The probe kind. */
  kind: "docker.attached";
  /** The container's name (or its id). */
  container: string;
  /** The network's exact name (or its id). */
  network: string;
  /** Whether it must be attached (true when absent) or detached. */
  attached?: boolean;
  /** DNS aliases the container must have on that network. */
  aliases?: string[];
};

/** A name resolves (or does not) through the DNS of a network, seen from a probe container. */
export type DockerResolvesProbe = {
  /** The probe kind. */
  kind: "docker.resolves";
  /** The name to look up, e.g. `redis-cache`. */
  name: string;
  /** The network the probe container joins. */
  network: string;
  /** Whether the name must resolve (true when absent) or not. */
  resolves?: boolean;
  /** A container whose address on `network` must be the only answer (with `resolves: true`). */
  sameAs?: string;
  /** The probe container's image; `alpine:latest` when absent (needs busybox `nslookup`). */
  image?: string;
};

/** A TCP port is open (or not) from a probe container on a network. */
export type DockerTcpProbe = {
  /** The probe kind. */
  kind: "docker.tcp";
  /** The host to connect to: a container name, alias or address. */
  host: string;
  /** The port. */
  port: number;
  /** The network the probe container joins. */
  network: string;
  /** Whether the port must accept connections (true when absent) or not. */
  open?: boolean;
  /** The probe container's image; `alpine:latest` when absent (needs busybox `nc`). */
  image?: string;
};

/** An HTTP request from a probe container gets the expected status and JSON. */
export type DockerHttpProbe = {
  /** The probe kind. */
  kind: "docker.http";
  /** The URL, e.g. `http://agent:8000/health`. */
  url: string;
  /** The network the probe container joins; the engine host's network when absent. */
  network?: string;
  /** The expected status; 200 when absent. */
  status?: number;
  /** A JSON subset the body must contain; strings may hold placeholders. */
  json?: unknown;
  /** The method; GET when absent. */
  method?: "GET" | "POST";
  /** The request body (POST). */
  body?: string;
  /** Request headers. */
  headers?: Record<string, string>;
  /** The probe container's image; `alpine:latest` when absent (needs curl or busybox `wget`). */
  image?: string;
};

/** A read-only command in an existing container prints what is expected. */
export type DockerExecProbe = {
  /** The probe kind. */
  kind: "docker.exec";
  /** The container's name (or its id). */
  container: string;
  /** The command, run with `sh -c`; it must not change anything. */
  command: string;
  /** The expected stdout; not compared when absent. */
  stdout?: Expectation;
  /** The expected exit code; 0 when absent. */
  exitCode?: number;
};

/** A volume exists (or does not). */
export type DockerVolumeProbe = {
  /** The probe kind. */
  kind: "docker.volume";
  /** The volume's exact name. */
  volume: string;
  /** Whether it must exist (true when absent) or not. */
  exists?: boolean;
};

/** Every Docker probe kind. */
export type DockerProbe =
  | DockerNetworkProbe
  | DockerContainerProbe
  | DockerAttachedProbe
  | DockerResolvesProbe
  | DockerTcpProbe
  | DockerHttpProbe
  | DockerExecProbe
  | DockerVolumeProbe;
