/**
 * Networks: create, list (exact names), inspect, connect with aliases, disconnect, remove.
 * @module
 */
import type { Transport } from "./_transport.ts";
import { filters, seg } from "./_util.ts";

/** What network to create. */
export interface CreateNetworkOptions {
  /** The name. */
  name: string;
  /** The driver; `bridge` when absent. */
  driver?: string;
  /** Labels. */
  labels?: Record<string, string>;
  /** No route outside the network. */
  internal?: boolean;
  /** A subnet in CIDR form, e.g. `172.30.0.0/24`; the engine picks one when absent. */
  subnet?: string;
  /** The gateway inside `subnet`. */
  gateway?: string;
  /** Cancels the call. */
  signal?: AbortSignal;
}

/** A network as listed and inspected (the fields we read). */
export interface NetworkInspect {
  /** The full id. */
  Id: string;
  /** The name. */
  Name: string;
  /** The driver. */
  Driver: string;
  /** `local` or `swarm`. */
  Scope: string;
  /** Whether it has no outside route. */
  Internal: boolean;
  /** Labels. */
  Labels: Record<string, string> | null;
  /** Address management. */
  IPAM: { Driver: string; Config: Array<{ Subnet?: string; Gateway?: string }> | null };
  /** Attached containers by id (inspect only; empty in lists). */
  Containers?: Record<
    string,
    {
      Name: string;
      EndpointID: string;
      MacAddress: string;
      IPv4Address: string;
      IPv6Address: string;
    }
  >;
  /** Any other field. */
  [key: string]: unknown;
}

/** Network operations of one client. */
export class Networks {
  #api: Transport;

  /** Binds the operations to a transport. */
  constructor(api: Transport) {
    this.#api = api;
  }

  /** Creates a network; resolves with its id. */
  async create(options: CreateNetworkOptions): Promise<string> {
    const ipam = options.subnet === undefined
      ? undefined
      : { Driver: "default", Config: [{ Subnet: options.subnet, Gateway: options.gateway }] };
    const created = await this.#api.json<{ Id: string }>({
      method: "POST",
      path: "/networks/create",
      body: {
        Name: options.name,
        CheckDuplicate: true,
        Driver: options.driver ?? "bridge",
        Internal: options.internal ?? false,
        Labels: options.labels,
        IPAM: ipam,
      },
      ok: [201],
      action: "create network",
      subject: options.name,
      signal: options.signal,
    });
    return created.Id;
  }

  /** Lists networks by labels and/or exact name (the engine's `name` filter matches substrings). */
  async list(
    options: { labels?: string[]; name?: string; signal?: AbortSignal } = {},
  ): Promise<NetworkInspect[]> {
    const networks = await this.#api.json<NetworkInspect[]>({
      method: "GET",
      path: "/networks",
      query: { filters: filters({ label: options.labels, name: options.name }) },
      ok: [200],
      action: "list networks",
      signal: options.signal,
    });
    return options.name === undefined ? networks : networks.filter((n) => n.Name === options.name);
  }

  /** Reads a network, with its attached containers. */
  inspect(idOrName: string, options: { signal?: AbortSignal } = {}): Promise<NetworkInspect> {
    return this.#api.json<NetworkInspect>({
      method: "GET",
      path: `/networks/${seg(idOrName)}`,
      ok: [200],
      action: "inspect network",
      subject: idOrName,
      signal: options.signal,
    });
  }

  /** Connects a container, optionally with DNS aliases and a fixed IPv4 address. */
  async connect(
    network: string,
    container: string,
    options: { aliases?: string[]; ipv4Address?: string; signal?: AbortSignal } = {},
  ): Promise<void> {
    await this.#api.json({
      method: "POST",
      path: `/networks/${seg(network)}/connect`,
      body: {
        Container: container,
        EndpointConfig: {
          Aliases: options.aliases,
          IPAMConfig: options.ipv4Address ? { IPv4Address: options.ipv4Address } : undefined,
        },
      },
      ok: [200],
      action: `connect container "${container}" to network`,
      subject: network,
      signal: options.signal,
    });
  }

  /** Disconnects a container; `force` also works when the container is stopped or gone. */
  async disconnect(
    network: string,
    container: string,
    options: { force?: boolean; signal?: AbortSignal } = {},
  ): Promise<void> {
    await this.#api.json({
      method: "POST",
      path: `/networks/${seg(network)}/disconnect`,
      body: { Container: container, Force: options.force ?? false },
      ok: [200],
      action: `disconnect container "${container}" from network`,
      subject: network,
      signal: options.signal,
    });
  }

  /** Removes a network. */
  async remove(idOrName: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.#api.json({
      method: "DELETE",
      path: `/networks/${seg(idOrName)}`,
      ok: [204, 200],
      action: "remove network",
      subject: idOrName,
      signal: options.signal,
    });
  }
}
