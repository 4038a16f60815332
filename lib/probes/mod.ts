/**
 * Read-only Docker probes for checks on the docker target: networks, containers, attachments,
 * DNS, TCP, HTTP, execs and volumes, read through the Engine API. Probes that need a view from
 * inside a network run in throwaway containers labelled `run-lesson.probe=1` (and
 * `run-lesson.run=<id>`) that are removed before the probe returns.
 *
 * @example
 * ```ts
 * import { dockerProbes } from "./lib/probes/mod.ts";
 * import type { Check } from "./lib/lesson/types.ts";
 *
 * const check: Check = {
 *   id: "redis-by-name",
 *   title: "redis-cache resolves on ai-service-network",
 *   hint: "Start redis-cache with --network ai-service-network",
 *   probe: { kind: "docker.resolves", name: "redis-cache", network: "ai-service-network" },
 * };
 * // runLesson(..., { probes: dockerProbes({ docker, runId }) })
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
import type { DockerProbeDeps, DockerProbeFactory } from "./_context.ts";
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
export { ProbeContainers } from "./_probe_pool.ts";
export type { DockerProbeDeps, DockerProbeFactory } from "./_context.ts";
export { EngineView } from "./_engine_view.ts";
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

/** Every Docker probe kind's factory. */
export const DOCKER_PROBE_FACTORIES: Readonly<Record<DockerProbe["kind"], DockerProbeFactory>> = {
  "docker.network": networkProbe,
  "docker.container": containerProbe,
  "docker.attached": attachedProbe,
  "docker.resolves": resolvesProbe,
  "docker.tcp": tcpProbe,
  "docker.http": httpProbe,
  "docker.exec": execProbe,
  "docker.volume": volumeProbe,
};

/**
 * The probe runners of a target on a Docker engine, by probe kind, bound to its engine, its
 * run id (labelled on probe containers), its kept probe containers and its shared reads of the
 * engine, where given.
 */
export function dockerProbes(deps: DockerProbeDeps): Record<string, ProbeRunner> {
  return Object.fromEntries(
    Object.entries(DOCKER_PROBE_FACTORIES).map(([kind, make]) => [kind, make(deps)]),
  );
}
