/**
 * The Engine's multiplexed stream format (exec, attach and logs without a TTY): frames of an
 * 8-byte header (stream type, three zero bytes, big-endian uint32 length) and a payload.
 * Headers and payloads may be split across chunks, and one chunk may hold several frames.
 * @module
 */
import { utf8Boundary } from "../target/output_limit.ts";

/** Which stream a frame carries. */
export type FrameStream = "stdin" | "stdout" | "stderr";

const STREAMS: readonly FrameStream[] = ["stdin", "stdout", "stderr"];

/** Splits a framed byte stream into payload pieces without copying payload bytes. */
export class FrameDemuxer {
  #onPayload: (stream: FrameStream, payload: Buffer) => void;
  #header = Buffer.alloc(8);
  #headerBytes = 0;
  #stream: FrameStream = "stdout";
  #remaining = 0;

  /** `onPayload` receives each frame's payload, possibly in several pieces. */
  constructor(onPayload: (stream: FrameStream, payload: Buffer) => void) {
    this.#onPayload = onPayload;
  }

  /** Feeds one chunk; throws a `SyntaxError` on a header that is not a frame header. */
  push(chunk: Uint8Array): void {
    const buf = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    let offset = 0;
    while (offset < buf.length) {
      if (this.#remaining === 0) {
        const n = Math.min(8 - this.#headerBytes, buf.length - offset);
        buf.copy(this.#header, this.#headerBytes, offset, offset + n);
        this.#headerBytes += n;
        offset += n;
        if (this.#headerBytes === 8) this.#readHeader();
      } else {
        const n = Math.min(this.#remaining, buf.length - offset);
        this.#onPayload(this.#stream, buf.subarray(offset, offset + n));
        this.#remaining -= n;
        offset += n;
      }
    }
  }

  /** Whether the stream stopped inside a frame (a truncated stream). */
  get incomplete(): boolean {
    return this.#headerBytes > 0 || this.#remaining > 0;
  }

  #readHeader(): void {
    const header = this.#header;
    const stream = STREAMS[header[0]];
    if (stream === undefined || header[1] !== 0 || header[2] !== 0 || header[3] !== 0) {
      throw new SyntaxError(
        `Cannot read multiplexed stream: bad frame header ${header.toString("hex")}`,
      );
    }
    this.#stream = stream;
    this.#remaining = header.readUInt32BE(4);
    this.#headerBytes = 0;
  }
}

/**
 * Collects a framed stream's payloads into Buffers per stream, decoded once at the end; with a
 * `limit`, only each stream's first `limit` bytes are kept and the rest is counted.
 */
export class FrameCollector {
  /** The stdout pieces in order. */
  stdout: Buffer[] = [];
  /** The stderr pieces in order. */
  stderr: Buffer[] = [];
  /** Bytes seen per stream, kept or not. */
  readonly sizes = { stdout: 0, stderr: 0 };
  #limit: number;

  /** Keeps at most `limit` bytes of each stream (all of them by default). */
  constructor(limit: number = Infinity) {
    this.#limit = limit;
  }

  /** Adds one payload piece. */
  add(stream: FrameStream, payload: Buffer): void {
    const key = stream === "stderr" ? "stderr" : "stdout";
    const room = Math.min(payload.length, this.#limit - this.sizes[key]);
    if (room > 0) this[key].push(room === payload.length ? payload : payload.subarray(0, room));
    this.sizes[key] += payload.length;
  }

  /** Decodes both streams as UTF-8; a stream cut at the limit loses no half character. */
  text(): { stdout: string; stderr: string } {
    return { stdout: this.#decode("stdout"), stderr: this.#decode("stderr") };
  }

  /** The full sizes of the streams that went past the limit; undefined when none did. */
  truncated(): { stdout?: number; stderr?: number } | undefined {
    const { stdout, stderr } = this.sizes;
    if (stdout <= this.#limit && stderr <= this.#limit) return undefined;
    return {
      ...(stdout > this.#limit ? { stdout } : {}),
      ...(stderr > this.#limit ? { stderr } : {}),
    };
  }

  #decode(key: "stdout" | "stderr"): string {
    const bytes = Buffer.concat(this[key]);
    this[key] = [];
    const end = this.sizes[key] > this.#limit ? utf8Boundary(bytes, bytes.length) : bytes.length;
    return bytes.toString("utf8", 0, end);
  }
}
