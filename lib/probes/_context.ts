/**
 * What every Docker probe gets: the engine, run id and probe-container pool it was made with,
 * the check's fields (type-checked, captures substituted), a deadline that cancels its Engine
 * calls, and a way to run a script in a probe container on a network.
 * @module
 */
import type { ContainerInspect, DockerClient, ExecResult, NetworkInspect } from "../docker/mod.ts";
import type { ProbeContext, ProbeRunner } from "../engine/run_check.ts";
import { substitute } from "../expect/mod.ts";
import type { Probe, ProbeResult } from "../lesson/types.ts";
import { type Deadline, withDeadline } from "./_deadline.ts";
import type { EngineView } from "./_engine_view.ts";
import { findContainer, findNetwork } from "./_find.ts";
import { DEFAULT_PROBE_IMAGE, runProbeScript } from "./_probe_container.ts";
import type { ProbeContainers } from "./_probe_pool.ts";

/** What Docker probes are made with, once per target. */
export interface DockerProbeDeps {
  /** The engine whose state the probes read. */
  docker: DockerClient;
  /** The run id, labelled on probe containers so that the run's cleanup finds them. */
  runId?: string;
  /** Probe containers kept between probes; a fresh one per probe when absent. */
  pool?: ProbeContainers;
  /**
   * Reads of containers and networks shared by the run's probes (read-only check runs); each
   * probe reads afresh when absent (a lesson run, whose commands change the engine).
   */
  view?: EngineView;
}

/** Makes a probe runner bound to a target's engine. */
export type DockerProbeFactory = (deps: DockerProbeDeps) => ProbeRunner;

/** What the body of a Docker probe receives. */
export interface DockerProbeScope {
  /** The engine. */
  docker: DockerClient;
  /** The check's probe fields. */
  fields: ProbeFields;
  /** Bounds every Engine call of this probe. */
  deadline: Deadline;
  /** The check's context (captures, time limit). */
  ctx: ProbeContext;
  /** The container by exact name or id; undefined when there is none. */
  findContainer(name: string): Promise<ContainerInspect | undefined>;
  /** The network by exact name or id, with its attached containers; undefined when none. */
  findNetwork(name: string): Promise<NetworkInspect | undefined>;
  /** The probe container's image: the `image` field, `alpine:latest` when absent. */
  image(): string;
  /** Runs a shell script in a probe container on `network` (the engine host's when absent). */
  runScript(network: string | undefined, script: string): Promise<ExecResult>;
}

/**
 * Defines a Docker probe: the body runs under the check's deadline with the fields read and the
 * engine bound, and returns a verdict.
 *
 * @example
 * ```ts
 * export const networkProbe = dockerProbe("docker.network", async ({ fields, findNetwork }) => {
 *   const name = fields.text("network");
 *   const network = await findNetwork(name);
 *   return network ? { ok: true, evidence: "…" } : noNetwork(name);
 * });
 * ```
 */
export function dockerProbe(
  kind: string,
  body: (scope: DockerProbeScope) => Promise<ProbeResult>,
): DockerProbeFactory {
  return (deps) => (probe, ctx) =>
    withDeadline(kind, ctx.timeoutMs, (deadline) => {
      const fields = new ProbeFields(probe, ctx);
      const image = () => fields.optionalText("image") ?? DEFAULT_PROBE_IMAGE;
      const { view, docker } = deps;
      // A later attempt of a check reads afresh: it waits for the state to change.
      const fresh = (ctx.attempt ?? 1) > 1;
      return body({
        docker,
        fields,
        deadline,
        ctx,
        findContainer: (name) =>
          view
            ? view.container(name, deadline.signal, fresh)
            : findContainer(docker, name, deadline.signal),
        findNetwork: (name) =>
          view
            ? view.network(name, deadline.signal, fresh)
            : findNetwork(docker, name, deadline.signal),
        image,
        runScript: (network, script) =>
          runProbeScript(deps.docker, {
            kind,
            network,
            image: image(),
            runId: deps.runId,
            pool: deps.pool,
            script,
            deadline,
            timeoutMs: ctx.timeoutMs,
          }),
      });
    });
}

/** Reads a probe's fields, checking their types and substituting capture references. */
export class ProbeFields {
  #probe: Record<string, unknown>;
  #ctx: ProbeContext;

  /** Reads `probe` with the captures of `ctx`. */
  constructor(probe: Probe, ctx: ProbeContext) {
    this.#probe = probe as Record<string, unknown>;
    this.#ctx = ctx;
  }

  /** A required string, substituted. */
  text(name: string): string {
    const value = this.#probe[name];
    if (typeof value !== "string" || value === "") throw this.#bad(name, "a non-empty string");
    return substitute(value, this.#ctx.captures);
  }

  /** An optional string, substituted. */
  optionalText(name: string): string | undefined {
    return this.#probe[name] === undefined ? undefined : this.text(name);
  }

  /** A boolean, `fallback` when absent. */
  flag(name: string, fallback: boolean): boolean {
    const value = this.#probe[name];
    if (value === undefined) return fallback;
    if (typeof value !== "boolean") throw this.#bad(name, "true or false");
    return value;
  }

  /** An optional boolean. */
  optionalFlag(name: string): boolean | undefined {
    return this.#probe[name] === undefined ? undefined : this.flag(name, false);
  }

  /** An integer in a range, `fallback` when absent. */
  integer(name: string, min: number, max: number, fallback?: number): number {
    const value = this.#probe[name] ?? fallback;
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      throw this.#bad(name, `an integer from ${min} to ${max}`);
    }
    return value as number;
  }

  /** An optional list of strings, each substituted. */
  texts(name: string): string[] | undefined {
    const value = this.#probe[name];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
      throw this.#bad(name, "a list of strings");
    }
    return value.map((v: string) => substitute(v, this.#ctx.captures));
  }

  /** An optional string-to-string map, each value substituted. */
  textMap(name: string): Record<string, string> | undefined {
    const value = this.#probe[name];
    if (value === undefined) return undefined;
    if (
      typeof value !== "object" || value === null || Array.isArray(value) ||
      Object.values(value).some((v) => typeof v !== "string")
    ) {
      throw this.#bad(name, "an object of strings");
    }
    return Object.fromEntries(
      Object.entries(value as Record<string, string>).map((
        [key, v],
      ) => [key, substitute(v, this.#ctx.captures)]),
    );
  }

  /** A raw field, as written. */
  raw(name: string): unknown {
    return this.#probe[name];
  }

  #bad(name: string, want: string): TypeError {
    const got = JSON.stringify(this.#probe[name]) ?? "undefined";
    return new TypeError(
      `Cannot run probe "${String(this.#probe.kind)}": field "${name}" must be ${want}, got ${got}`,
    );
  }
}
