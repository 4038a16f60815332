/**
 * Throwaway probe containers: a labelled container joins a network, a small shell script runs in
 * it through the API exec (fed on stdin, so request bodies and headers stay out of any argv the
 * engine records), and the container is removed in a `finally`, also on error and timeout.
 * @module
 */
import { randomBytes } from "node:crypto";
import type { DockerClient, DockerError, ExecResult } from "../docker/mod.ts";
import { timedOut } from "./_context.ts";
import type { Deadline } from "./_context.ts";

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
}

/** Where a probe container sits, for messages: `network "n"` or `the host network`. */
export function probeWhere(network: string | undefined): string {
  return network === undefined ? "the host network" : `network "${network}"`;
}

/**
 * Runs a script in a fresh probe container and removes the container. Rejects when the
 * container cannot be created or started (missing image or network) or the time runs out.
 */
export async function runProbeScript(
  docker: DockerClient,
  options: ProbeScriptOptions,
): Promise<ExecResult> {
  const { deadline, kind } = options;
  const name = `run-lesson-probe-${randomBytes(6).toString("hex")}`;
  const labels: Record<string, string> = { [PROBE_LABEL]: "1" };
  if (options.runId !== undefined) labels[PROBE_RUN_LABEL] = options.runId;
  // The main process only waits; should this process die, AutoRemove still cleans up after it.
  const lifetimeSeconds = Math.ceil(deadline.remainingMs() / 1000) + 30;
  // Whether the engine made the container: unknown while a create call is cut short.
  let made = "unknown" as "yes" | "no" | "unknown";
  try {
    try {
      await docker.containers.create({
        image: options.image,
        name,
        entrypoint: ["sleep"],
        cmd: [String(lifetimeSeconds)],
        labels,
        networks: [options.network ?? "host"],
        hostConfig: { AutoRemove: true },
        signal: deadline.signal,
      });
      made = "yes";
      await docker.containers.start(name, { signal: deadline.signal });
    } catch (error) {
      if (made === "unknown" && (error as DockerError).statusCode !== undefined) made = "no";
      if (deadline.signal.aborted) throw error;
      const detail = (error as Error).message.replace(/^Cannot [^:]*: /, "");
      throw new Error(
        `probe "${kind}" cannot start its probe container (image "${options.image}") on ${
          probeWhere(options.network)
        }: ${detail}`,
        { cause: error },
      );
    }
    // No exec time limit: when time runs out, removing the container ends the script faster
    // than killing it through a second exec would.
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
  } finally {
    // Not under the deadline's signal: removal must happen also when the time ran out.
    if (made !== "no") await remove(docker, name, made === "yes");
  }
}

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

/** Quotes text as one single-quoted POSIX shell word. */
export function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
