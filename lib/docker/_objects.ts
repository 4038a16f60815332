/**
 * What the engine's object kinds share: an id or name in the path, inspect, remove, and a list
 * with label and name filters. Containers, images, networks and volumes name their paths here
 * and keep only what is theirs.
 * @module
 */
import type { QueryValue, Transport } from "./_transport.ts";
import { filters, seg } from "./_util.ts";

/** One kind of engine object: its noun and its paths. */
export interface ObjectKind {
  /** The noun in messages: `container`. */
  noun: string;
  /** The collection path: `/containers`. */
  base: string;
  /** What follows the id in the inspect path: `/json`, or nothing. */
  inspectSuffix: "/json" | "";
  /** The list path: `/containers/json`, `/networks`. */
  listPath: string;
}

/** The four kinds. */
export const KINDS = {
  container: {
    noun: "container",
    base: "/containers",
    inspectSuffix: "/json",
    listPath: "/containers/json",
  },
  image: { noun: "image", base: "/images", inspectSuffix: "/json", listPath: "/images/json" },
  network: { noun: "network", base: "/networks", inspectSuffix: "", listPath: "/networks" },
  volume: { noun: "volume", base: "/volumes", inspectSuffix: "", listPath: "/volumes" },
} as const satisfies Record<string, ObjectKind>;

/** Fields networks and volumes share: named, made by a driver, labelled, scoped. */
export interface DriverObject {
  /** The name. */
  Name: string;
  /** The driver. */
  Driver: string;
  /** `local`, `global` or `swarm`. */
  Scope: string;
  /** Labels. */
  Labels: Record<string, string> | null;
  /** Any other field. */
  [key: string]: unknown;
}

/** The filters every list takes. */
export interface ListFilters {
  /** Labels, `key` or `key=value`. */
  labels?: string[];
  /** A name (the engine matches parts of names; see {@link exactName}). */
  name?: string;
  /** Cancels the call. */
  signal?: AbortSignal;
}

/** The operations every kind has, bound to one transport; a kind's class adds its own. */
export abstract class EngineObjects<Inspect> {
  /** The transport the operations use. */
  protected readonly api: Transport;
  readonly #kind: ObjectKind;

  /** Binds the operations to a transport and a kind. */
  constructor(api: Transport, kind: ObjectKind) {
    this.api = api;
    this.#kind = kind;
  }

  /** Reads one object by id or name. */
  inspect(idOrName: string, options: { signal?: AbortSignal } = {}): Promise<Inspect> {
    const kind = this.#kind;
    return this.api.json<Inspect>({
      method: "GET",
      path: `${kind.base}/${seg(idOrName)}${kind.inspectSuffix}`,
      ok: [200],
      action: `inspect ${kind.noun}`,
      subject: idOrName,
      signal: options.signal,
    });
  }

  /** Removes one object, with the kind's query options (`force`, `v`, `noprune`). */
  protected async removeObject(
    idOrName: string,
    query: Record<string, QueryValue>,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    await this.api.json({
      method: "DELETE",
      path: `${this.#kind.base}/${seg(idOrName)}`,
      query,
      ok: [200, 204],
      action: `remove ${this.#kind.noun}`,
      subject: idOrName,
      signal,
    });
  }

  /** Lists the kind's objects as the engine answers, with the kind's own query and filters. */
  protected listObjects<Answer>(
    query: Record<string, QueryValue>,
    filter: Record<string, string[] | string | undefined>,
    signal: AbortSignal | undefined,
  ): Promise<Answer> {
    return this.api.json<Answer>({
      method: "GET",
      path: this.#kind.listPath,
      query: { ...query, filters: filters(filter) },
      ok: [200],
      action: `list ${this.#kind.noun}s`,
      signal,
    });
  }
}

/** Keeps the objects named exactly `name` (all of them when it is absent). */
export function exactName<T extends { Name: string }>(objects: T[], name: string | undefined): T[] {
  return name === undefined ? objects : objects.filter((o) => o.Name === name);
}
