/**
 * What every Docker probe needs from its context: the client, the run id, checked and
 * substituted fields, and a deadline that cancels the Engine calls.
 * @module
 */
import type { DockerClient } from "../docker/mod.ts";
import type { ProbeContext } from "../engine/run_check.ts";
import { substitute } from "../expect/mod.ts";
import type { Probe } from "../lesson/types.ts";
import type { ProbeContainers } from "./_probe_container.ts";

/** The Docker client of the docker target; throws when the target has none. */
export function dockerOf(ctx: ProbeContext, kind: string): DockerClient {
  const docker = (ctx.target as { docker?: DockerClient }).docker;
  if (docker === undefined) throw new Error(`probe "${kind}" needs the docker target`);
  return docker;
}

/** The run id of the docker target, when it has one (labels probe containers). */
export function runIdOf(ctx: ProbeContext): string | undefined {
  const runId = (ctx.target as { runId?: unknown }).runId;
  return typeof runId === "string" ? runId : undefined;
}

/** The target's kept probe containers, when it keeps them. */
export function probePoolOf(ctx: ProbeContext): ProbeContainers | undefined {
  return (ctx.target as { probeContainers?: ProbeContainers }).probeContainers;
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

/** Cancels a probe's Engine calls when its time is up. */
export interface Deadline {
  /** Aborted when the time is up. */
  signal: AbortSignal;
  /** Milliseconds left, at least 1. */
  remainingMs(): number;
}

/**
 * Runs `fn` under a deadline of `timeoutMs`; a call cut short by it rejects with
 * `probe "<kind>" did not finish within <ms> ms`.
 */
export async function withDeadline<T>(
  kind: string,
  timeoutMs: number,
  fn: (deadline: Deadline) => Promise<T>,
): Promise<T> {
  if (!(timeoutMs > 0)) {
    throw new RangeError(
      `Cannot run probe "${kind}": timeoutMs must be positive, got ${timeoutMs}`,
    );
  }
  const controller = new AbortController();
  const ends = performance.now() + timeoutMs;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fn({
      signal: controller.signal,
      remainingMs: () => Math.max(1, Math.round(ends - performance.now())),
    });
  } catch (error) {
    if (controller.signal.aborted) throw timedOut(kind, timeoutMs, error);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The error of a probe that ran out of time. */
export function timedOut(kind: string, timeoutMs: number, cause?: unknown): Error {
  return new Error(`probe "${kind}" did not finish within ${timeoutMs} ms`, { cause });
}
