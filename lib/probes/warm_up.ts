/**
 * Which kept probe containers a list of read-only checks will ask for, known before any of them
 * runs: a read-only run (grading) starts making them at once, so that making one (seconds on an
 * engine with the vfs storage driver) overlaps the checks that need none.
 * @module
 */
import type { Check, Probe } from "../lesson/types.ts";
import { DEFAULT_PROBE_IMAGE } from "./_probe_container.ts";

/** The probe kinds that run a script in a probe container on a network. */
export const CONTAINER_PROBE_KINDS: ReadonlySet<string> = new Set([
  "docker.resolves",
  "docker.tcp",
  "docker.http",
]);

/** A kept probe container to make ahead: its image and the network to make it on. */
export interface WarmUp {
  image: string;
  network: string;
}

/**
 * One warm-up per image that the checks' probes run scripts in, on the network of the first
 * probe (in list order) that uses that image: where the first probe most likely asks for it.
 * Probes on the engine host's network, and fields that name a capture (known only once a check
 * runs), are left out; checks without such probes give none.
 *
 * @example
 * ```ts
 * probeWarmUps(lessonChecks(lesson)); // [{ image: "alpine:latest", network: "ai-service-network" }]
 * ```
 */
export function probeWarmUps(checks: readonly Check[]): WarmUp[] {
  const byImage = new Map<string, WarmUp>();
  for (const check of checks) {
    const probes: Probe[] = Array.isArray(check.probe) ? check.probe : [check.probe];
    for (const probe of probes) {
      if (!CONTAINER_PROBE_KINDS.has(probe.kind)) continue;
      const fields = probe as Record<string, unknown>;
      const network = fields.network;
      const image = fields.image ?? DEFAULT_PROBE_IMAGE;
      if (!_plain(network) || network === "host" || !_plain(image)) continue;
      if (!byImage.has(image)) byImage.set(image, { image, network });
    }
  }
  return [...byImage.values()];
}

/** A non-empty string without a capture reference. */
function _plain(value: unknown): value is string {
  return typeof value === "string" && value !== "" && !value.includes("{{");
}
