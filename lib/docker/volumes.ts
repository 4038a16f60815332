/**
 * Volumes: create, list by label, inspect, remove.
 * @module
 */
import type { Transport } from "./_transport.ts";
import { filters, seg } from "./_util.ts";

/** A volume (the fields we read). */
export interface VolumeInspect {
  /** The name. */
  Name: string;
  /** The driver. */
  Driver: string;
  /** Where the data lives on the engine's host. */
  Mountpoint: string;
  /** Labels. */
  Labels: Record<string, string> | null;
  /** `local` or `global`. */
  Scope: string;
  /** Any other field. */
  [key: string]: unknown;
}

/** Volume operations of one client. */
export class Volumes {
  #api: Transport;

  /** Binds the operations to a transport. */
  constructor(api: Transport) {
    this.#api = api;
  }

  /** Creates a volume (a generated name when absent); resolves with it. */
  create(
    options: {
      name?: string;
      driver?: string;
      labels?: Record<string, string>;
      driverOpts?: Record<string, string>;
      signal?: AbortSignal;
    } = {},
  ): Promise<VolumeInspect> {
    return this.#api.json<VolumeInspect>({
      method: "POST",
      path: "/volumes/create",
      body: {
        Name: options.name,
        Driver: options.driver ?? "local",
        Labels: options.labels,
        DriverOpts: options.driverOpts,
      },
      ok: [201],
      action: "create volume",
      subject: options.name,
      signal: options.signal,
    });
  }

  /** Lists volumes, optionally by labels (`key` or `key=value`) and name. */
  async list(
    options: { labels?: string[]; name?: string; signal?: AbortSignal } = {},
  ): Promise<VolumeInspect[]> {
    const answer = await this.#api.json<{ Volumes: VolumeInspect[] | null }>({
      method: "GET",
      path: "/volumes",
      query: { filters: filters({ label: options.labels, name: options.name }) },
      ok: [200],
      action: "list volumes",
      signal: options.signal,
    });
    const volumes = answer.Volumes ?? [];
    return options.name === undefined ? volumes : volumes.filter((v) => v.Name === options.name);
  }

  /** Reads a volume. */
  inspect(name: string, options: { signal?: AbortSignal } = {}): Promise<VolumeInspect> {
    return this.#api.json<VolumeInspect>({
      method: "GET",
      path: `/volumes/${seg(name)}`,
      ok: [200],
      action: "inspect volume",
      subject: name,
      signal: options.signal,
    });
  }

  /** Removes a volume. */
  async remove(
    name: string,
    options: { force?: boolean; signal?: AbortSignal } = {},
  ): Promise<void> {
    await this.#api.json({
      method: "DELETE",
      path: `/volumes/${seg(name)}`,
      query: { force: options.force },
      ok: [204],
      action: "remove volume",
      subject: name,
      signal: options.signal,
    });
  }
}
