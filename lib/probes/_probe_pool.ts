/**
 * The probe containers of a read-only run (grading, a self-check), kept between probes: one per
 * image, moved from network to network. Probes on the network it is on run in it at once;
 * probes on another network wait until those are done, and then all probes waiting for the
 * network first asked for run together there, each in a shell kept open in the container
 * (_probe_shell.ts; which shell: _kept_shells.ts) rather than an exec of its own. A host's
 * grading thus makes one container (on an engine with the vfs storage driver, making one copies
 * the whole image) and moves it once per network, where a container per network would cost a
 * copy each.
 * @module
 */
import { randomBytes } from "node:crypto";
import type { DockerClient, DockerError, ExecResult } from "../docker/mod.ts";
import { type Deadline, timedOut } from "./_deadline.ts";
import {
  cannotStart,
  createProbeContainer,
  PROBE_NAME_PREFIX,
  type ProbeScriptOptions,
  removeProbeContainer,
  until,
} from "./_probe_container.ts";
import { KeptShells } from "./_kept_shells.ts";

/** A probe waiting for the kept container to be on its network. */
interface _Waiter {
  options: ProbeScriptOptions;
  resolve(name: string): void;
  reject(error: Error): void;
}

/** The kept container of one image. */
interface _Kept {
  /** Its name, once made. */
  name?: string;
  /** The network it is on. */
  network?: string;
  /** Probes running in it now. */
  running: number;
  /** Probes waiting for it, first come first. */
  waiting: _Waiter[];
  /** Being made or moved. */
  moving: boolean;
  /** Shells kept open in it. */
  shells: KeptShells;
}

/**
 * The probe containers of one target, kept between probes, one per image; `close()` removes
 * them, and each also ends by itself after a while should the run die. Between probes a kept
 * container stays on the last network it served until the run ends or another network needs it.
 * Only read-only runs keep them: in a lesson run a kept container would show in a learner's
 * `docker ps`.
 */
export class ProbeContainers {
  #runId: string | undefined;
  #shellWaitMs: number | undefined;
  #byImage = new Map<string, _Kept>();
  #running = new Set<Promise<unknown>>();

  /**
   * Containers labelled with the run id, when given; a script waits up to `shellWaitMs` for a
   * busy shell of its container (see _kept_shells.ts).
   */
  constructor(runId?: string, shellWaitMs?: number) {
    this.#runId = runId;
    this.#shellWaitMs = shellWaitMs;
  }

  /** Runs a probe script on `options.network` in the kept container of its image. */
  run(docker: DockerClient, options: ProbeScriptOptions): Promise<ExecResult> {
    const running = this.#run(docker, { ...options, runId: options.runId ?? this.#runId }, true);
    const tracked = running.catch(() => {}).finally(() => this.#running.delete(tracked));
    this.#running.add(tracked);
    return running;
  }

  async #run(
    docker: DockerClient,
    options: ProbeScriptOptions,
    again: boolean,
  ): Promise<ExecResult> {
    let kept = this.#byImage.get(options.image);
    if (kept === undefined) {
      kept = { running: 0, waiting: [], moving: false, shells: new KeptShells(this.#shellWaitMs) };
      this.#byImage.set(options.image, kept);
    }
    const name = await this.#enter(docker, kept, options);
    try {
      const { deadline, kind, timeoutMs } = options;
      return await kept.shells.run(
        docker,
        name,
        options.script,
        deadline.signal,
        () => timedOut(kind, timeoutMs),
      );
    } catch (error) {
      // Out of time: the script may still run; the container stays for the other probes.
      if (options.deadline.signal.aborted) throw error;
      const running = await docker.containers.inspect(name).then(
        (c) => c.State.Running,
        () => false,
      );
      if (running || !again) throw error;
      // The kept container is gone (it ended, or someone removed it): make a new one, once.
      if (kept.name === name) {
        kept.name = undefined;
        kept.network = undefined;
      }
    } finally {
      kept.running--;
      this.#next(docker, kept);
    }
    // Out of the running count first: the new container is made once nothing runs.
    return await this.#run(docker, options, false);
  }

  /** Resolves with the container's name once it is on the probe's network (counted as running). */
  #enter(docker: DockerClient, kept: _Kept, options: ProbeScriptOptions): Promise<string> {
    const network = options.network!;
    // Join the probes running there, unless a probe for another network waits (its turn first).
    if (
      kept.name !== undefined && kept.network === network && !kept.moving &&
      kept.waiting.length === 0
    ) {
      kept.running++;
      return Promise.resolve(kept.name);
    }
    const { signal } = options.deadline;
    return new Promise<string>((resolve, reject) => {
      const waiter: _Waiter = {
        options,
        resolve: (name) => {
          signal.removeEventListener("abort", onAbort);
          resolve(name);
        },
        reject: (error) => {
          signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      const onAbort = () => {
        const at = kept.waiting.indexOf(waiter);
        if (at !== -1) kept.waiting.splice(at, 1);
        reject(timedOut(options.kind, options.timeoutMs));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      kept.waiting.push(waiter);
      this.#next(docker, kept);
    });
  }

  /** When nothing runs in the container, takes it to the network the first waiting probe needs. */
  #next(docker: DockerClient, kept: _Kept): void {
    if (kept.moving || kept.running > 0 || kept.waiting.length === 0) return;
    const first = kept.waiting[0].options;
    const network = first.network!;
    kept.moving = true;
    this.#move(docker, kept, first).then(
      (name) => {
        const ready = kept.waiting.filter((w) => w.options.network === network);
        kept.waiting = kept.waiting.filter((w) => w.options.network !== network);
        kept.running += ready.length;
        for (const w of ready) w.resolve(name);
      },
      (error) => {
        const failed = kept.waiting.filter((w) => w.options.network === network);
        kept.waiting = kept.waiting.filter((w) => w.options.network !== network);
        for (const w of failed) w.reject(cannotStart(error, w.options));
      },
    ).finally(() => {
      kept.moving = false;
      this.#next(docker, kept);
    });
  }

  /** Makes the container on the options' network, or moves it there; resolves with its name. */
  async #move(docker: DockerClient, kept: _Kept, options: ProbeScriptOptions): Promise<string> {
    const network = options.network!;
    const signal = AbortSignal.timeout(KEPT_MOVE_LIMIT_MS);
    if (kept.name !== undefined && kept.network !== network) {
      try {
        if (kept.network !== undefined) {
          await docker.networks.disconnect(kept.network, kept.name, { force: true, signal });
          kept.network = undefined;
        }
        await docker.networks.connect(network, kept.name, { signal });
        kept.network = network;
      } catch (error) {
        const running = await docker.containers.inspect(kept.name).then(
          (c) => c.State.Running,
          () => false,
        );
        if (running) throw error;
        // The kept container is gone (it ended, or someone removed it): make a new one.
        kept.name = undefined;
        kept.network = undefined;
      }
    }
    if (kept.name === undefined) {
      kept.name = await this.#make(docker, options);
      kept.network = network;
    }
    return kept.name;
  }

  /** Makes and starts a container on the options' network. */
  async #make(docker: DockerClient, options: ProbeScriptOptions): Promise<string> {
    const name = `${PROBE_NAME_PREFIX}${randomBytes(6).toString("hex")}`;
    let made = "unknown" as "yes" | "no" | "unknown";
    // Its own time limit, not the first probe's: other probes wait for it too.
    const deadline: Deadline = {
      signal: AbortSignal.timeout(KEPT_MOVE_LIMIT_MS),
      remainingMs: () => KEPT_MOVE_LIMIT_MS,
    };
    try {
      await createProbeContainer(
        docker,
        name,
        { ...options, deadline },
        KEPT_LIFETIME_SECONDS,
        () => (made = "yes"),
      );
      return name;
    } catch (error) {
      if (made === "unknown" && (error as DockerError).statusCode !== undefined) made = "no";
      if (made !== "no") await removeProbeContainer(docker, name, made === "yes");
      throw error;
    }
  }

  /** Removes the kept containers. */
  async close(docker: DockerClient): Promise<void> {
    // A probe still running is ended by removing its container, after a grace period.
    await until(
      Promise.all([...this.#running]),
      AbortSignal.timeout(CLOSE_GRACE_MS),
      () => new Error("grace over"),
    ).catch(() => {});
    const names = [...this.#byImage.values()].flatMap((k) => k.name ?? []);
    for (const kept of this.#byImage.values()) kept.shells.exitIdle();
    this.#byImage.clear();
    await Promise.all(names.map((name) => removeProbeContainer(docker, name, true)));
  }
}

/** How long making a kept container, or moving it to another network, may take. */
const KEPT_MOVE_LIMIT_MS = 60_000;

/** How long `close()` lets a running probe finish before removing its container. */
const CLOSE_GRACE_MS = 5000;

/** How long a kept probe container lives at most, should nothing remove it. */
const KEPT_LIFETIME_SECONDS = 900;
