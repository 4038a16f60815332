/**
 * The container target (`container://NAME`): one persistent shell inside an existing container,
 * through the Engine API of this machine's engine or, with `via`, of a remote one over SSH. The
 * shell is an exec with stdin, stdout and stderr attached, framed like the local shell; stops
 * and time limits run the process-tree script in a second exec, a root shell kept open.
 * @module
 */
import { PassThrough, Writable } from "node:stream";
import { connectDocker, type DockerClient, DockerError, type ExecSession } from "../docker/mod.ts";
import type { StopSignal } from "../lesson/types.ts";
import { shellQuote } from "../shell_quote.ts";
import { connectSsh, parseSshUrl } from "../ssh/connect.ts";
import { killTreeCommand, signalTreeCommand } from "./process_tree.ts";
import { ShellSession, type ShellTransport } from "./shell_session.ts";
import { BOOTSTRAP } from "./shell_framing.ts";
import {
  type BackgroundJob,
  killTaggedScript,
  listRemoteJobs,
  newSessionTag,
} from "./background_jobs.ts";
import type { CommandResult, OpenedTarget, RunOptions, Target, TargetSetup } from "./types.ts";
import { requireShellPlacement, TargetError } from "./types.ts";

/** Options for the container target. */
export interface ContainerTargetOptions {
  /** Shell code run whenever the shell starts (again), e.g. function definitions. */
  prelude?: string;
  /** Folder the shell starts in; the container's working directory when absent. */
  cwd?: string;
}

/** Runs commands in one persistent shell inside a running container. */
export class ContainerTarget implements Target {
  /** `container://NAME`. */
  readonly name: string;
  /** The engine the container runs on. */
  readonly docker: DockerClient;
  /** The container's name or id. */
  readonly container: string;
  #options: ContainerTargetOptions;
  #session: ShellSession | undefined;
  #closed = false;
  #tag = newSessionTag();

  /** Wraps a running container; the shell starts with the first command. */
  constructor(docker: DockerClient, container: string, options: ContainerTargetOptions = {}) {
    this.docker = docker;
    this.container = container;
    this.#options = options;
    this.name = `container://${container}`;
  }

  /** Runs a command in the container's shell; a shell that ended is restarted for the next. */
  async run(command: string, options: RunOptions): Promise<CommandResult> {
    requireShellPlacement(this.name, command, options);
    if (this.#closed) throw new TargetError(`Cannot run command: ${this.name} is closed`);
    if (!this.#session?.alive) this.#session = await this.#start();
    return await this.#session.runReportingLoss(command, options);
  }

  async #start(): Promise<ShellSession> {
    let exec: ExecSession;
    try {
      exec = await this.docker.openExec(this.container, ["sh", "-c", BOOTSTRAP]);
    } catch (error) {
      throw new TargetError(`Cannot start a shell in ${this.name}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    // A second exec, a root shell kept open, sends the signals: writing a line to it costs no
    // new exec, so a stop lands within milliseconds, before a loop goes round again.
    let control: ExecSession;
    try {
      control = await this.docker.openExec(this.container, ["sh"], { user: "0" });
    } catch (error) {
      await exec.close().catch(() => {});
      throw new TargetError(`Cannot start a shell in ${this.name}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    control.onData(() => {});
    const signal = (command: string) => {
      control.write(`${command}\n`);
      return Promise.resolve();
    };
    const transport: ShellTransport = {
      ..._streams(exec),
      // One line signals the job and breaks the shell out of the command.
      interrupt: (sig: StopSignal, pid: number, except: readonly number[]) =>
        signal(signalTreeCommand(pid, sig, { except })),
      breakShell: () => Promise.resolve(),
      destroy: async (pid: number | undefined) => {
        if (pid !== undefined) await signal(killTreeCommand(pid));
        await control.close().catch(() => {});
        await exec.close().catch(() => {});
      },
    };
    const cd = this.#options.cwd ? `cd ${shellQuote(this.#options.cwd)} || exit 1\n` : "";
    const session = new ShellSession(transport, {
      tag: this.#tag,
      prelude: `${cd}${this.#options.prelude ?? ""}`,
    });
    try {
      await session.ready();
    } catch (error) {
      await session.close().catch(() => {});
      throw new TargetError(`Cannot start a shell in ${this.name}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return session;
  }

  /** The processes the commands started that are still running, by process group. */
  async backgroundJobs(): Promise<BackgroundJob[]> {
    if (this.#closed) return [];
    const session = this.#session?.alive ? this.#session : undefined;
    return await listRemoteJobs(
      async (script) =>
        (await this.docker.exec(this.container, ["sh", "-c", script], { user: "0" })).stdout,
      this.#tag,
      session?.jobGroups ?? [],
      session?.shellPid,
    );
  }

  /** Kills what the commands left running, with their process groups, and ends the shell. */
  async close(): Promise<void> {
    this.#closed = true;
    const killJobs = () =>
      this.docker.exec(this.container, ["sh", "-c", killTaggedScript(this.#tag)], { user: "0" })
        .then(() => {}, () => {});
    await killJobs();
    await this.#session?.close().catch(() => {});
    await killJobs();
  }
}

/** The exec's output as two readable streams and its input as a writable one. */
function _streams(exec: ExecSession): Pick<ShellTransport, "stdin" | "stdout" | "stderr"> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  exec.onData((text, stream) => (stream === "stderr" ? stderr : stdout).write(text));
  const ended = () => {
    stdout.end();
    stderr.end();
  };
  exec.exitCode().then(ended, ended);
  const stdin = new Writable({
    write(chunk, _encoding, callback) {
      exec.write(chunk);
      callback();
    },
  });
  return { stdin, stdout, stderr };
}

/**
 * Opens `container://NAME` on this machine's engine, or with `setup.via` on the engine of an
 * SSH host. Rejects with a TargetError when the container is not there or not running.
 */
export async function openContainer(url: string, setup: TargetSetup): Promise<OpenedTarget> {
  const name = parseContainerUrl(url);
  const connection = setup.via
    ? await connectSsh({ ...setup.ssh, ...parseSshUrl(setup.via) })
    : undefined;
  try {
    const docker = connection
      ? await connectDocker({ agent: connection.dockerAgent() })
      : await setup.localDocker();
    const where = connection ? `on ${connection.label}` : `at ${docker.description}`;
    const info = await docker.containers.inspect(name).catch((error) => {
      if (error instanceof DockerError && error.statusCode === 404) return undefined;
      throw error;
    });
    if (info === undefined) {
      throw new TargetError(`Cannot use ${url}: no container "${name}" on the engine ${where}`);
    }
    if (!info.State.Running) {
      throw new TargetError(`Cannot use ${url}: container "${name}" is ${info.State.Status}`);
    }
    const shell = new ContainerTarget(docker, name, { prelude: setup.prelude });
    return {
      shell,
      docker: () => Promise.resolve(docker),
      async close() {
        await shell.close();
        await connection?.close();
      },
    };
  } catch (error) {
    await connection?.close();
    throw error;
  }
}

/** The container name of `container://NAME`; throws a TypeError (a usage error) otherwise. */
export function parseContainerUrl(url: string): string {
  const match = /^container:\/\/([A-Za-z0-9][A-Za-z0-9_.-]*)\/?$/.exec(url);
  if (match === null) {
    throw new TypeError(`Cannot parse container URL "${url}": expected container://NAME`);
  }
  return match[1];
}
