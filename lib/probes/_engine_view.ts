/**
 * One read of the engine's containers and networks, shared by the probes of a read-only run
 * (grading, a self-check): each name is inspected once, however many checks ask about it and
 * however many of them run at once. A check's later attempt (with `retry`) reads afresh, and
 * what it reads replaces the shared answer. Lesson runs do not share: their commands change the
 * engine between checks.
 * @module
 */
import type { ContainerInspect, DockerClient, NetworkInspect } from "../docker/mod.ts";
import { findContainer, findNetwork } from "./_find.ts";

/** What one read found by name; undefined when there is none by that exact name or id. */
type Read<T> = (docker: DockerClient, name: string, signal: AbortSignal) => Promise<T | undefined>;

/** The shared reads of one target's engine. */
export class EngineView {
  #docker: DockerClient;
  #containers: _Reads<ContainerInspect>;
  #networks: _Reads<NetworkInspect>;

  /** A view of `docker` that has read nothing yet. */
  constructor(docker: DockerClient) {
    this.#docker = docker;
    this.#containers = new _Reads(findContainer);
    this.#networks = new _Reads(findNetwork);
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

/** Reads of one kind, by name: the promise of the latest read, shared by everyone who asks. */
class _Reads<T> {
  #read: Read<T>;
  #byName = new Map<string, { promise: Promise<T | undefined>; signal: AbortSignal }>();

  constructor(read: Read<T>) {
    this.#read = read;
  }

  async get(
    docker: DockerClient,
    name: string,
    signal: AbortSignal,
    fresh: boolean,
  ): Promise<T | undefined> {
    let entry = this.#byName.get(name);
    if (entry === undefined || fresh) {
      entry = { promise: this.#read(docker, name, signal), signal };
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
