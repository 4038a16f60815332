/**
 * The SSH target: one persistent shell on a remote host, over one SSH connection, framed like
 * the local shell. Stops and time limits signal the remote job's process groups from a second
 * channel of the same connection.
 * @module
 */
import type { StopSignal } from "../lesson/types.ts";
import type { SshConnection } from "../ssh/connection.ts";
import { ShellSession, type ShellTransport } from "./shell_session.ts";
import type { CommandResult, RunOptions, Target } from "./types.ts";
import { TargetError } from "./types.ts";

/** Options for the SSH target. */
export interface SshTargetOptions {
  /** Shell code run whenever the remote shell starts (again), e.g. function definitions. */
  prelude?: string;
  /** Folder the remote shell starts in; the login folder when absent. */
  cwd?: string;
}

/**
 * Prints what to signal so that everything a shell started stops and the shell does not: the
 * process groups of its jobs (negative) and pids left in the shell's own group. Reads /proc, so
 * it needs no ps on the host. `$1` is the shell's pid.
 */
const SIGNAL_TARGETS = `awk -v root="$1" '
{ i = index($0, ") "); split(substr($0, i + 2), f, " "); ppid[$1] = f[2]; pg[$1] = f[3] }
END {
  for (p in ppid) {
    q = p
    while ((q in ppid) && q != root && q > 1) q = ppid[q]
    if (q == root && p != root) print (pg[p] == pg[root] ? p : "-" pg[p])
  }
}' /proc/[0-9]*/stat 2>/dev/null | sort -u`;

/** The remote shell: bash when the host has it, else sh. */
const SHELL =
  "if command -v bash >/dev/null 2>&1; then exec bash --noprofile --norc; else exec sh; fi";

/** Runs commands in one persistent shell on a remote host. */
export class SshTarget implements Target {
  /** `ssh://user@host:port`. */
  readonly name: string;
  /** The connection, shared with the Docker API tunnel. */
  readonly connection: SshConnection;
  #options: SshTargetOptions;
  #session: ShellSession | undefined;
  #shellPid: number | undefined;
  #closed = false;

  /** Wraps a connection; the shell starts with the first command. */
  constructor(connection: SshConnection, options: SshTargetOptions = {}) {
    this.connection = connection;
    this.#options = options;
    this.name = `ssh://${connection.label}`;
  }

  /** Runs a command in the remote shell. */
  async run(command: string, options: RunOptions): Promise<CommandResult> {
    if ((options.where && options.where.kind !== "shell") || options.opensSession) {
      throw new TargetError(
        `Cannot run command ${JSON.stringify(command)} on ${this.name}: it runs in "${
          options.where?.kind ?? "session"
        }", which needs the docker target`,
      );
    }
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
    // bash when the host has it: job control (set -m) needs it without a terminal.
    const channel = await this.connection.shell({ command: SHELL });
    // A second shell on the same connection sends the signals: writing to it costs no new
    // channel, so a stop lands within milliseconds. One line does both: signal the job, then
    // break the shell out of the command (its INT trap only acts while a command runs).
    const control = await this.connection.shell({ command: SHELL });
    control.resume();
    control.stderr.resume();
    const signalTargets = (signal: StopSignal, breakShell = true) => {
      const pid = this.#shellPid;
      if (pid === undefined) return Promise.resolve();
      const name = signal.replace(/^SIG/, "");
      const thenBreak = breakShell ? `kill -INT ${pid} 2>/dev/null; ` : "";
      control.write(
        `set -- ${pid}; for t in $(${SIGNAL_TARGETS}); do kill -${name} -- "$t" 2>/dev/null; done; ${thenBreak}\n`,
      );
      return Promise.resolve();
    };
    const transport: ShellTransport = {
      stdin: channel,
      stdout: channel,
      stderr: channel.stderr,
      interrupt: signalTargets,
      // Done by interrupt() in the same round trip.
      breakShell: () => Promise.resolve(),
      destroy: async () => {
        await signalTargets("SIGKILL", false);
        if (this.#shellPid !== undefined) {
          control.write(`kill -KILL ${this.#shellPid} 2>/dev/null\n`);
        }
        control.end("exit\n");
        channel.close();
      },
    };
    const cd = this.#options.cwd ? `cd ${JSON.stringify(this.#options.cwd)} || exit 1\n` : "";
    this.#session = new ShellSession(transport, `${cd}${this.#options.prelude ?? ""}`);
    const pid = await this.#session.run("echo $$", { timeoutMs: 10_000 });
    this.#shellPid = Number.parseInt(pid.stdout.trim(), 10);
  }

  /** Ends the remote shell; the connection stays open for its owner to close. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#session?.close().catch(() => {});
  }
}

/** Why the connection is gone; a function, so each read sees the current state. */
function _lost(connection: SshConnection): Error | undefined {
  return connection.lostError;
}
