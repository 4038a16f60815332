/**
 * A logged-in SSH connection: one-off commands, a shell channel for the persistent session,
 * an http.Agent for the Docker API over the same connection, and its end.
 * @module
 */
import type { Agent, AgentOptions } from "node:http";
import type { Client, ClientChannel } from "ssh2";
import { StreamLocalAgent } from "./_docker_agent.ts";
import { execOnClient } from "./_exec.ts";
import type { ExecOptions, ExecResult } from "./_exec.ts";
import { SshError } from "./ssh_error.ts";

export type { ExecOptions, ExecResult };

/** Options for {@link SshConnection.shell}. */
export interface ShellOptions {
  /** Runs this command instead of the login shell, e.g. `sh` or `bash --norc`. */
  command?: string;
}

/** One logged-in SSH connection, possibly through jump hosts. */
export interface SshConnection {
  /** The ssh2 client of the final hop. */
  readonly client: Client;
  /** `user@host:port` of the final hop, for messages and target names. */
  readonly label: string;
  /** Runs one command; a non-zero exit is data, a lost connection or abort rejects (SshError). */
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  /** Opens a shell channel without a pty (stdout and stderr stay apart, no `\r\n`). */
  shell(options?: ShellOptions): Promise<ClientChannel>;
  /** An http.Agent whose connections are channels to `socketPath` on the server. */
  dockerAgent(socketPath?: string, options?: AgentOptions): Agent;
  /** Calls `callback` once when the connection ends; with the error when it was lost. Returns an unsubscribe function. */
  onClose(callback: (error?: SshError) => void): () => void;
  /** The error explaining why the connection is gone, or undefined while it is up. */
  readonly lostError: SshError | undefined;
  /** Ends the connection and its jump hosts; safe to call twice. */
  close(): Promise<void>;
}

/** How long close() waits for the server to acknowledge before dropping the socket. */
const CLOSE_GRACE_MS = 2_000;

/** Wraps ready ssh2 clients (jump hosts first, the target last) as one SshConnection. */
export function createSshConnection(
  client: Client,
  label: string,
  jumps: readonly Client[] = [],
): SshConnection {
  let closing = false;
  let closed = false;
  let lost: SshError | undefined;
  let lastError: Error | undefined;
  const callbacks = new Set<(error?: SshError) => void>();
  const closedPromise = new Promise<void>((resolve) => {
    client.once("close", () => {
      closed = true;
      if (!closing) {
        const reason = lastError === undefined
          ? "the connection closed"
          : lastError.message === "Keepalive timeout"
          ? "the server stopped answering keepalives"
          : lastError.message;
        lost = new SshError("unreachable", `Lost the SSH connection to "${label}": ${reason}`, {
          host: label,
          cause: lastError,
        });
      } else {
        lost = new SshError("error", `Cannot use the SSH connection to "${label}": it was closed`, {
          host: label,
        });
      }
      for (const jump of [...jumps].reverse()) jump.end();
      const reported = closing ? undefined : lost;
      for (const callback of callbacks) callback(reported);
      callbacks.clear();
      resolve();
    });
  });
  client.on("error", (error: Error) => {
    lastError = error;
  });
  for (const jump of jumps) {
    jump.on("error", (error: Error) => {
      lastError ??= new Error(`jump host failed: ${error.message}`, { cause: error });
    });
  }
  const context = { label, lost: () => lost };

  return {
    client,
    label,
    get lostError() {
      return lost;
    },
    exec: (command, options = {}) => execOnClient(client, command, options, context),
    shell: (options = {}) =>
      new Promise((resolve, reject) => {
        const what = `Cannot open a shell on "${label}"`;
        if (lost !== undefined) return reject(lost);
        const done = (error: Error | undefined, channel: ClientChannel) => {
          if (error === undefined || error === null) return resolve(channel);
          reject(
            lost ?? new SshError("error", `${what}: ${error.message}`, {
              host: label,
              cause: error,
            }),
          );
        };
        try {
          if (options.command === undefined) client.shell(false, done);
          else client.exec(options.command, done);
        } catch (error) {
          reject(
            lost ?? new SshError("unreachable", `${what}: ${(error as Error).message}`, {
              host: label,
              cause: error,
            }),
          );
        }
      }),
    dockerAgent: (socketPath = "/var/run/docker.sock", options) =>
      new StreamLocalAgent(client, socketPath, context, options),
    onClose(callback) {
      if (closed) {
        queueMicrotask(() => callback(closing ? undefined : lost));
        return () => {};
      }
      callbacks.add(callback);
      return () => callbacks.delete(callback);
    },
    async close() {
      if (!closed) {
        closing = true;
        client.end();
        const timer = setTimeout(() => client.destroy(), CLOSE_GRACE_MS);
        await closedPromise;
        clearTimeout(timer);
      }
      for (const jump of jumps) jump.end();
    },
  };
}
