/**
 * Throwaway probe containers: a labelled container joins a network, a small shell script runs in
 * it through the API exec (fed on stdin, so request bodies and headers stay out of any argv the
 * engine records), and the container is removed in a `finally`, also on error and timeout.
 * @module
 */
import { randomBytes } from "node:crypto";
import type { DockerClient, DockerError, ExecResult } from "../docker/mod.ts";
import { type Deadline, timedOut } from "./_deadline.ts";

/** The label every probe container carries. */
export const PROBE_LABEL = "run-lesson.probe";

/** The label naming the run a probe container belongs to. */
export const PROBE_RUN_LABEL = "run-lesson.run";

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
  const name = `run-lesson-probe-${randomBytes(6).toString("hex")}`;
  // The main process only waits; should this process die, AutoRemove still cleans up after it.
  const lifetimeSeconds = Math.ceil(options.deadline.remainingMs() / 1000) + 30;
  // Whether the engine made the container: unknown while a create call is cut short.
  let made = "unknown" as "yes" | "no" | "unknown";
  try {
    try {
      await _create(docker, name, options, lifetimeSeconds, () => (made = "yes"));
    } catch (error) {
      if (made === "unknown" && (error as DockerError).statusCode !== undefined) made = "no";
      throw _cannotStart(error, options);
    }
    return await _execScript(docker, name, options);
  } finally {
    // Not under the deadline's signal: removal must happen also when the time ran out.
    if (made !== "no") await remove(docker, name, made === "yes");
  }
}

/** Creates and starts a probe container on the options' network; `created` once the engine made it. */
async function _create(
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
    hostConfig: { AutoRemove: true },
    // A busy engine may take long to make a container: the probe's deadline is the limit.
    signal: options.deadline.signal,
    timeoutMs: 0,
  });
  created();
  await docker.containers.start(name, { signal: options.deadline.signal, timeoutMs: 0 });
}

/** The error for a probe container that could not be made, started or attached. */
function _cannotStart(error: unknown, options: ProbeScriptOptions): Error {
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
async function _execScript(
  docker: DockerClient,
  name: string,
  options: ProbeScriptOptions,
): Promise<ExecResult> {
  const { deadline, kind } = options;
  const execution = docker.exec(name, ["sh", "-s"], {
    stdin: `{\n${options.script}\n} </dev/null\n`,
  });
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

/**
 * The probe containers of one target, kept between probes: one per image, attached to one
 * network at a time (the probe's, and none between probes, so that it never keeps a learner's
 * `docker network rm` from working). Attaching a running container costs the engine far less
 * than making, starting and removing one for every probe. Probes take turns; `close()` removes
 * the containers, and each also ends by itself after a while should the run die.
 */
export class ProbeContainers {
  #runId: string | undefined;
  #byImage = new Map<string, string>();
  #turn: Promise<void> = Promise.resolve();

  /** Containers labelled with the run id, when given. */
  constructor(runId?: string) {
    this.#runId = runId;
  }

  /** Runs a probe script on `options.network` in the image's kept container. */
  async run(docker: DockerClient, options: ProbeScriptOptions): Promise<ExecResult> {
    const previous = this.#turn;
    let done = () => {};
    const mine = new Promise<void>((resolve) => (done = resolve));
    // The next probe's turn comes when this one is done and, should it give up waiting, when
    // the one before it is done too.
    this.#turn = Promise.all([previous, mine]).then(() => {});
    try {
      await _until(
        previous,
        options.deadline.signal,
        () => timedOut(options.kind, options.timeoutMs),
      );
      return await this.#run(docker, { ...options, runId: options.runId ?? this.#runId });
    } finally {
      done();
    }
  }

  async #run(docker: DockerClient, options: ProbeScriptOptions): Promise<ExecResult> {
    const network = options.network!;
    let name = this.#byImage.get(options.image);
    if (name !== undefined) {
      try {
        await docker.networks.connect(network, name, { signal: options.deadline.signal });
      } catch (error) {
        const running = await docker.containers.inspect(name).then(
          (c) => c.State.Running,
          () => false,
        );
        if (running) throw _cannotStart(error, options);
        // The kept container is gone (it ended, or someone removed it): make a new one.
        this.#byImage.delete(options.image);
        name = undefined;
      }
    }
    if (name === undefined) {
      name = `run-lesson-probe-${randomBytes(6).toString("hex")}`;
      let made = "unknown" as "yes" | "no" | "unknown";
      try {
        await _create(docker, name, options, KEPT_LIFETIME_SECONDS, () => (made = "yes"));
      } catch (error) {
        if (made === "unknown" && (error as DockerError).statusCode !== undefined) made = "no";
        if (made !== "no") await remove(docker, name, made === "yes");
        throw _cannotStart(error, options);
      }
      this.#byImage.set(options.image, name);
    }
    let result: ExecResult;
    try {
      result = await _execScript(docker, name, options);
    } catch (error) {
      // Out of time, or the exec failed: this container is not used again.
      this.#byImage.delete(options.image);
      await remove(docker, name, true);
      throw error;
    }
    try {
      await docker.networks.disconnect(network, name, { force: true });
    } catch {
      this.#byImage.delete(options.image);
      await remove(docker, name, true);
    }
    return result;
  }

  /** Removes the kept containers. */
  async close(docker: DockerClient): Promise<void> {
    // A probe still running is ended by removing its container, after a grace period.
    await _until(this.#turn, AbortSignal.timeout(CLOSE_GRACE_MS), () => new Error("grace over"))
      .catch(() => {});
    const names = [...this.#byImage.values()];
    this.#byImage.clear();
    for (const name of names) await remove(docker, name, true);
  }
}

/** How long `close()` lets a running probe finish before removing its container. */
const CLOSE_GRACE_MS = 5000;

/** Resolves when `promise` settles, or rejects with `error()` once `signal` aborts. */
function _until(promise: Promise<unknown>, signal: AbortSignal, error: () => Error): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(error());
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(() => {}, () => {}).then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}

/** How long a kept probe container lives at most, should nothing remove it. */
const KEPT_LIFETIME_SECONDS = 900;

/** Removes a probe container; after an aborted create, the engine may still be creating it. */
async function remove(docker: DockerClient, name: string, created: boolean): Promise<void> {
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
