/**
 * Containers: create (with networks, aliases, ports and mounts), start, inspect, wait, logs,
 * stop, remove and list. Their shapes are in `container_types.ts`.
 * @module
 */
import { FrameCollector, FrameDemuxer } from "./_frames.ts";
import { EngineObjects, KINDS } from "./_objects.ts";
import type { Transport } from "./_transport.ts";
import { envList, seg } from "./_util.ts";
import type {
  ContainerInspect,
  ContainerSummary,
  CreateContainerOptions,
  WaitResult,
} from "./container_types.ts";
import { cannot, DockerError } from "./errors.ts";
import { apiAtLeast } from "./version.ts";

export type {
  ContainerEndpoint,
  ContainerInspect,
  ContainerSummary,
  CreateContainerOptions,
  NetworkAttachment,
  PublishedPort,
  WaitResult,
} from "./container_types.ts";

/** Container operations of one client. */
export class Containers extends EngineObjects<ContainerInspect> {
  /** Binds the operations to a transport. */
  constructor(api: Transport) {
    super(api, KINDS.container);
  }

  /** Creates a container and connects its extra networks; resolves with its id. */
  async create(options: CreateContainerOptions): Promise<string> {
    const subject = options.name ?? options.image;
    const networks = (options.networks ?? []).map((n) => typeof n === "string" ? { name: n } : n);
    const allAtCreate = apiAtLeast(this.api.apiVersion ?? "1.24", "1.44");
    const atCreate = allAtCreate ? networks : networks.slice(0, 1);
    const later = allAtCreate ? [] : networks.slice(1);
    const exposed: Record<string, object> = {};
    const bindings: Record<string, Array<{ HostIp?: string; HostPort?: string }>> = {};
    for (const port of options.ports ?? []) {
      const key = `${port.containerPort}/${port.protocol ?? "tcp"}`;
      exposed[key] = {};
      (bindings[key] ??= []).push({
        HostIp: port.hostIp ?? "",
        HostPort: port.hostPort === undefined ? "" : String(port.hostPort),
      });
    }
    const body = {
      Image: options.image,
      Cmd: options.cmd,
      Entrypoint: options.entrypoint,
      Env: envList(options.env),
      Labels: options.labels,
      Tty: options.tty ?? false,
      OpenStdin: options.openStdin ?? false,
      StdinOnce: false,
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      WorkingDir: options.workdir,
      User: options.user,
      Hostname: options.hostname,
      ExposedPorts: options.ports?.length ? exposed : undefined,
      Volumes: options.volumes?.length
        ? Object.fromEntries(options.volumes.map((path) => [path, {}]))
        : undefined,
      HostConfig: {
        Binds: options.binds,
        PortBindings: options.ports?.length ? bindings : undefined,
        NetworkMode: atCreate[0]?.name,
        ...options.hostConfig,
      },
      NetworkingConfig: atCreate.length
        ? {
          EndpointsConfig: Object.fromEntries(
            atCreate.map((n) => [n.name, { Aliases: n.aliases }]),
          ),
        }
        : undefined,
    };
    const created = await this.api.json<{ Id: string }>({
      method: "POST",
      path: "/containers/create",
      query: { name: options.name },
      body,
      ok: [201],
      action: "create container",
      subject,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    for (const network of later) {
      try {
        await this.api.json({
          method: "POST",
          path: `/networks/${seg(network.name)}/connect`,
          body: { Container: created.Id, EndpointConfig: { Aliases: network.aliases } },
          ok: [200],
          action: "create container",
          subject,
          signal: options.signal,
        });
      } catch (error) {
        await this.remove(created.Id, { force: true }).catch(() => {});
        const detail = error instanceof Error
          ? error.message.replace(/^Cannot [^:]*: /, "")
          : String(error);
        const from = error instanceof DockerError ? error : undefined;
        throw new DockerError(
          cannot("create container", subject, `network "${network.name}": ${detail}`),
          { statusCode: from?.statusCode, json: from?.json, code: from?.code, cause: error },
        );
      }
    }
    return created.Id;
  }

  /** Starts a container; starting a running one is not an error. */
  async start(
    id: string,
    options: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<void> {
    await this.api.json({
      method: "POST",
      path: `/containers/${seg(id)}/start`,
      ok: [204, 304],
      action: "start container",
      subject: id,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
  }

  /** Waits until the container stops (no time limit unless `timeoutMs`); resolves with its exit code. */
  async wait(
    id: string,
    options: {
      condition?: "not-running" | "next-exit" | "removed";
      timeoutMs?: number;
      signal?: AbortSignal;
    } = {},
  ): Promise<WaitResult> {
    const result = await this.api.json<
      { StatusCode: number; Error?: { Message?: string } | null }
    >({
      method: "POST",
      path: `/containers/${seg(id)}/wait`,
      query: { condition: options.condition },
      ok: [200],
      action: "wait for container",
      subject: id,
      timeoutMs: options.timeoutMs ?? 0,
      signal: options.signal,
    });
    const error = result.Error?.Message;
    return error ? { exitCode: result.StatusCode, error } : { exitCode: result.StatusCode };
  }

  /** Reads a container's logs so far, demultiplexed unless the container has a TTY. */
  async logs(
    id: string,
    options: { tail?: number; since?: number; timestamps?: boolean; signal?: AbortSignal } = {},
  ): Promise<{ stdout: string; stderr: string }> {
    const info = await this.inspect(id, { signal: options.signal });
    const call = {
      method: "GET" as const,
      path: `/containers/${seg(id)}/logs`,
      query: {
        stdout: true,
        stderr: true,
        tail: options.tail === undefined ? undefined : String(options.tail),
        since: options.since,
        timestamps: options.timestamps,
      },
      ok: [200],
      action: "read logs of container",
      subject: id,
      signal: options.signal,
    };
    const res = await this.api.stream(call);
    const collector = new FrameCollector();
    const demuxer = new FrameDemuxer((stream, payload) => collector.add(stream, payload));
    await new Promise<void>((resolve, reject) => {
      res.on("data", (chunk: Buffer) => {
        if (info.Config.Tty) collector.stdout.push(chunk);
        else {
          try {
            demuxer.push(chunk);
          } catch (error) {
            res.destroy();
            reject(this.api.error(call, error));
          }
        }
      });
      res.on("end", resolve);
      res.on("error", (error) => reject(this.api.error(call, error)));
    });
    return collector.text();
  }

  /** Stops a container (SIGTERM, then SIGKILL after `timeSeconds`); a stopped one is not an error. */
  async stop(
    id: string,
    options: { timeSeconds?: number; signal?: AbortSignal } = {},
  ): Promise<void> {
    const seconds = options.timeSeconds ?? 10;
    await this.api.json({
      method: "POST",
      path: `/containers/${seg(id)}/stop`,
      query: { t: seconds },
      ok: [204, 304],
      action: "stop container",
      subject: id,
      timeoutMs: this.api.timeoutMs + seconds * 1000,
      signal: options.signal,
    });
  }

  /** Sends a Unix signal (`SIGKILL` when absent) to a container's main process. */
  async kill(
    id: string,
    unixSignal?: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    await this.api.json({
      method: "POST",
      path: `/containers/${seg(id)}/kill`,
      query: { signal: unixSignal },
      ok: [204],
      action: "kill container",
      subject: id,
      signal: options.signal,
    });
  }

  /** Removes a container; `force` kills it first, `volumes` removes its anonymous volumes. */
  async remove(
    id: string,
    options: { force?: boolean; volumes?: boolean; signal?: AbortSignal } = {},
  ): Promise<void> {
    await this.removeObject(id, { force: options.force, v: options.volumes }, options.signal);
  }

  /** Lists containers (stopped ones too unless `all: false`), filtered by labels or name. */
  list(
    options: { all?: boolean; labels?: string[]; name?: string; signal?: AbortSignal } = {},
  ): Promise<ContainerSummary[]> {
    return this.listObjects<ContainerSummary[]>(
      { all: options.all ?? true },
      { label: options.labels, name: options.name },
      options.signal,
    );
  }
}
