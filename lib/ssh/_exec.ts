/**
 * One command on an `exec` channel: output collected as bytes and decoded once, exit status
 * or signal, stdin, and abort through an AbortSignal that kills the remote process group.
 * Assumes a POSIX login shell (sh, bash, dash, zsh, ksh) on the server.
 * @module
 */
import { clearTimeout, setTimeout } from "node:timers";
import type { Client, ClientChannel } from "ssh2";
import { withEnv } from "../shell_quote.ts";
import { signalChannel } from "./_signal_channel.ts";
import { SshError } from "./ssh_error.ts";

/** Options for one remote command. */
export interface ExecOptions {
  /** Aborts the command: its process group is killed and the promise rejects (SshError). */
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

/**
 * The shell prints its pid (the session's process group, as sshd runs it with setsid) framed
 * by RS characters before the command, so an abort can kill the whole group: sshd refuses
 * `signal` requests for root logins, and closing the channel alone leaves the command running.
 */
const PID_HEADER = `printf '\\036%010d\\036' "$$"`;
const PID_HEADER_LENGTH = 12;
const RS = 0x1e;
/** How much leading stdout may precede the header (a chatty login script). */
const HEADER_SEARCH_LIMIT = 65_536;
/** How long an aborted exec waits for its cleanup before it rejects. */
const ABORT_GRACE_MS = 2_000;
/** How long the background cleanup waits for the pid (the login scripts run first). */
const PID_WAIT_MS = 120_000;

/** Runs one command; rejects with an SshError when aborted or when the connection is lost. */
export async function execOnClient(
  client: Client,
  command: string,
  options: ExecOptions,
  context: ExecContext,
): Promise<ExecResult> {
  const started = performance.now();
  const shown = command.length > 60 ? `${command.slice(0, 57)}...` : command;
  const what = `Cannot finish command "${shown}" on "${context.label}"`;
  const fullCommand = `${PID_HEADER}; ${withEnv(command, options.env)}`;
  const { signal } = options;
  const aborted = () =>
    new SshError(
      isTimeout(signal?.reason) ? "timeout" : "error",
      `${what}: aborted after ${Math.round(performance.now() - started)} ms: ` +
        reasonText(signal?.reason),
      { host: context.label, cause: signal?.reason },
    );
  if (signal?.aborted) throw aborted();
  const gone = context.lost();
  if (gone !== undefined) throw gone;
  const channel = await openExec(client, fullCommand, what, context);
  const run = collect(channel, started, context);
  if (options.stdin !== undefined) channel.end(options.stdin);
  else channel.end();
  if (signal === undefined) return await run.result;
  let onAbort = () => {};
  let abortStarted = false;
  const abortedRun = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      abortStarted = true;
      const error = aborted();
      // Settle within the grace period; a slow login script can delay the pid, and the
      // cleanup then goes on in the background until the command is killed or ends.
      within(stop(client, channel, run), ABORT_GRACE_MS).then(() => reject(error));
    };
  });
  abortedRun.catch(() => {});
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  try {
    const result = await Promise.race([run.result, abortedRun]);
    // The kill ends the channel too; the abort, not the killed command's status, is the outcome.
    return abortStarted ? await abortedRun : result;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

function openExec(
  client: Client,
  command: string,
  what: string,
  context: ExecContext,
): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    try {
      client.exec(command, (error, channel) => {
        if (error === undefined || error === null) return resolve(channel);
        reject(
          context.lost() ?? new SshError(
            "error",
            `${what}: the server refused a session channel: ${error.message}`,
            { host: context.label, cause: error },
          ),
        );
      });
    } catch (error) {
      reject(
        context.lost() ?? new SshError("unreachable", `${what}: ${(error as Error).message}`, {
          host: context.label,
          cause: error,
        }),
      );
    }
  });
}

interface Run {
  /** Settles when the channel closes. */
  result: Promise<ExecResult>;
  /** Resolves with the remote shell's pid once known, or null when it never came. */
  pid: Promise<number | null>;
  /** Resolves when the channel closed. */
  closed: Promise<void>;
}

function collect(channel: ClientChannel, started: number, context: ExecContext): Run {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let header: Buffer | null = Buffer.alloc(0);
  let exitCode: number | null = null;
  let exitSignal: string | null = null;
  let exited = false;
  let resolvePid: (pid: number | null) => void = () => {};
  const pid = new Promise<number | null>((resolve) => (resolvePid = resolve));
  // Login scripts may print before the header, so it is looked for in the first bytes.
  const readHeader = (final: boolean) => {
    if (header === null) return;
    const found = findPidHeader(header);
    if (found === null && !final && header.length < HEADER_SEARCH_LIMIT) return;
    resolvePid(found?.pid ?? null);
    if (found === null) stdout.push(header);
    else {
      stdout.push(header.subarray(0, found.start));
      stdout.push(header.subarray(found.start + PID_HEADER_LENGTH));
    }
    header = null;
  };
  channel.on("data", (chunk: Buffer) => {
    if (header === null) return stdout.push(chunk);
    header = Buffer.concat([header, chunk]);
    readHeader(false);
  });
  channel.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  channel.on("exit", (code: number | null, signalName?: string) => {
    exited = true;
    exitCode = typeof code === "number" ? code : null;
    exitSignal = typeof signalName === "string" ? signalName : null;
  });
  // Writes after the peer closed raise EPIPE-like errors; the close below decides.
  channel.on("error", () => {});
  let resolveClosed = () => {};
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const result = new Promise<ExecResult>((resolve, reject) => {
    channel.on("close", () => {
      readHeader(true);
      resolveClosed();
      const lost = context.lost();
      if (!exited && lost !== undefined) return reject(lost);
      resolve({
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        exitCode,
        signal: exitSignal,
        durationMs: Math.round(performance.now() - started),
      });
    });
  });
  result.catch(() => {});
  return { result, pid, closed };
}

/** Finds the `RS 10-digits RS` pid header, or null when the bytes do not hold one. */
function findPidHeader(bytes: Buffer): { pid: number; start: number } | null {
  for (let start = bytes.indexOf(RS); start !== -1; start = bytes.indexOf(RS, start + 1)) {
    if (start + PID_HEADER_LENGTH > bytes.length) return null;
    if (bytes[start + PID_HEADER_LENGTH - 1] !== RS) continue;
    const digits = bytes.subarray(start + 1, start + PID_HEADER_LENGTH - 1).toString("latin1");
    if (/^\d{10}$/.test(digits)) return { pid: Number(digits), start };
  }
  return null;
}

/**
 * Kills the command: a `signal` request (honoured for non-root logins), then `kill -KILL` of
 * its process group once the shell's pid is known; closes the channel when the command ended.
 */
async function stop(client: Client, channel: ClientChannel, run: Run): Promise<void> {
  signalChannel(channel, "KILL");
  // Closing the channel before the command ends would leave it running: wait for the pid,
  // which resolves null when the channel closes first.
  const pid = await within(run.pid, PID_WAIT_MS);
  if (typeof pid === "number" && pid > 1) {
    await within(killGroup(client, pid), ABORT_GRACE_MS);
  }
  await within(run.closed, ABORT_GRACE_MS);
  channel.close();
}

/** Runs `kill -KILL -<pgid>` on a channel of its own; never rejects. */
function killGroup(client: Client, pid: number): Promise<void> {
  return new Promise((resolve) => {
    try {
      client.exec(`kill -KILL -${pid} 2>/dev/null || kill -KILL ${pid} 2>/dev/null`, (e, ch) => {
        if (e !== undefined && e !== null) return resolve();
        ch.on("close", () => resolve());
        ch.on("error", () => resolve());
        ch.resume();
        ch.stderr.resume();
        ch.end();
      });
    } catch {
      resolve();
    }
  });
}

/** Resolves with the promise's value, or undefined after `ms`; the timer never holds the process. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let cancel = () => {};
  const timeout = new Promise<undefined>((resolve) => {
    const handle = setTimeout(() => resolve(undefined), ms);
    // node:timers gives Node's Timeout on both runtimes; the DOM typings in scope say number.
    (handle as unknown as { unref?: () => void }).unref?.();
    cancel = () => clearTimeout(handle);
  });
  return Promise.race([promise, timeout]).finally(cancel);
}

function isTimeout(reason: unknown): boolean {
  return reason instanceof Error && reason.name === "TimeoutError";
}

function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return reason === undefined ? "aborted" : String(reason);
}
