/**
 * The SSH target: one persistent shell on a remote host, over one SSH connection, framed like
 * the local shell. Stops and time limits signal the remote job's process groups from a second
 * channel of the same connection.
 * @module
 */
import { connectDocker, type DockerClient, tarDirectory } from "../docker/mod.ts";
import type { StopSignal } from "../lesson/types.ts";
import { connectSsh, parseSshUrl } from "../ssh/connect.ts";
import type { SshConnection } from "../ssh/connection.ts";
import { killTreeCommand, signalTreeCommand } from "./process_tree.ts";
import { ShellSession, type ShellTransport } from "./shell_session.ts";
import { BOOTSTRAP_COMMAND } from "./shell_framing.ts";
import {
  type BackgroundJob,
  killTaggedScript,
  listRemoteJobs,
  newSessionTag,
} from "./background_jobs.ts";
import { shellQuote } from "../shell_quote.ts";
import type { CommandResult, OpenedTarget, RunOptions, Target, TargetSetup } from "./types.ts";
import { requireShellPlacement, TargetError } from "./types.ts";

/** Options for the SSH target. */
export interface SshTargetOptions {
  /** Shell code run whenever the remote shell starts (again), e.g. function definitions. */
  prelude?: string;
  /** Folder the remote shell starts in; the login folder when absent. */
  cwd?: string;
}

/** Runs commands in one persistent shell on a remote host. */
export class SshTarget implements Target {
  /** `ssh://user@host:port`. */
  readonly name: string;
  /** The connection, shared with the Docker API tunnel. */
  readonly connection: SshConnection;
  #options: SshTargetOptions;
  #session: ShellSession | undefined;
  #closed = false;
  #tag = newSessionTag();

  /** Wraps a connection; the shell starts with the first command. */
  constructor(connection: SshConnection, options: SshTargetOptions = {}) {
    this.connection = connection;
    this.#options = options;
    this.name = `ssh://${connection.label}`;
  }

  /** Runs a command in the remote shell. */
  async run(command: string, options: RunOptions): Promise<CommandResult> {
    requireShellPlacement(this.name, command, options);
    if (this.#closed) throw new TargetError(`Cannot run command: ${this.name} is closed`);
    const lost = _lost(this.connection);
    if (lost) {
      throw new TargetError(`Cannot run command on ${this.name}: ${lost.message}`, { cause: lost });
    }
    if (!this.#session?.alive) await this.#start();
    try {
      return await this.#session!.run(command, options);
    } catch (error) {
      const lostNow = _lost(this.connection);
      if (lostNow) {
        throw new TargetError(`Lost the connection to ${this.name}: ${lostNow.message}`, {
          cause: lostNow,
        });
      }
      throw error;
    }
  }

  async #start(): Promise<void> {
    // The bootstrap of shell_framing.ts: bash when the host has it.
    const channel = await this.connection.shell({ command: BOOTSTRAP_COMMAND });
    // A second shell on the same connection sends the signals: writing to it costs no new
    // channel, so a stop lands within milliseconds. One line does both: signal the job, then
    // break the shell out of the command (its INT trap only acts while a command runs).
    const control = await this.connection.shell({ command: "sh" });
    control.resume();
    control.stderr.resume();
    const transport: ShellTransport = {
      stdin: channel,
      stdout: channel,
      stderr: channel.stderr,
      interrupt: (signal: StopSignal, pid: number, except: readonly number[]) => {
        control.write(`${signalTreeCommand(pid, signal, { except })}\n`);
        return Promise.resolve();
      },
      // Done by interrupt() in the same round trip.
      breakShell: () => Promise.resolve(),
      destroy: (pid: number | undefined) => {
        if (pid !== undefined) control.write(`${killTreeCommand(pid)}\n`);
        control.end("exit\n");
        channel.close();
        return Promise.resolve();
      },
    };
    const cd = this.#options.cwd ? `cd ${shellQuote(this.#options.cwd)} || exit 1\n` : "";
    this.#session = new ShellSession(transport, {
      tag: this.#tag,
      prelude: `${cd}${this.#options.prelude ?? ""}`,
    });
    await this.#session.ready();
  }

  /** The processes the commands started that are still running, by process group. */
  async backgroundJobs(): Promise<BackgroundJob[]> {
    if (this.#closed || this.connection.lostError) return [];
    const session = this.#session?.alive ? this.#session : undefined;
    return await listRemoteJobs(
      async (script) => (await this.connection.exec(script)).stdout,
      this.#tag,
      session?.jobGroups ?? [],
      session?.shellPid,
    );
  }

  /**
   * Kills what the commands left running, with their process groups, and ends the remote shell;
   * the connection stays open for its owner to close. Without a shell (no command ran, as in
   * grading) there is nothing to kill, and nothing is run on the host.
   */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#session === undefined) return;
    const killJobs = () =>
      this.connection.lostError
        ? Promise.resolve()
        : this.connection.exec(killTaggedScript(this.#tag)).then(() => {}, () => {});
    await killJobs();
    await this.#session?.close().catch(() => {});
    await killJobs();
  }
}

/** Why the connection is gone; a function, so each read sees the current state. */
function _lost(connection: SshConnection): Error | undefined {
  return connection.lostError;
}

/**
 * Opens `ssh://user@host[:port]`: one connection for the shell and the Docker API tunnel. Unless
 * read-only, the lesson's files are copied to `/tmp/run-lesson-<run id>` first, where the shell
 * starts, and removed again on close.
 */
export async function openSsh(url: string, setup: TargetSetup): Promise<OpenedTarget> {
  const connection = await connectSsh({ ...setup.ssh, ...parseSshUrl(url) });
  let remoteDir: string | undefined;
  let docker: Promise<DockerClient> | undefined;
  try {
    if (!setup.readOnly) {
      remoteDir = `/tmp/run-lesson-${setup.runId}`;
      await _uploadLessonFiles(connection, setup.lessonDir, remoteDir);
    }
  } catch (error) {
    await connection.close();
    throw error;
  }
  const shell = new SshTarget(connection, { cwd: remoteDir, prelude: setup.prelude });
  return {
    shell,
    docker: () => (docker ??= connectDocker({
      agent: connection.dockerAgent(undefined, { keepAlive: true }),
    })),
    async close() {
      await shell.close();
      if (remoteDir && !connection.lostError) {
        await connection.exec(`rm -rf ${shellQuote(remoteDir)}`).catch(() => {});
      }
      await connection.close();
    },
  };
}

/** Copies the lesson's files (not its modules or doc) to a folder on the remote host. */
async function _uploadLessonFiles(connection: SshConnection, dir: string, remoteDir: string) {
  const quoted = shellQuote(remoteDir);
  const r = await connection.exec(`mkdir -p ${quoted} && tar -x -C ${quoted}`, {
    stdin: tarDirectory(dir, { skip: _lessonModuleOrDoc }),
  });
  if (r.exitCode !== 0) {
    throw new TargetError(
      `Cannot copy the lesson's files to "${remoteDir}" on ${connection.label}: ${r.stderr.trim()}`,
    );
  }
}

/** A lesson's steps, modules and doc stay behind: only its files are copied. */
function _lessonModuleOrDoc(path: string): boolean {
  return !path.includes("/") && (path === "steps" || path.endsWith(".ts") || path.endsWith(".md"));
}
