/**
 * The Docker probe kinds a check may use on the docker target: plain data in step files.
 * Every string field may hold `{{name}}` capture references. The types come from the schema
 * of the lesson format (`lib/lesson/schema/probes.ts`), which validates them at load.
 *
 * @example
 * ```ts
 * import type { Check } from "../lesson/types.ts";
 * import type { DockerProbe } from "./types.ts";
 *
 * const probe: DockerProbe = {
 *   kind: "docker.attached",
 *   container: "redis-cache",
 *   network: "ai-service-network",
 * };
 * const check: Check = { id: "redis-attached", title: "Redis joined", hint: "…", probe };
 * ```
 * @module
 */
import type { Static } from "@sinclair/typebox";
import type {
  DockerAttachedProbeSchema,
  DockerContainerProbeSchema,
  DockerExecProbeSchema,
  DockerHttpProbeSchema,
  DockerNetworkProbeSchema,
  DockerProbeSchema,
  DockerResolvesProbeSchema,
  DockerTcpProbeSchema,
  DockerVolumeProbeSchema,
} from "../lesson/schema/probes.ts";

/** A network exists under this exact name, optionally with a driver, scope and isolation. */
export type DockerNetworkProbe = Static<typeof DockerNetworkProbeSchema>;

/** A container exists and is running (or stopped). */
export type DockerContainerProbe = Static<typeof DockerContainerProbeSchema>;

/** A container is (or is not) attached to a network, seen from both sides. */
export type DockerAttachedProbe = Static<typeof DockerAttachedProbeSchema>;

/** A name resolves (or does not) through the DNS of a network, seen from a probe container. */
export type DockerResolvesProbe = Static<typeof DockerResolvesProbeSchema>;

/** A TCP port is open (or not) from a probe container on a network. */
export type DockerTcpProbe = Static<typeof DockerTcpProbeSchema>;

/** An HTTP request from a probe container gets the expected status and JSON. */
export type DockerHttpProbe = Static<typeof DockerHttpProbeSchema>;

/** A read-only command in an existing container prints what is expected. */
export type DockerExecProbe = Static<typeof DockerExecProbeSchema>;

/** A volume exists (or does not). */
export type DockerVolumeProbe = Static<typeof DockerVolumeProbeSchema>;

/** Every Docker probe kind. */
export type DockerProbe = Static<typeof DockerProbeSchema>;
