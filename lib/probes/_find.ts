/**
 * Finding containers, networks and volumes by exact name (or id), where "not found" is an
 * answer, not an error.
 * @module
 */
import type {
  ContainerInspect,
  DockerClient,
  NetworkInspect,
  VolumeInspect,
} from "../docker/mod.ts";
import { DockerError } from "../docker/mod.ts";

/** Whether an inspected object is the one named: its exact name, or an id of 12+ hex digits. */
export function isNamed(name: string, id: string, wanted: string): boolean {
  return name === wanted || (/^[0-9a-f]{12,64}$/.test(wanted) && id.startsWith(wanted));
}

/** Inspects a container; undefined when there is none by that exact name or id. */
export async function findContainer(
  docker: DockerClient,
  wanted: string,
  signal: AbortSignal,
): Promise<ContainerInspect | undefined> {
  const found = await absentOn404(docker.containers.inspect(wanted, { signal }));
  return found && isNamed(found.Name.replace(/^\//, ""), found.Id, wanted) ? found : undefined;
}

/**
 * Inspects a network, with its attached containers; undefined when there is none by that exact
 * name or id (the engine also matches id prefixes, and its list filter matches substrings).
 */
export async function findNetwork(
  docker: DockerClient,
  wanted: string,
  signal: AbortSignal,
): Promise<NetworkInspect | undefined> {
  const found = await absentOn404(docker.networks.inspect(wanted, { signal }));
  return found && isNamed(found.Name, found.Id, wanted) ? found : undefined;
}

/** Inspects a volume; undefined when there is none by that exact name. */
export function findVolume(
  docker: DockerClient,
  wanted: string,
  signal: AbortSignal,
): Promise<VolumeInspect | undefined> {
  return absentOn404(docker.volumes.inspect(wanted, { signal }));
}

/** A container's name without the leading slash. */
export function containerName(container: ContainerInspect): string {
  return container.Name.replace(/^\//, "");
}

/** Whether a container runs and is not paused. */
export function isRunning(container: ContainerInspect): boolean {
  return container.State.Running && !container.State.Paused;
}

async function absentOn404<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof DockerError && error.statusCode === 404) return undefined;
    throw error;
  }
}

/** A failing verdict that waiting cannot change: what the check needs is missing. */
export interface Missing {
  ok: false;
  evidence: string;
  message: string;
  final: true;
}

/** The verdict for a container that does not exist. */
export function noContainer(name: string): Missing {
  return missing(`no container named "${name}"`);
}

/** The verdict for a network that does not exist. */
export function noNetwork(name: string): Missing {
  return missing(`no network named "${name}"`);
}

/** A failing verdict for something missing, in these words. */
export function missing(message: string): Missing {
  return { ok: false, evidence: message, message, final: true };
}

/**
 * A failing verdict when a probe container's network does not exist (the learner has not made
 * it, or misspelled it): the state is wrong, which is a fail, not a probe error.
 */
export async function networkMissing(
  find: (name: string) => Promise<NetworkInspect | undefined>,
  network: string | undefined,
): Promise<Missing | undefined> {
  if (network === undefined || network === "host") return undefined;
  if (await find(network)) return undefined;
  return noNetwork(network);
}
