/**
 * A small typed Docker Engine API client on docker-modem: connect and negotiate, containers,
 * exec (one-shot and sessions), networks, volumes, images, and the errors they raise.
 *
 * @example
 * ```ts
 * import { connectDocker } from "./lib/docker/mod.ts";
 *
 * const docker = await connectDocker();
 * const result = await docker.exec("web", ["sh", "-c", "echo hi"], { timeoutMs: 5000 });
 * console.log(result.stdout, result.exitCode);
 * ```
 * @module
 */
export { connectDocker, type ConnectOptions, DockerClient, type EngineVersion } from "./client.ts";
export { DockerError, type DockerErrorDetails } from "./errors.ts";
export {
  DEFAULT_SOCKET_PATH,
  type DockerEndpoint,
  dockerHostDescription,
  type DockerHostOptions,
  resolveDockerHost,
} from "./host.ts";
export {
  apiAtLeast,
  compareApiVersions,
  negotiateApiVersion,
  NEWEST_API_VERSION,
  OLDEST_API_VERSION,
  type ServerApiVersions,
} from "./version.ts";
export type {
  ContainerEndpoint,
  ContainerInspect,
  Containers,
  ContainerSummary,
  CreateContainerOptions,
  NetworkAttachment,
  PublishedPort,
  WaitResult,
} from "./containers.ts";
export type { ExecOptions, ExecResult } from "./exec.ts";
export { withExitTrailer } from "./exec.ts";
export type { ExecSession, ExecSessionOptions, SessionStream } from "./exec_session.ts";
export type { AttachOptions } from "./attach.ts";
export type { CreateNetworkOptions, NetworkInspect, Networks } from "./networks.ts";
export type { VolumeInspect, Volumes } from "./volumes.ts";
export {
  type BuildOptions,
  type ImageInspect,
  type Images,
  type ImageSummary,
  type ImportOptions,
  type ProgressEvent,
  splitReference,
} from "./images.ts";
export {
  canonicalImageRef,
  DEFAULT_REGISTRY,
  DEFAULT_TAG,
  familiarImageRef,
  familiarName,
  type ImageRef,
  parseImageRef,
  sameImageRef,
} from "./image_ref.ts";
export { createTar, tarDirectory, type TarEntry } from "./tar.ts";
