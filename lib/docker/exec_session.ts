/**
 * A long-lived exec with stdin kept open: an interactive shell typed into (TTY, raw output) or
 * a plain `sh` fed commands (framed output, stdout and stderr apart).
 * @module
 */
import type { Duplex } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import {
  createExec,
  execExitCode,
  inspectExec,
  newMarker,
  signalMarked,
  startExec,
} from "./_exec_api.ts";
import { FrameDemuxer, type FrameStream } from "./_frames.ts";
import type { Transport } from "./_transport.ts";
import { seg } from "./_util.ts";

/** How to open an exec session. */
export interface ExecSessionOptions {
  /** Allocate a TTY: raw output on `stdout`, `\n` echoed as `\r\n`, stderr merged. */
  tty?: boolean;
  /** Environment variables. */
  env?: Record<string, string> | string[];
  /** The user. */
  user?: string;
  /** The working directory. */
  workdir?: string;
}

/** Which stream a piece of session output came from (`stdout` only, with a TTY). */
export type SessionStream = "stdout" | "stderr";

/** An open exec: write input, read output as it comes, then close. */
export interface ExecSession {
  /** The exec id. */
  readonly id: string;
  /** Sends input to the process. */
  write(data: string | Buffer): void;
  /** Subscribes to output (decoded UTF-8); output that came before the first subscriber is replayed. Returns an unsubscribe function. */
  onData(callback: (text: string, stream: SessionStream) => void): () => void;
  /** Resizes the TTY (TTY sessions only). */
  resize(rows: number, cols: number): Promise<void>;
  /** Closes stdin and, if the process has not ended within `graceMs` (default 1000), kills it. */
  close(graceMs?: number): Promise<void>;
  /** Resolves with the exit code once the output ended; null if the process still runs. */
  exitCode(): Promise<number | null>;
}

/** Opens an exec session running `cmd` (its processes are marked so `close` can kill them). */
export async function openExec(
  api: Transport,
  container: string,
  cmd: string[],
  options: ExecSessionOptions = {},
): Promise<ExecSession> {
  const tty = options.tty ?? false;
  const marker = newMarker();
  const execId = await createExec(api, container, {
    cmd,
    env: options.env,
    user: options.user,
    workdir: options.workdir,
    stdin: true,
    tty,
    marker,
  });
  const socket = await startExec(api, execId, tty, container);
  return new Session(api, container, execId, marker, socket, tty);
}

/** Opens an interactive TTY exec (raw output) to type into. */
export function openTtyExec(
  api: Transport,
  container: string,
  cmd: string[],
  options: Omit<ExecSessionOptions, "tty"> = {},
): Promise<ExecSession> {
  return openExec(api, container, cmd, { ...options, tty: true });
}

class Session implements ExecSession {
  readonly id: string;
  #api: Transport;
  #container: string;
  #marker: string;
  #socket: Duplex;
  #tty: boolean;
  #listeners = new Set<(text: string, stream: SessionStream) => void>();
  #early: Array<[string, SessionStream]> = [];
  #ended: Promise<void>;

  constructor(api: Transport, container: string, id: string, marker: string, socket: Duplex, tty: boolean) {
    this.#api = api;
    this.#container = container;
    this.id = id;
    this.#marker = marker;
    this.#socket = socket;
    this.#tty = tty;
    const decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
    const deliver = (stream: FrameStream, payload: Buffer) => {
      const name: SessionStream = stream === "stderr" ? "stderr" : "stdout";
      const text = decoders[name].write(payload);
      if (text !== "") this.#deliver(text, name);
    };
    const demuxer = new FrameDemuxer(deliver);
    this.#ended = new Promise<void>((resolve) => {
      socket.on("data", (chunk: Buffer) => {
        if (tty) deliver("stdout", chunk);
        else {
          try {
            demuxer.push(chunk);
          } catch {
            socket.destroy();
          }
        }
      });
      socket.on("close", () => resolve());
      socket.on("error", () => resolve());
    });
  }

  write(data: string | Buffer): void {
    this.#socket.write(data);
  }

  onData(callback: (text: string, stream: SessionStream) => void): () => void {
    this.#listeners.add(callback);
    if (this.#listeners.size === 1 && this.#early.length > 0) {
      const early = this.#early;
      this.#early = [];
      for (const [text, stream] of early) callback(text, stream);
    }
    return () => this.#listeners.delete(callback);
  }

  async resize(rows: number, cols: number): Promise<void> {
    await this.#api.json({
      method: "POST",
      path: `/exec/${seg(this.id)}/resize`,
      query: { h: rows, w: cols },
      ok: [200, 201],
      action: "resize exec",
      subject: this.id,
    });
  }

  async close(graceMs = 1000): Promise<void> {
    if (!this.#socket.writableEnded) this.#socket.end();
    // With a TTY the engine ends the output at stdin's end but leaves the process running.
    const wait = this.#tty ? 0 : graceMs;
    const ended = await Promise.race([
      this.#ended.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), wait)),
    ]);
    const running = !ended ||
      (await inspectExec(this.#api, this.id).then((info) => info.Running, () => false));
    if (running) {
      await signalMarked(this.#api, this.#container, this.#marker, "KILL").catch(() => 0);
      await Promise.race([this.#ended, new Promise((resolve) => setTimeout(resolve, 2000))]);
    }
    this.#socket.destroy();
  }

  exitCode(): Promise<number | null> {
    return this.#ended.then(() => execExitCode(this.#api, this.id));
  }

  #deliver(text: string, stream: SessionStream): void {
    if (this.#listeners.size === 0) this.#early.push([text, stream]);
    else for (const listener of this.#listeners) listener(text, stream);
  }
}
