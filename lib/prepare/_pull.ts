/**
 * What preparation asks of the engine before it builds anything: the image as it is there, and
 * a pull that tells "no registry is reachable" (build a stand-in instead) from any other failure.
 * Both go through the client preparation was given, so they ask the engine the lesson runs on.
 * @module
 */
import { type DockerClient, DockerError } from "../docker/mod.ts";

/** What an image inspection tells preparation. */
export interface ImageInfo {
  /** The image ID (`sha256:...`). */
  id: string;
  /** The image's labels (empty when it has none). */
  labels: Record<string, string>;
}

/** How a pull ended. */
export type PullOutcome =
  | { ok: true }
  | { ok: false; message: string; registryUnreachable: boolean };

const unreachable = [
  /no such host/i,
  /dial tcp/i,
  /i\/o timeout/i,
  /connection refused/i,
  /network is unreachable/i,
  /no route to host/i,
  /TLS handshake timeout/i,
  /Client\.Timeout/i,
  /context deadline exceeded/i,
  /server misbehaving/i,
  /temporary failure in name resolution/i,
  /connection reset by peer/i,
];

/** Whether an engine pull error means that no registry could be reached. */
export function isRegistryUnreachable(message: string): boolean {
  return unreachable.some((pattern) => pattern.test(message));
}

/** Inspects the image `ref`; undefined when the engine has none. */
export async function inspectImage(
  docker: DockerClient,
  ref: string,
): Promise<ImageInfo | undefined> {
  try {
    const image = await docker.images.inspect(ref);
    const labels = image.Config?.Labels;
    return { id: image.Id, labels: labels && typeof labels === "object" ? labels : {} };
  } catch (error) {
    if (error instanceof DockerError && error.statusCode === 404) return undefined;
    throw error;
  }
}

/** Pulls `ref` through the engine; a failure is a value saying whether a registry was reached. */
export async function pullImage(docker: DockerClient, ref: string): Promise<PullOutcome> {
  try {
    // A pull streams progress for as long as it downloads: no time limit.
    await docker.images.pull(ref);
    return { ok: true };
  } catch (error) {
    if (!(error instanceof DockerError) || error.statusCode === undefined) throw error;
    const message = error.message.slice(`Cannot pull image "${ref}": `.length);
    return { ok: false, message, registryUnreachable: isRegistryUnreachable(message) };
  }
}
