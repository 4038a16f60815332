/**
 * One command on an `exec` channel: output collected as bytes and decoded once, exit status
 * or signal, stdin, and abort through an AbortSignal.
 * @module
 */
import type { Client, ClientChannel } from "ssh2";
import { withEnv } from "./_shell_quote.ts";
import { signalChannel } from "./_signal_channel.ts";
import { SshError } from "./ssh_error.ts";

/** Options for one remote command. */
export interface ExecOptions {
  /** Aborts the command: the remote process is sent SIGKILL and the channel closed. */
  signal?: AbortSignal;
  /** Written to the command's stdin, which is then closed; stdin is empty when absent. */
  stdin?: string | Uint8Array;
  /** Variables exported before the command runs (sent as shell assignments, not SSH env). */
  env?: Record<string, string>;
}

/** What one remote command did: data, not an exception. */
export interface ExecResult {
  /** Everything written to stdout, decoded as UTF-8. */
  stdout: string;
  /** Everything written to stderr, decoded as UTF-8. */
  stderr: string;
  /** The exit status; null when a signal ended the command or the server sent none. */
  exitCode: number | null;
  /** The signal that ended the command, e.g. `SIGKILL`, else null. */
  signal: string | null;
  /** Wall time in milliseconds. */
  durationMs: number;
}

/** How the connection reports itself to one command. */
export interface ExecContext {
  /** `user@host:port`, for messages. */
  label: string;
  /** The error explaining why the connection is gone, or undefined while it is up. */
  lost(): SshError | undefined;
}

/** Runs one command; rejects with an SshError when aborted or when the connection is lost. */
export function execOnClient(
  client: Client,
  command: string,
  options: ExecOptions,
  context: ExecContext,
): Promise<ExecResult> {
  const started = performance.now();
  const shown = command.length > 60 ? `${command.slice(0, 57)}...` : command;
  const what = `Cannot finish command "${shown}" on "${context.label}"`;
  const fullCommand = withEnv(command, options.env);
  return new Promise((resolve, reject) => {
    const { signal } = options;
    const aborted = () =>
      new SshError(
        isTimeout(signal?.reason) ? "timeout" : "error",
        `${what}: aborted after ${Math.round(performance.now() - started)} ms: ` +
          reasonText(signal?.reason),
        { host: context.label, cause: signal?.reason },
      );
    if (signal?.aborted) return reject(aborted());
    const gone = context.lost();
    if (gone !== undefined) return reject(gone);
    let channel: ClientChannel | undefined;
    let settled = false;
    const onAbort = () => {
      if (settled) return;
      settled = true;
      if (channel !== undefined) {
        signalChannel(channel, "KILL");
        channel.close();
      }
      reject(aborted());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      outcome();
    };
    try {
      client.exec(fullCommand, (error, opened) => {
        if (error !== undefined && error !== null) {
          return finish(() => reject(context.lost() ?? new SshError(
            "error",
            `${what}: the server refused a session channel: ${error.message}`,
            { host: context.label, cause: error },
          )));
        }
        channel = opened;
        if (settled) {
          opened.close();
          return;
        }
        collect(opened, options, started, context, finish, resolve, reject);
      });
    } catch (error) {
      finish(() =>
        reject(context.lost() ?? new SshError("unreachable", `${what}: ${(error as Error).message}`, {
          host: context.label,
          cause: error,
        }))
      );
    }
  });
}

function collect(
  channel: ClientChannel,
  options: ExecOptions,
  started: number,
  context: ExecContext,
  finish: (outcome: () => void) => void,
  resolve: (result: ExecResult) => void,
  reject: (error: Error) => void,
): void {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let exitCode: number | null = null;
  let exitSignal: string | null = null;
  let exited = false;
  channel.on("data", (chunk: Buffer) => stdout.push(chunk));
  channel.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  channel.on("exit", (code: number | null, signalName?: string) => {
    exited = true;
    exitCode = typeof code === "number" ? code : null;
    exitSignal = typeof signalName === "string" ? signalName : null;
  });
  // Writes after the peer closed raise EPIPE-like errors; the close below decides.
  channel.on("error", () => {});
  channel.on("close", () => {
    const lost = context.lost();
    if (!exited && lost !== undefined) return finish(() => reject(lost));
    finish(() =>
      resolve({
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        exitCode,
        signal: exitSignal,
        durationMs: Math.round(performance.now() - started),
      })
    );
  });
  if (options.stdin !== undefined) channel.end(options.stdin);
  else channel.end();
}

function isTimeout(reason: unknown): boolean {
  return reason instanceof Error && reason.name === "TimeoutError";
}

function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return reason === undefined ? "aborted" : String(reason);
}
