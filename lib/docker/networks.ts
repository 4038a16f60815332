/**
 * Networks: create, list (exact names), inspect, connect with aliases, disconnect, remove.
 * @module
 */
import { EngineObjects, exactName, KINDS } from "./_objects.ts";
import type { DriverObject, ListFilters } from "./_objects.ts";
import type { Transport } from "./_transport.ts";
import { seg } from "./_util.ts";

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
export interface NetworkInspect extends DriverObject {
  /** The full id. */
  Id: string;
  /** Whether it has no outside route. */
  Internal: boolean;
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
}

/** Network operations of one client. */
export class Networks extends EngineObjects<NetworkInspect> {
  /** Binds the operations to a transport. */
  constructor(api: Transport) {
    super(api, KINDS.network);
  }

  /** Creates a network; resolves with its id. */
  async create(options: CreateNetworkOptions): Promise<string> {
    const ipam = options.subnet === undefined
      ? undefined
      : { Driver: "default", Config: [{ Subnet: options.subnet, Gateway: options.gateway }] };
    const created = await this.api.json<{ Id: string }>({
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
  async list(options: ListFilters = {}): Promise<NetworkInspect[]> {
    const networks = await this.listObjects<NetworkInspect[]>(
      {},
      { label: options.labels, name: options.name },
      options.signal,
    );
    return exactName(networks, options.name);
  }

  /** Connects a container, optionally with DNS aliases and a fixed IPv4 address. */
  async connect(
    network: string,
    container: string,
    options: { aliases?: string[]; ipv4Address?: string; signal?: AbortSignal } = {},
  ): Promise<void> {
    await this.api.json({
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
    await this.api.json({
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
    await this.removeObject(idOrName, {}, options.signal);
  }
}
