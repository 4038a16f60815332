/**
 * The two-way stream of a hijacked exec or attach: input goes out raw, output comes back raw
 * (TTY) or framed, and is handed to subscribers as decoded text.
 * @module
 */
import type { Duplex } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { FrameDemuxer, type FrameStream } from "./_frames.ts";

/** Which stream a piece of session output came from (`stdout` only, with a TTY). */
export type SessionStream = "stdout" | "stderr";

/** An open exec or attach: write input, read output as it comes, then close. */
export interface ExecSession {
  /** The exec id, or the container id for an attach. */
  readonly id: string;
  /** Sends input to the process. */
  write(data: string | Buffer): void;
  /**
   * Subscribes to output (decoded UTF-8). Output that came before the first subscriber is
   * replayed to it right after this returns. Returns an unsubscribe function.
   */
  onData(callback: (text: string, stream: SessionStream) => void): () => void;
  /** Resizes the TTY. */
  resize(rows: number, cols: number): Promise<void>;
  /** Ends the session (an exec's processes are killed if they outlive it; an attach detaches). */
  close(): Promise<void>;
  /** Resolves with the exit code once the output ended; null if the process still runs. */
  exitCode(): Promise<number | null>;
  /** Resolves once the output ended (the process ended, or the stream was cut). */
  ended(): Promise<void>;
}

/** What differs between an exec session and an attach. */
export interface SessionHooks {
  /** Reads the exit code after the output ended. */
  exitCode(): Promise<number | null>;
  /** Resizes the TTY. */
  resize(rows: number, cols: number): Promise<void>;
  /** Finishes `close()` once stdin was ended; `ended` says whether the output ended in time. */
  close(ended: boolean, waitForEnd: (ms: number) => Promise<boolean>): Promise<void>;
  /** How long `close()` waits for the output to end before calling the hook. */
  graceMs: number;
}

/** A hijacked stream wrapped as an {@link ExecSession}. */
export class HijackedSession implements ExecSession {
  /** The exec id, or the container id for an attach. */
  readonly id: string;
  #socket: Duplex;
  #hooks: SessionHooks;
  #listeners = new Set<(text: string, stream: SessionStream) => void>();
  #early: Array<[string, SessionStream]> = [];
  #replaying = false;
  #ended: Promise<void>;

  /** Starts reading `socket` at once, so no output is lost before the first subscriber. */
  constructor(id: string, socket: Duplex, tty: boolean, hooks: SessionHooks) {
    this.id = id;
    this.#socket = socket;
    this.#hooks = hooks;
    const decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
    const deliver = (stream: FrameStream, payload: Buffer) => {
      const name: SessionStream = stream === "stderr" ? "stderr" : "stdout";
      const text = decoders[name].write(payload);
      if (text !== "") this.#deliver(text, name);
    };
    const demuxer = new FrameDemuxer(deliver);
    this.#ended = new Promise<void>((resolve) => {
      socket.on("data", (chunk: Buffer) => {
        if (tty) return deliver("stdout", chunk);
        try {
          demuxer.push(chunk);
        } catch {
          socket.destroy();
        }
      });
      socket.on("close", () => resolve());
      // Over an SSH channel only "end" comes while our side stays open.
      socket.on("end", () => resolve());
      socket.on("error", () => resolve());
    });
  }

  write(data: string | Buffer): void {
    this.#socket.write(data);
  }

  onData(callback: (text: string, stream: SessionStream) => void): () => void {
    this.#listeners.add(callback);
    if (this.#listeners.size === 1 && this.#early.length > 0 && !this.#replaying) {
      // Replayed after onData() returns, so the caller holds its unsubscribe function first.
      this.#replaying = true;
      queueMicrotask(() => {
        const early = this.#early;
        this.#early = [];
        this.#replaying = false;
        for (const [text, stream] of early) this.#deliver(text, stream);
      });
    }
    return () => this.#listeners.delete(callback);
  }

  resize(rows: number, cols: number): Promise<void> {
    return this.#hooks.resize(rows, cols);
  }

  async close(): Promise<void> {
    if (!this.#socket.writableEnded) this.#socket.end();
    const waitForEnd = (ms: number) =>
      Promise.race([
        this.#ended.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
      ]);
    await this.#hooks.close(await waitForEnd(this.#hooks.graceMs), waitForEnd);
    this.#socket.destroy();
  }

  exitCode(): Promise<number | null> {
    return this.#ended.then(() => this.#hooks.exitCode());
  }

  ended(): Promise<void> {
    return this.#ended;
  }

  #deliver(text: string, stream: SessionStream): void {
    if (this.#listeners.size === 0 || this.#replaying) this.#early.push([text, stream]);
    else for (const listener of this.#listeners) listener(text, stream);
  }
}
