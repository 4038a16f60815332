/**
 * Read-only Docker probes for checks on the docker target: networks, containers, attachments,
 * DNS, TCP, HTTP, execs and volumes, read through the Engine API. Probes that need a view from
 * inside a network run in throwaway containers labelled `run-lesson.probe=1` (and
 * `run-lesson.run=<id>`) that are removed before the probe returns.
 *
 * @example
 * ```ts
 * import { DOCKER_PROBES } from "./lib/probes/mod.ts";
 * import type { Check } from "./lib/lesson/types.ts";
 *
 * const check: Check = {
 *   id: "redis-by-name",
 *   title: "redis-cache resolves on ai-service-network",
 *   hint: "Start redis-cache with --network ai-service-network",
 *   probe: { kind: "docker.resolves", name: "redis-cache", network: "ai-service-network" },
 * };
 * // runLesson(..., { probes: DOCKER_PROBES })
 * ```
 * @module
 */
import type { ProbeRunner } from "../engine/run_check.ts";
import { attachedProbe } from "./attached_probe.ts";
import { containerProbe } from "./container_probe.ts";
import { execProbe } from "./exec_probe.ts";
import { httpProbe } from "./http_probe.ts";
import { networkProbe } from "./network_probe.ts";
import { resolvesProbe } from "./resolves_probe.ts";
import { tcpProbe } from "./tcp_probe.ts";
import type { DockerProbe } from "./types.ts";
import { volumeProbe } from "./volume_probe.ts";

export type {
  DockerAttachedProbe,
  DockerContainerProbe,
  DockerExecProbe,
  DockerHttpProbe,
  DockerNetworkProbe,
  DockerProbe,
  DockerResolvesProbe,
  DockerTcpProbe,
  DockerVolumeProbe,
} from "./types.ts";
export { DEFAULT_PROBE_IMAGE, PROBE_LABEL } from "./_probe_container.ts";
export {
  attachedProbe,
  containerProbe,
  execProbe,
  httpProbe,
  networkProbe,
  resolvesProbe,
  tcpProbe,
  volumeProbe,
};

/** The probe runners of the docker target, by probe kind. */
export const DOCKER_PROBES: Record<string, ProbeRunner> = {
  "docker.network": networkProbe,
  "docker.container": containerProbe,
  "docker.attached": attachedProbe,
  "docker.resolves": resolvesProbe,
  "docker.tcp": tcpProbe,
  "docker.http": httpProbe,
  "docker.exec": execProbe,
  "docker.volume": volumeProbe,
} satisfies Record<DockerProbe["kind"], ProbeRunner>;
