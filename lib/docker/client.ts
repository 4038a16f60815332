/**
 * The Docker client: connects to one engine, negotiates the API version, and gathers the
 * container, exec, network, volume and image operations.
 * @module
 */
import type { Agent } from "node:http";
import Modem from "docker-modem";
import { inspect } from "node:util";
import { Transport } from "./_transport.ts";
import { attach, type AttachOptions } from "./attach.ts";
import { Containers } from "./containers.ts";
import { DockerError } from "./errors.ts";
import { exec, type ExecOptions, type ExecResult } from "./exec.ts";
import { type ExecSession, type ExecSessionOptions, openExec } from "./exec_session.ts";
import {
  connectHint,
  describeEndpoint,
  type DockerEndpoint,
  type DockerHostOptions,
  resolveDockerHost,
} from "./host.ts";
import { Images } from "./images.ts";
import { Networks } from "./networks.ts";
import { negotiateApiVersion } from "./version.ts";
import { Volumes } from "./volumes.ts";

/** How to reach the engine. */
export interface ConnectOptions extends DockerHostOptions {
  /** Cancels connecting (the version request). */
  signal?: AbortSignal;
  /** An `http.Agent` that makes the connections, e.g. one tunnelling through SSH. */
  agent?: Agent;
  /** The time limit of unary calls in milliseconds; 30 000 when absent. */
  timeoutMs?: number;
}

/** What unversioned `GET /version` reports (the fields we read). */
export interface EngineVersion {
  /** The engine's release, e.g. `20.10.24+dfsg1`. */
  Version: string;
  /** The newest API version it speaks. */
  ApiVersion: string;
  /** The oldest API version it accepts. */
  MinAPIVersion: string;
  /** `linux` or `windows`. */
  Os: string;
  /** The CPU architecture. */
  Arch: string;
  /** Any other field. */
  [key: string]: unknown;
}

/** A connection to one engine at one negotiated API version. */
export class DockerClient {
  /** The negotiated API version, e.g. `1.41`. */
  readonly apiVersion: string;
  /** What the engine reported about itself. */
  readonly engine: EngineVersion;
  /** The engine address. */
  readonly endpoint: DockerEndpoint;
  /** Container operations. */
  readonly containers: Containers;
  /** Network operations. */
  readonly networks: Networks;
  /** Volume operations. */
  readonly volumes: Volumes;
  /** Image operations. */
  readonly images: Images;
  #api: Transport;
  #close: () => Promise<void>;

  /** Use {@link connectDocker}; this wraps an already negotiated transport. */
  constructor(api: Transport, engine: EngineVersion, close?: () => Promise<void>) {
    if (api.apiVersion === undefined) {
      throw new TypeError("Cannot create DockerClient: no API version");
    }
    this.#api = api;
    this.#close = close ?? (() => Promise.resolve());
    this.apiVersion = api.apiVersion;
    this.engine = engine;
    this.endpoint = api.endpoint;
    this.containers = new Containers(api);
    this.networks = new Networks(api);
    this.volumes = new Volumes(api);
    this.images = new Images(api);
  }

  /**
   * Ends what connectDocker opened for this client (the SSH connection of an `ssh://` address);
   * nothing for an engine reached through a socket or a caller's agent.
   */
  close(): Promise<void> {
    return this.#close();
  }

  /** Names the engine for messages: `"/var/run/docker.sock"` or `"tcp://…" (DOCKER_HOST)`. */
  get description(): string {
    return describeEndpoint(this.endpoint);
  }

  /** Runs one command in a running container; see {@link exec}. */
  exec(container: string, cmd: string[], options?: ExecOptions): Promise<ExecResult> {
    return exec(this.#api, container, cmd, options);
  }

  /** Opens a long-lived exec with stdin open (TTY or framed); see {@link openExec}. */
  openExec(container: string, cmd: string[], options?: ExecSessionOptions): Promise<ExecSession> {
    return openExec(this.#api, container, cmd, options);
  }

  /** Opens an interactive TTY exec (raw output) to type into. */
  openTtyExec(
    container: string,
    cmd: string[],
    options?: Omit<ExecSessionOptions, "tty">,
  ): Promise<ExecSession> {
    return openExec(this.#api, container, cmd, { ...options, tty: true });
  }

  /** Attaches to a running container's main process (`docker attach`); see {@link attach}. */
  attach(container: string, options?: AttachOptions): Promise<ExecSession> {
    return attach(this.#api, container, options);
  }

  /** Checks that the engine answers (`GET /_ping`). */
  async ping(options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.#api.json({
      method: "GET",
      path: "/_ping",
      ok: [200],
      action: "ping Docker at",
      subject: this.endpoint.address,
      unversioned: true,
      signal: options.signal,
    });
  }
}

/**
 * Connects to the engine named by `host`, `socketPath`, `DOCKER_HOST`, the docker context or the
 * default socket, and negotiates the API version. An `ssh://` address without an `agent` is
 * reached through an SSH connection of its own (ended by {@link DockerClient.close}, and never
 * holding the process open while idle). Rejects with a {@link DockerError} naming the address
 * when nothing answers.
 */
export async function connectDocker(options: ConnectOptions = {}): Promise<DockerClient> {
  const endpoint = resolveDockerHost(options);
  const where = describeEndpoint(endpoint);
  let agent = options.agent;
  let close: (() => Promise<void>) | undefined;
  if (endpoint.kind === "ssh" && agent === undefined) {
    // Loaded on demand: the SSH stack is only needed for an ssh:// engine.
    const { openSshDockerTunnel } = await import("../ssh/docker_host.ts");
    try {
      const tunnel = await openSshDockerTunnel({
        host: endpoint.hostname!,
        port: endpoint.port,
        user: endpoint.user,
      });
      agent = tunnel.agent;
      close = tunnel.close;
    } catch (error) {
      throw new DockerError(
        `Cannot connect to Docker at ${where}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const api = new Transport(
    new Modem(modemOptions(endpoint, agent)),
    endpoint,
    options.timeoutMs ?? 30_000,
  );
  let engine: EngineVersion;
  try {
    engine = await api.json<EngineVersion>({
      method: "GET",
      path: "/version",
      ok: [200],
      action: "connect to Docker at",
      subject: endpoint.address,
      unversioned: true,
      signal: options.signal,
    });
  } catch (error) {
    await close?.();
    if (error instanceof DockerError && error.statusCode !== undefined) {
      throw new DockerError(
        `Cannot connect to Docker at ${where}: ${error.message.replace(/^Cannot [^:]*: /, "")}: ${
          connectHint(endpoint)
        }`,
        { statusCode: error.statusCode, json: error.json, cause: error },
      );
    }
    throw error;
  }
  api.apiVersion = negotiateApiVersion(engine);
  return new DockerClient(api, engine, close);
}

function modemOptions(
  endpoint: DockerEndpoint,
  agent: Agent | undefined,
): Modem.ConstructorOptions {
  // docker-modem formats every request's options with util.inspect (hidden fields, no depth
  // limit) even when its debug output is off; through an SSH agent that walked the whole SSH
  // client on every API call, most of the grader's CPU time. The agent prints as its name,
  // unless its class says how it prints (StreamLocalAgent: its host and socket).
  if (agent !== undefined && !(inspect.custom in agent)) {
    Object.defineProperty(agent, inspect.custom, { value: () => `[${agent.constructor.name}]` });
  }
  // Every field is explicit: docker-modem fills what is left out from DOCKER_HOST and friends.
  const base: Modem.ConstructorOptions = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: "http",
    timeout: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    agent,
  };
  if (endpoint.kind === "tcp") {
    return {
      ...base,
      host: endpoint.hostname,
      port: endpoint.port,
      protocol: endpoint.tls ? "https" : "http",
      ...(endpoint.tls ?? {}),
    };
  }
  // unix, or ssh through the agent: the socket path only names the connection for the agent.
  return { ...base, socketPath: endpoint.socketPath ?? "/var/run/docker.sock" };
}
