/**
 * Types of image preparation: what `prepareImages` did for each image the lessons use.
 * @module
 */
import type { DockerClient } from "../docker/mod.ts";

/** How an image came to be available, or that it could not be provided. */
export type PrepareStatus = "present" | "pulled" | "built-stand-in" | "failed";

/** The outcome for one image reference. */
export interface PrepareResult {
  /** The reference as prepared, with `:latest` added when it had no tag. */
  ref: string;
  /** What happened. */
  status: PrepareStatus;
  /** Why it failed, or what kind of image it is (a stand-in, and why one was built). */
  message?: string;
}

/**
 * A stand-in recipe: the script that builds the image `ref` offline, in `lib/prepare/images/` or
 * in a lesson's own `stand-ins/` folder.
 */
export interface StandInRecipe {
  /** The image reference the script tags, e.g. `redis:7-alpine`. */
  ref: string;
  /** The script's file name in `lib/prepare/images/`, e.g. `redis.sh`. */
  script: string;
  /** The folder holding the script when it is not `lib/prepare/images/` (a lesson's stand-ins). */
  dir?: string;
}

/** Options for `prepareImages`. */
export interface PrepareOptions {
  /** Skip pulling: build a stand-in for every missing image. */
  offline: boolean;
  /** Receives one line per step ("redis:7-alpine: built stand-in (8.4 s)"). */
  onProgress?: (line: string) => void;
  /** Stand-in recipes; the table in `lib/prepare/images/stand-ins.txt` when absent. */
  recipes?: readonly StandInRecipe[];
  /** Labels added to the stand-ins this call builds (tests mark theirs `run-lesson.test=1`). */
  labels?: Record<string, string>;
  /**
   * The engine to prepare, e.g. a remote one through SSH; when absent, a client is connected to
   * `socketPath`, `DOCKER_HOST` or `/var/run/docker.sock`.
   */
  docker?: DockerClient;
  /** The Docker socket when no `docker` client is given. */
  socketPath?: string;
}
