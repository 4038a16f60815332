/**
 * The docker target: the lesson's host commands run in a persistent shell (local, or remote over
 * SSH), while commands inside containers go through the Engine API: `docker exec` lines become
 * API execs, and `docker run -it … sh` opens a TTY session that later commands are typed into.
 * @module
 */
import type { DockerClient } from "../docker/mod.ts";
import { DockerError } from "../docker/mod.ts";
import type { StopCondition } from "../lesson/types.ts";
import { stopReached } from "./stop_reached.ts";
import { maxOutputBytes } from "./output_limit.ts";
import { detachInteractiveRun, parseDockerExec } from "./docker_command.ts";
import { type CleanupReport, removeResources, scopeLabel } from "./docker_resources.ts";
import { TtySession } from "./tty_session.ts";
import type { CommandResult, RunOptions, Target } from "./types.ts";
import type { BackgroundJob } from "./background_jobs.ts";
import { TargetError } from "./types.ts";

/** What the docker target is built from. */
export interface DockerTargetOptions {
  /** The persistent shell where host commands (the docker CLI among them) run. */
  shell: Target;
  /** The Engine API client for the same engine. */
  docker: DockerClient;
  /** Labels every resource this run creates. */
  runId: string;
  /** The lesson id, labelled too, so that a rerun can remove what an earlier run left. */
  lesson: string;
}

/** Runs a lesson against a Docker engine and removes what it created. */
export class DockerTarget implements Target {
  /** `docker` plus the shell's name, e.g. `docker (local)`. */
  readonly name: string;
  /** The Engine API client of the engine the lesson runs against. */
  readonly docker: DockerClient;
  /** This run's id, as labelled on its resources. */
  readonly runId: string;
  #shell: Target;
  #sessions = new Map<string, TtySession>();
  #cutDocker = false;
  #lesson: string;

  /** Creates the target; nothing is created on the engine until a command runs. */
  constructor(options: DockerTargetOptions) {
    this.#shell = options.shell;
    this.docker = options.docker;
    this.runId = options.runId;
    this.#lesson = options.lesson;
    this.name = `docker (${options.shell.name}, ${options.docker.description})`;
  }

  /** Runs a command where it belongs: the host shell, a container, or an open TTY session. */
  async run(command: string, options: RunOptions): Promise<CommandResult> {
    const where = options.where;
    if (where?.kind === "session") {
      const session = this.#sessions.get(where.session);
      if (!session) {
        throw new TargetError(
          `Cannot type ${
            JSON.stringify(command)
          }: no interactive session "${where.session}" is open`,
        );
      }
      return await session.run(command, options);
    }
    if (where?.kind === "container") {
      return await this.#exec(where.container, ["sh", "-c", command], options, {
        user: where.user,
        workdir: where.workdir,
      });
    }
    if (options.opensSession !== undefined) return await this.#open(command, options);
    const exec = parseDockerExec(command);
    if (exec && !exec.argv.includes("-it")) {
      return await this.#exec(exec.container, exec.argv, options, {
        user: exec.user,
        workdir: exec.workdir,
        env: exec.env,
      });
    }
    const result = await this.#shell.run(command, options);
    // A docker CLI ended early may still have a request in flight: cleanup looks twice.
    if ((result.timedOut || result.stopped) && /\bdocker\b/.test(command)) this.#cutDocker = true;
    return result;
  }

  /** Starts `docker run -it …` detached with a TTY, attaches, and keeps the session by name. */
  async #open(command: string, options: RunOptions): Promise<CommandResult> {
    const detached = detachInteractiveRun(command);
    if (detached === undefined) {
      throw new TargetError(
        `Cannot open an interactive session with ${
          JSON.stringify(command)
        }: it is not a "docker run -it" command`,
      );
    }
    const started = performance.now();
    const result = await this.#shell.run(detached, { ...options, opensSession: undefined });
    if (result.exitCode !== 0) return result;
    const id = result.stdout.trim().split("\n").pop() ?? "";
    const io = await this.docker.attach(id);
    const session = new TtySession(io);
    await session.ready();
    this.#sessions.set(options.opensSession!, session);
    // The learner sees a prompt, not the container id that `-d` prints.
    return { ...result, stdout: "", durationMs: performance.now() - started };
  }

  /** Runs argv in a container through the Engine API, honouring stop conditions. */
  async #exec(
    container: string,
    argv: string[],
    options: RunOptions,
    extra: { user?: string; workdir?: string; env?: string[] },
  ): Promise<CommandResult> {
    const started = performance.now();
    const controller = new AbortController();
    let timedOut = false;
    let stoppedAt: { chars: number; bytes: number } | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    const onAbort = () => {
      timedOut = true;
      controller.abort();
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const limit = maxOutputBytes();
    const watcher = _stopWatcher(options.stop, limit, (at) => {
      stoppedAt ??= at;
      controller.abort();
    });
    try {
      const r = await this.docker.exec(container, argv, {
        signal: controller.signal,
        user: extra.user,
        workdir: extra.workdir,
        env: extra.env,
        maxOutput: limit,
        onStdout: watcher?.onText,
      });
      // Stopped within what was kept: the rest of stdout was never part of the command's output.
      const stopCut = stoppedAt !== undefined && stoppedAt.chars <= r.stdout.length;
      const truncated = stoppedAt === undefined
        ? r.truncated
        : truncatedAfterStop(r.truncated, stopCut ? undefined : stoppedAt.bytes);
      return {
        stdout: stopCut ? r.stdout.slice(0, stoppedAt!.chars) : r.stdout,
        stderr: r.stderr,
        ...(truncated ? { truncated } : {}),
        exitCode: stoppedAt === undefined && !timedOut ? r.exitCode : r.exitCode ?? 130,
        durationMs: performance.now() - started,
        timedOut,
        stopped: stoppedAt !== undefined && !timedOut,
      };
    } catch (error) {
      if (!(error instanceof DockerError) || error.statusCode === undefined) throw error;
      // As the docker CLI reports it: the learner would see this line and exit code 1.
      return {
        stdout: "",
        stderr: `Error response from daemon: ${
          (error.json as { message?: string } | undefined)?.message ?? error.message
        }\n`,
        exitCode: 1,
        durationMs: performance.now() - started,
        timedOut: false,
        stopped: false,
      };
    } finally {
      clearTimeout(timer);
      watcher?.end();
      options.signal?.removeEventListener("abort", onAbort);
    }
  }

  /**
   * Removes everything this run created. A docker CLI killed by a time limit or a stop may still
   * have a request in flight, so after such a kill, and after a pass that could not remove
   * something, a second pass follows a moment later (otherwise one pass: Ctrl-C ends sooner).
   * `containersOnly` is for a run that made no network, volume or image (a read-only one).
   */
  async cleanup(options: { containersOnly?: boolean } = {}): Promise<CleanupReport> {
    const first = await removeResources(this.docker, { run: this.runId }, options);
    const found = first.containers.length + first.networks.length + first.volumes.length;
    if (found === 0 || (!this.#cutDocker && first.errors.length === 0)) return first;
    await new Promise((resolve) => setTimeout(resolve, 250));
    const second = await removeResources(this.docker, { run: this.runId }, options);
    return {
      containers: [...first.containers, ...second.containers],
      networks: [...first.networks, ...second.networks],
      volumes: [...first.volumes, ...second.volumes],
      images: [...first.images, ...second.images],
      errors: second.errors,
    };
  }

  /** What this run created that is still there: `container NAME`, `network NAME`, `volume NAME`. */
  async remaining(): Promise<string[]> {
    const labels = [scopeLabel({ run: this.runId })];
    return [
      ...(await this.docker.containers.list({ labels })).map((c) => `container ${c.Names[0]}`),
      ...(await this.docker.networks.list({ labels })).map((n) => `network ${n.Name}`),
      ...(await this.docker.volumes.list({ labels })).map((v) => `volume ${v.Name}`),
    ];
  }

  /** Removes what earlier runs of this lesson left (after a crash or `--keep`). */
  cleanupEarlierRuns(): Promise<CleanupReport> {
    return removeResources(this.docker, { lesson: this.#lesson });
  }

  /** What the host shell's commands left running (see Target.backgroundJobs). */
  backgroundJobs(): Promise<BackgroundJob[]> {
    return this.#shell.backgroundJobs?.() ?? Promise.resolve([]);
  }

  /** Detaches the sessions and ends the shell; resources stay until `cleanup()`. */
  async close(): Promise<void> {
    for (const session of this.#sessions.values()) await session.close().catch(() => {});
    this.#sessions.clear();
    await this.#shell.close();
  }
}

/** The sizes of the cut streams of a stopped exec, stdout's counted up to the stop. */
function truncatedAfterStop(
  truncated: CommandResult["truncated"],
  stdoutBytes: number | undefined,
): CommandResult["truncated"] {
  const stderr = truncated?.stderr;
  if (stdoutBytes === undefined && stderr === undefined) return undefined;
  return {
    ...(stdoutBytes !== undefined ? { stdout: stdoutBytes } : {}),
    ...(stderr !== undefined ? { stderr } : {}),
  };
}

/**
 * Watches streamed stdout for a stop condition, holding only the line being read (its first
 * `limit` characters); calls `fire` with the offset just after the line, in characters and in
 * bytes, to cut at.
 */
function _stopWatcher(
  stop: StopCondition | undefined,
  limit: number,
  fire: (offset: { chars: number; bytes: number }) => void,
): { onText: (text: string) => void; end: () => void } | undefined {
  if (!stop) return undefined;
  let line = "";
  let chars = 0;
  let bytes = 0;
  let lines = 0;
  const timer = stop.kind === "time"
    ? setTimeout(() => fire({ chars, bytes }), stop.ms)
    : undefined;
  return {
    onText(text) {
      if (stop.kind === "time") {
        chars += text.length;
        bytes += Buffer.byteLength(text);
        return;
      }
      let from = 0;
      let newline = text.indexOf("\n");
      while (newline !== -1) {
        const piece = text.slice(from, newline + 1);
        chars += piece.length;
        bytes += Buffer.byteLength(piece);
        const whole = (line + piece.slice(0, -1)).slice(0, limit);
        line = "";
        lines++;
        if (stopReached(stop, whole, lines)) return fire({ chars, bytes });
        from = newline + 1;
        newline = text.indexOf("\n", from);
      }
      const rest = text.slice(from);
      chars += rest.length;
      bytes += Buffer.byteLength(rest);
      if (line.length < limit) line += rest.slice(0, limit - line.length);
    },
    end: () => clearTimeout(timer),
  };
}
