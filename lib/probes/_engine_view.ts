/**
 * One read of the engine's containers and networks, shared by the probes of a read-only run
 * (grading, a self-check): one list of each kind says which names exist (a name not listed is
 * missing without asking further), and each name that exists is inspected once, however many
 * checks ask about it and however many of them run at once. A check's later attempt (with
 * `retry`) reads afresh, and what it reads replaces the shared answer. Lesson runs do not share:
 * their commands change the engine between checks.
 * @module
 */
import type { ContainerInspect, DockerClient, NetworkInspect } from "../docker/mod.ts";
import { findContainer, findNetwork, isNamed } from "./_find.ts";

/** What one read found by name; undefined when there is none by that exact name or id. */
type Read<T> = (docker: DockerClient, name: string, signal: AbortSignal) => Promise<T | undefined>;

/** The names and ids of every object of a kind. */
type List = (docker: DockerClient, signal: AbortSignal) => Promise<_Listed[]>;

/** One listed object. */
interface _Listed {
  names: string[];
  id: string;
}

/** The shared reads of one target's engine. */
export class EngineView {
  #docker: DockerClient;
  #containers: _Reads<ContainerInspect>;
  #networks: _Reads<NetworkInspect>;

  /** A view of `docker` that has read nothing yet. */
  constructor(docker: DockerClient) {
    this.#docker = docker;
    this.#containers = new _Reads(
      findContainer,
      async (docker, signal) =>
        (await docker.containers.list({ all: true, signal })).map((c) => ({
          names: c.Names.map((n) => n.replace(/^\//, "")),
          id: c.Id,
        })),
    );
    this.#networks = new _Reads(
      findNetwork,
      async (docker, signal) =>
        (await docker.networks.list({ signal })).map((n) => ({ names: [n.Name], id: n.Id })),
    );
  }

  /** The container by exact name or id, as first read (afresh when `fresh`). */
  container(
    name: string,
    signal: AbortSignal,
    fresh = false,
  ): Promise<ContainerInspect | undefined> {
    return this.#containers.get(this.#docker, name, signal, fresh);
  }

  /** The network by exact name or id, as first read (afresh when `fresh`). */
  network(name: string, signal: AbortSignal, fresh = false): Promise<NetworkInspect | undefined> {
    return this.#networks.get(this.#docker, name, signal, fresh);
  }
}

/** A read in flight or done, and the signal of the probe that started it. */
interface _Shared<T> {
  promise: Promise<T>;
  signal: AbortSignal;
}

/** Reads of one kind, by name: the promise of the latest read, shared by everyone who asks. */
class _Reads<T> {
  #read: Read<T>;
  #list: List;
  #listed: _Shared<_Listed[]> | undefined;
  #byName = new Map<string, _Shared<T | undefined>>();

  constructor(read: Read<T>, list: List) {
    this.#read = read;
    this.#list = list;
  }

  /** Whether the latest list holds an object by that exact name or id. */
  async #isListed(
    docker: DockerClient,
    name: string,
    signal: AbortSignal,
    fresh: boolean,
  ): Promise<boolean> {
    if (this.#listed === undefined || fresh) {
      this.#listed = { promise: this.#list(docker, signal), signal };
    }
    const entry = this.#listed;
    try {
      const listed = await entry.promise;
      return listed.some((o) => o.names.some((n) => isNamed(n, o.id, name)));
    } catch (error) {
      if (this.#listed === entry) this.#listed = undefined;
      if (entry.signal !== signal && entry.signal.aborted && !signal.aborted) {
        return await this.#isListed(docker, name, signal, false);
      }
      throw error;
    }
  }

  async get(
    docker: DockerClient,
    name: string,
    signal: AbortSignal,
    fresh: boolean,
  ): Promise<T | undefined> {
    let entry = this.#byName.get(name);
    if (entry === undefined || fresh) {
      const read = async () =>
        (await this.#isListed(docker, name, signal, fresh))
          ? await this.#read(docker, name, signal)
          : undefined;
      entry = { promise: read(), signal };
      this.#byName.set(name, entry);
    }
    try {
      return await entry.promise;
    } catch (error) {
      // A failed read is not kept; one cut short by another probe's deadline is read again.
      if (this.#byName.get(name) === entry) this.#byName.delete(name);
      if (entry.signal !== signal && entry.signal.aborted && !signal.aborted) {
        return await this.get(docker, name, signal, false);
      }
      throw error;
    }
  }
}
