/**
 * Volumes: create, list by label and exact name, inspect, remove.
 * @module
 */
import { EngineObjects, exactName, KINDS } from "./_objects.ts";
import type { DriverObject, ListFilters } from "./_objects.ts";
import type { Transport } from "./_transport.ts";

/** A volume (the fields we read). */
export interface VolumeInspect extends DriverObject {
  /** Where the data lives on the engine's host. */
  Mountpoint: string;
}

/** Volume operations of one client. */
export class Volumes extends EngineObjects<VolumeInspect> {
  /** Binds the operations to a transport. */
  constructor(api: Transport) {
    super(api, KINDS.volume);
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
    return this.api.json<VolumeInspect>({
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

  /** Lists volumes, optionally by labels (`key` or `key=value`) and exact name. */
  async list(options: ListFilters = {}): Promise<VolumeInspect[]> {
    const answer = await this.listObjects<{ Volumes: VolumeInspect[] | null }>(
      {},
      { label: options.labels, name: options.name },
      options.signal,
    );
    return exactName(answer.Volumes ?? [], options.name);
  }

  /** Removes a volume. */
  async remove(
    name: string,
    options: { force?: boolean; signal?: AbortSignal } = {},
  ): Promise<void> {
    await this.removeObject(name, { force: options.force }, options.signal);
  }
}
