/**
 * Throwaway probe containers: a labelled container joins a network, a small shell script runs in
 * it through the API exec (fed on stdin, so request bodies and headers stay out of any argv the
 * engine records), and the container is removed in a `finally`, also on error and timeout.
 * @module
 */
import { randomBytes } from "node:crypto";
import {
  type DockerClient,
  type DockerError,
  type ExecResult,
  withExitTrailer,
} from "../docker/mod.ts";
import type { ProbeContainers } from "./_probe_pool.ts";
import { type Deadline, timedOut } from "./_deadline.ts";

/** The label every probe container carries. */
export const PROBE_LABEL = "run-lesson.probe";

/** How every probe container's name begins. */
export const PROBE_NAME_PREFIX = "run-lesson-probe-";

/** The label naming the run a probe container belongs to. */
export const PROBE_RUN_LABEL = "run-lesson.run";

/**
 * The DNS options of every probe container. `ndots:0` is what the engine writes into a
 * container's resolv.conf anyway, but given explicitly it makes Docker's embedded DNS answer a
 * name without dots that it does not know at once (no records), instead of forwarding it to the
 * engine's upstream resolver: on an offline engine that forward waits out the upstream timeout
 * (5 s and more) on every negative lookup. Names the engine knows, and names with dots, are
 * answered exactly as before.
 */
export const PROBE_DNS_OPTIONS = ["ndots:0"];

/** The image probe containers use unless the probe names another. */
export const DEFAULT_PROBE_IMAGE = "alpine:latest";

/** How to run one probe script. */
export interface ProbeScriptOptions {
  /** The probe kind, for messages. */
  kind: string;
  /** The network to join; the engine host's network when absent. */
  network?: string;
  /** The image. */
  image: string;
  /** The run id to label the container with, when known. */
  runId?: string;
  /** A POSIX shell script (busybox `sh`); its stdin is /dev/null. */
  script: string;
  /** Bounds every call; when it runs out, the container is removed under the running script. */
  deadline: Deadline;
  /** The probe's whole time limit, for messages. */
  timeoutMs: number;
  /** The target's kept probe containers; a fresh container per script when absent. */
  pool?: ProbeContainers;
}

/** Where a probe container sits, for messages: `network "n"` or `the host network`. */
export function probeWhere(network: string | undefined): string {
  return network === undefined ? "the host network" : `network "${network}"`;
}

/**
 * Runs a script in a fresh probe container and removes the container (or, with a pool and a
 * network, in the pool's kept container). Rejects when the container cannot be created, started
 * or attached (missing image or network) or the time runs out.
 */
export async function runProbeScript(
  docker: DockerClient,
  options: ProbeScriptOptions,
): Promise<ExecResult> {
  if (options.pool && options.network !== undefined && options.network !== "host") {
    return options.pool.run(docker, options);
  }
  const name = `${PROBE_NAME_PREFIX}${randomBytes(6).toString("hex")}`;
  // The main process only waits; should this process die, AutoRemove still cleans up after it.
  const lifetimeSeconds = Math.ceil(options.deadline.remainingMs() / 1000) + 30;
  // Whether the engine made the container: unknown while a create call is cut short.
  let made = "unknown" as "yes" | "no" | "unknown";
  try {
    try {
      await createProbeContainer(docker, name, options, lifetimeSeconds, () => (made = "yes"));
    } catch (error) {
      if (made === "unknown" && (error as DockerError).statusCode !== undefined) made = "no";
      throw cannotStart(error, options);
    }
    return await execProbeScript(docker, name, options);
  } finally {
    // Not under the deadline's signal: removal must happen also when the time ran out.
    if (made !== "no") await removeProbeContainer(docker, name, made === "yes");
  }
}

/** Creates and starts a probe container on the options' network; `created` once the engine made it. */
export async function createProbeContainer(
  docker: DockerClient,
  name: string,
  options: ProbeScriptOptions,
  lifetimeSeconds: number,
  created: () => void,
): Promise<void> {
  const labels: Record<string, string> = { [PROBE_LABEL]: "1" };
  if (options.runId !== undefined) labels[PROBE_RUN_LABEL] = options.runId;
  await docker.containers.create({
    image: options.image,
    name,
    entrypoint: ["sleep"],
    cmd: [String(lifetimeSeconds)],
    labels,
    networks: [options.network ?? "host"],
    hostConfig: { AutoRemove: true, DnsOptions: PROBE_DNS_OPTIONS },
    // A busy engine may take long to make a container: the probe's deadline is the limit.
    signal: options.deadline.signal,
    timeoutMs: 0,
  });
  created();
  await docker.containers.start(name, { signal: options.deadline.signal, timeoutMs: 0 });
}

/** The error for a probe container that could not be made, started or attached. */
export function cannotStart(error: unknown, options: ProbeScriptOptions): Error {
  if (options.deadline.signal.aborted) return error as Error;
  const detail = (error as Error).message.replace(/^Cannot [^:]*: /, "");
  return new Error(
    `probe "${options.kind}" cannot start its probe container (image "${options.image}") on ${
      probeWhere(options.network)
    }: ${detail}`,
    { cause: error },
  );
}

/**
 * Runs the script through the API exec (fed on stdin). No exec time limit: when time runs out
 * the caller removes the container, which ends the script faster than a second exec would.
 */
export async function execProbeScript(
  docker: DockerClient,
  name: string,
  options: ProbeScriptOptions,
): Promise<ExecResult> {
  const { deadline, kind } = options;
  // The shell reports its exit status in-band, sparing a request to the engine.
  const { script, exitTrailer } = withExitTrailer(`{\n${options.script}\n} </dev/null`);
  const execution = docker.exec(name, ["sh", "-s"], { stdin: `${script}\n`, exitTrailer });
  execution.catch(() => {});
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(timedOut(kind, options.timeoutMs));
    if (deadline.signal.aborted) onAbort();
    deadline.signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([execution, aborted]);
  } finally {
    deadline.signal.removeEventListener("abort", onAbort);
  }
}

/** Settles as `promise` does, or rejects with `error()` once `signal` aborts. */
export function until<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  error: () => Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(error());
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Removes a probe container; after an aborted create, the engine may still be creating it. */
export async function removeProbeContainer(
  docker: DockerClient,
  name: string,
  created: boolean,
): Promise<void> {
  for (let attempt = 0; attempt < (created ? 1 : 4); attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 500));
    try {
      await docker.containers.remove(name, { force: true });
      return;
    } catch (error) {
      // 409: AutoRemove is already removing it.
      if ((error as DockerError).statusCode === 409) return;
    }
  }
}
