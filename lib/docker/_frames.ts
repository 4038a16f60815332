/**
 * The Engine's multiplexed stream format (exec, attach and logs without a TTY): frames of an
 * 8-byte header (stream type, three zero bytes, big-endian uint32 length) and a payload.
 * Headers and payloads may be split across chunks, and one chunk may hold several frames.
 * @module
 */

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

/** Collects a framed stream's payloads into Buffers per stream, decoded once at the end. */
export class FrameCollector {
  /** The stdout pieces in order. */
  stdout: Buffer[] = [];
  /** The stderr pieces in order. */
  stderr: Buffer[] = [];

  /** Adds one payload piece. */
  add(stream: FrameStream, payload: Buffer): void {
    (stream === "stderr" ? this.stderr : this.stdout).push(payload);
  }

  /** Decodes both streams as UTF-8. */
  text(): { stdout: string; stderr: string } {
    return {
      stdout: Buffer.concat(this.stdout).toString("utf8"),
      stderr: Buffer.concat(this.stderr).toString("utf8"),
    };
  }
}
