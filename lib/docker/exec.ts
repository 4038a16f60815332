/**
 * One command in a running container through the Engine API, with its output, exit code,
 * duration, and a time limit that really kills the command.
 * @module
 */
import { StringDecoder } from "node:string_decoder";
import { createExec, execExitCode, newMarker, signalMarked, startExec } from "./_exec_api.ts";
import { FrameCollector, FrameDemuxer } from "./_frames.ts";
import type { Transport } from "./_transport.ts";
import { cannot, DockerError } from "./errors.ts";

/** How to run one exec. */
export interface ExecOptions {
  /** Environment variables. */
  env?: Record<string, string> | string[];
  /** The user (`name`, `uid`, `uid:gid`). */
  user?: string;
  /** The working directory. */
  workdir?: string;
  /** Written to the command's stdin, which is then closed. */
  stdin?: string | Buffer;
  /** Ends the command early (killed, reported as `timedOut`), like a time limit. */
  signal?: AbortSignal;
  /** Time limit in milliseconds; the command's processes are killed when it passes. */
  timeoutMs?: number;
  /**
   * Bytes of each stream kept (all when absent); the rest is counted, reported in
   * `ExecResult.truncated`, and still passed to `onStdout`/`onStderr`.
   */
  maxOutput?: number;
  /** Receives stdout text as it arrives. */
  onStdout?: (text: string) => void;
  /** Receives stderr text as it arrives. */
  onStderr?: (text: string) => void;
  /**
   * The marker of an exit trailer: the command runs a script made by {@link withExitTrailer},
   * which prints its exit status as the last line of stdout. That line is read and removed, which
   * spares asking the engine for the status (one request, one round trip); without it (a shell
   * killed, its stdout closed or sent elsewhere), the engine is asked as usual. Not with
   * `onStdout` or `maxOutput`.
   */
  exitTrailer?: string;
}

/** What one exec did: data, not an exception. */
export interface ExecResult {
  /** Everything written to stdout (its first `maxOutput` bytes). */
  stdout: string;
  /** Everything written to stderr (its first `maxOutput` bytes). */
  stderr: string;
  /** The full sizes of the streams cut at `maxOutput`; absent when none was. */
  truncated?: { stdout?: number; stderr?: number };
  /** The exit code; null when it could not be read (a timed-out command that survived). */
  exitCode: number | null;
  /** Wall time in milliseconds, from creating the exec to reading its exit code. */
  durationMs: number;
  /** Whether the time limit (or `signal`) ended it. */
  timedOut: boolean;
}

// How long to wait for the stream to end after the processes were killed.
const DRAIN_AFTER_KILL_MS = 2000;

/**
 * Runs `cmd` in a running container. Rejects only when the exec cannot be created or started
 * (missing or stopped container); a failing command is a result. With a time limit or signal,
 * the command's environment carries `RUN_LESSON_EXEC=<tag>` so its processes can be found and
 * killed from a second exec (the API cannot kill an exec; that needs `sh`, `grep`, `kill`).
 */
export async function exec(
  api: Transport,
  container: string,
  cmd: string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const { signal, timeoutMs } = options;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    throw new RangeError(
      `Cannot exec in container "${container}": timeoutMs must be positive, got ${timeoutMs}`,
    );
  }
  if (options.exitTrailer !== undefined) {
    if (!/^[0-9A-Za-z_]+$/.test(options.exitTrailer)) {
      throw new TypeError(`Cannot exec in container "${container}": bad exit trailer marker`);
    }
    if (options.onStdout !== undefined || options.maxOutput !== undefined) {
      throw new TypeError(
        `Cannot exec in container "${container}": an exit trailer needs all of stdout`,
      );
    }
  }
  signal?.throwIfAborted();
  const started = performance.now();
  const killable = signal !== undefined || timeoutMs !== undefined;
  const marker = killable ? newMarker() : undefined;
  const execId = await createExec(api, container, {
    cmd,
    env: options.env,
    user: options.user,
    workdir: options.workdir,
    stdin: options.stdin !== undefined,
    marker,
  });
  const socket = await startExec(api, execId, false, container);

  const collector = new FrameCollector(options.maxOutput);
  const decoders = {
    stdout: options.onStdout ? new StringDecoder("utf8") : undefined,
    stderr: options.onStderr ? new StringDecoder("utf8") : undefined,
  };
  const demuxer = new FrameDemuxer((stream, payload) => {
    collector.add(stream, payload);
    if (stream === "stderr") emit(options.onStderr, decoders.stderr?.write(payload));
    else emit(options.onStdout, decoders.stdout?.write(payload));
  });

  let timedOut = false;
  let streamError: unknown;
  const ended = new Promise<void>((resolve) => {
    socket.on("data", (chunk: Buffer) => {
      try {
        demuxer.push(chunk);
      } catch (error) {
        streamError = error;
        socket.destroy();
      }
    });
    socket.on("close", () => resolve());
    // Over an SSH channel only "end" comes while our side stays open.
    socket.on("end", () => resolve());
    socket.on("error", (error) => {
      streamError ??= error;
      resolve();
    });
  });

  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const timer = timeoutMs === undefined ? undefined : setTimeout(stop, timeoutMs);
  signal?.addEventListener("abort", stop, { once: true });
  if (signal?.aborted) stop();

  if (options.stdin !== undefined) socket.end(options.stdin);

  try {
    const first = await Promise.race([ended.then(() => "ended"), stopped.then(() => "stopped")]);
    if (first === "stopped") {
      timedOut = true;
      await signalMarked(api, container, marker!, "KILL").catch(() => 0);
      const drained = await Promise.race([
        ended.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), DRAIN_AFTER_KILL_MS)),
      ]);
      if (!drained) socket.destroy();
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", stop);
  }
  if (streamError !== undefined && !timedOut) {
    const detail = streamError instanceof Error ? streamError.message : String(streamError);
    throw new DockerError(cannot("read exec output in container", container, detail), {
      cause: streamError,
    });
  }
  emit(options.onStdout, decoders.stdout?.end());
  emit(options.onStderr, decoders.stderr?.end());
  const text = collector.text();
  const trailer = options.exitTrailer === undefined
    ? undefined
    : readExitTrailer(text.stdout, options.exitTrailer);
  const stdout = trailer?.stdout ?? text.stdout;
  const stderr = text.stderr;
  const exitCode = trailer?.exitCode !== undefined && !timedOut
    ? trailer.exitCode
    : await execExitCode(api, execId);
  const truncated = collector.truncated();
  return {
    stdout,
    stderr,
    ...(truncated ? { truncated } : {}),
    exitCode,
    durationMs: performance.now() - started,
    timedOut,
  };
}

function emit(callback: ((text: string) => void) | undefined, text: string | undefined): void {
  if (callback && text) callback(text);
}

/**
 * A shell script that reports its exit status in-band, and the marker to pass as
 * `ExecOptions.exitTrailer`: the shell's EXIT trap prints `\n<marker> <status>\n` on stdout as
 * it exits, the status being what the engine would report (an `exit 3` included). The trap is
 * set on the line of the script's first command, so that the shell's messages keep their line
 * numbers; the marker is unguessable by the script.
 */
export function withExitTrailer(script: string): { script: string; exitTrailer: string } {
  const marker = `__rl_exit_${newMarker()}`;
  return {
    script: `trap 'printf "\\n%s %s\\n" ${marker} "$?"' EXIT; ${script}`,
    exitTrailer: marker,
  };
}

/**
 * Finds the last exit trailer in `stdout` and removes it; `exitCode` is undefined when there is
 * none (stdout then comes back as it was).
 */
export function readExitTrailer(
  stdout: string,
  marker: string,
): { stdout: string; exitCode?: number } {
  const head = `\n${marker} `;
  const at = stdout.lastIndexOf(head);
  const end = at === -1 ? -1 : stdout.indexOf("\n", at + head.length);
  if (end === -1) return { stdout };
  const code = stdout.slice(at + head.length, end);
  if (!/^\d{1,3}$/.test(code)) return { stdout };
  return { stdout: stdout.slice(0, at) + stdout.slice(end + 1), exitCode: Number(code) };
}
