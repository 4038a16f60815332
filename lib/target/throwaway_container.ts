/**
 * A throwaway container for a lesson that changes system files (users, modes, packages): made
 * fresh from the lesson's image on an engine for one run, reached through the `container://NAME`
 * target, and removed at the end. It carries the run's labels like every other resource a run
 * creates, and the id of the process that made it, so that a later run of the same lesson removes
 * one that a killed run (SIGKILL) left, and never one whose run is still going.
 * @module
 */
import { hostname } from "node:os";
import { processAlive } from "./process_tree.ts";
import type { DockerClient } from "../docker/mod.ts";
import { LESSON_LABEL, RUN_LABEL } from "./docker_resources.ts";

/** Label that marks a throwaway container, set to "true". */
export const THROWAWAY_LABEL = "run-lesson.throwaway";
/** Label naming the process (`host:pid`) whose run made the container. */
export const OWNER_LABEL = "run-lesson.owner";

/** What a throwaway container is made from. */
export interface ThrowawaySpec {
  /** The image. */
  image: string;
  /** The lesson's id, for its label. */
  lesson: string;
  /** The run's id: names the container and labels it. */
  runId: string;
  /** Linux capabilities added to the container's defaults, e.g. `SYS_PTRACE`. */
  capabilities?: readonly string[];
}

/** A throwaway container that runs. */
export interface Throwaway {
  /** The container's name. */
  name: string;
  /** `container://NAME`, the target the lesson runs on. */
  url: string;
  /** Removes the container (and its anonymous volumes); never throws. */
  remove(): Promise<string | undefined>;
}

/** The `host:pid` of this process, as the owner label holds it. */
export function ownerOf(pid: number = process.pid): string {
  return `${hostname()}:${pid}`;
}

/** The container name for a run: `run-lesson-<runId>`, with anything Docker refuses replaced. */
export function throwawayName(runId: string): string {
  return `run-lesson-${runId}`.replace(/[^A-Za-z0-9_.-]/g, "-");
}

/** Creates and starts the container; on failure nothing is left behind. */
export async function createThrowaway(
  docker: DockerClient,
  spec: ThrowawaySpec,
): Promise<Throwaway> {
  const name = throwawayName(spec.runId);
  const id = await docker.containers.create({
    image: spec.image,
    name,
    hostname: "lab",
    labels: {
      [RUN_LABEL]: spec.runId,
      [LESSON_LABEL]: spec.lesson,
      [THROWAWAY_LABEL]: "true",
      [OWNER_LABEL]: ownerOf(),
    },
    hostConfig: spec.capabilities?.length ? { CapAdd: [...spec.capabilities] } : {},
  });
  const remove = async () => {
    try {
      await docker.containers.remove(id, { force: true, volumes: true });
      return undefined;
    } catch (error) {
      return `container ${name}: ${(error as Error).message}`;
    }
  };
  try {
    await docker.containers.start(id);
  } catch (error) {
    await remove();
    throw error;
  }
  return { name, url: `container://${name}`, remove };
}

/**
 * Removes the throwaway containers of earlier runs of a lesson whose process is gone (killed
 * before its cleanup), on this machine; resolves with their names. Containers of runs still
 * going, or made on another machine, are left alone.
 */
export async function removeAbandoned(docker: DockerClient, lesson: string): Promise<string[]> {
  const removed: string[] = [];
  const containers = await docker.containers.list({
    labels: [`${LESSON_LABEL}=${lesson}`, `${THROWAWAY_LABEL}=true`],
  });
  for (const container of containers) {
    const owner = container.Labels[OWNER_LABEL] ?? "";
    const at = owner.lastIndexOf(":");
    if (owner.slice(0, at) !== hostname() || processAlive(Number(owner.slice(at + 1)))) continue;
    try {
      await docker.containers.remove(container.Id, { force: true, volumes: true });
      removed.push(container.Names[0]?.replace(/^\//, "") ?? container.Id.slice(0, 12));
    } catch {
      // Gone already, or being removed by another run: either way not ours to report.
    }
  }
  return removed;
}
