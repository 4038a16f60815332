/**
 * One output stream of a framed shell, collected up to the next marker line (a newline, the
 * session's marker prefix, and the rest of the line, which says how the command ended), with a
 * line callback for stop conditions. Only the first `limit` bytes of a command's output are
 * kept (output_limit.ts); the rest is counted, and still seen line by line as it arrives.
 * @module
 */
import { maxOutputBytes, utf8Boundary } from "./output_limit.ts";

/** What was kept of a command's stream. */
export interface CollectedText {
  /** The kept bytes decoded as UTF-8, cut before a character the bound would split. */
  text: string;
  /** The stream's size in bytes (up to the requested end), kept or not. */
  size: number;
  /** Whether bytes were left out because of the bound. */
  cut: boolean;
}

/** Collects one stream of the shell up to the next marker line. */
export class OutputCollector {
  #limit: number;
  #chunks: Buffer[] = [];
  #kept = 0;
  #length = 0;
  #tail: Buffer = Buffer.alloc(0);
  #marker: Buffer = Buffer.alloc(0);
  #resolve: () => void = () => {};
  #pending: Buffer[] = [];
  #pendingLength = 0;
  #lineCount = 0;
  #leftover: Buffer[] = [];
  /** Whether the marker arrived. */
  done = true;
  /** What followed the marker prefix on its line. */
  marker = "";
  /** Resolves when the marker arrived. */
  finished: Promise<void> = Promise.resolve();
  /**
   * Called for each complete line (its first `limit` bytes), with the byte offset just after it
   * and the line count.
   */
  onLine: ((line: string, endOffset: number, count: number) => void) | undefined;

  /** Keeps at most `limit` bytes per command (RUN_LESSON_MAX_OUTPUT, 16 MiB, by default). */
  constructor(limit: number = maxOutputBytes()) {
    this.#limit = limit;
  }

  /** Bytes of output seen for the current command, kept or not. */
  get length(): number {
    return this.#length;
  }

  /** Starts collecting for a new command, up to a line starting with `prefix`. */
  reset(prefix: string): void {
    this.#chunks = [];
    this.#kept = 0;
    this.#length = 0;
    this.#tail = Buffer.alloc(0);
    this.#marker = Buffer.from(`\n${prefix}`, "latin1");
    this.#pending = [];
    this.#pendingLength = 0;
    this.#lineCount = 0;
    this.done = false;
    this.marker = "";
    this.finished = new Promise((resolve) => (this.#resolve = resolve));
    for (const chunk of this.#leftover.splice(0)) this.push(chunk);
  }

  /** Adds a chunk read from the stream. */
  push(chunk: Buffer): void {
    if (this.done) {
      this.#leftover.push(chunk);
      return;
    }
    // Only the tail and the new chunk can hold a sentinel that was not there before.
    const window = this.#tail.length === 0 ? chunk : Buffer.concat([this.#tail, chunk]);
    const windowStart = this.#length - this.#tail.length;
    const chunkStart = this.#length;
    const index = window.indexOf(this.#marker);
    const newline = index === -1 ? -1 : window.indexOf(10, index + this.#marker.length);
    if (index === -1 || newline === -1) {
      this.#keep(chunk);
      this.#length += chunk.length;
      if (this.onLine) this.#scanLines(chunk, chunkStart);
      // Room for the marker line's rest: a code and the background jobs' process groups.
      const keep = this.#marker.length + 1024;
      this.#tail = window.length > keep
        ? Buffer.from(window.subarray(window.length - keep))
        : window;
      return;
    }
    const bodyEnd = windowStart + index;
    this.marker = window.subarray(index + this.#marker.length, newline).toString("latin1");
    const after = window.subarray(newline + 1);
    if (after.length > 0) this.#leftover.push(after);
    const body = chunk.subarray(0, Math.max(0, bodyEnd - chunkStart));
    this.#keep(body);
    // The marker may have begun in an earlier chunk: what was kept of it goes.
    this.#trimKept(bodyEnd);
    this.#length = bodyEnd;
    if (this.onLine) this.#scanLines(body, chunkStart);
    this.done = true;
    this.#resolve();
  }

  /**
   * What was kept of the current command's output up to byte `end` (all of it when absent),
   * decoded once; a cut never splits a UTF-8 character.
   */
  text(end: number = this.#length): CollectedText {
    const size = Math.min(end, this.#length);
    const all = this.#chunks.length === 1 ? this.#chunks[0] : Buffer.concat(this.#chunks);
    this.#chunks = [all];
    const cut = size > this.#kept;
    const stop = cut ? utf8Boundary(all, this.#kept) : size;
    return { text: all.toString("utf8", 0, stop), size, cut };
  }

  #keep(bytes: Buffer): void {
    const room = this.#limit - this.#kept;
    if (room <= 0 || bytes.length === 0) return;
    const kept = bytes.length > room ? bytes.subarray(0, room) : bytes;
    this.#chunks.push(kept);
    this.#kept += kept.length;
  }

  #trimKept(end: number): void {
    while (this.#kept > end) {
      const last = this.#chunks.pop()!;
      const excess = this.#kept - end;
      this.#kept -= Math.min(excess, last.length);
      if (excess < last.length) this.#chunks.push(last.subarray(0, last.length - excess));
    }
  }

  /** Calls onLine for each line `chunk` completes; `start` is the chunk's stream offset. */
  #scanLines(chunk: Buffer, start: number): void {
    let from = 0;
    let newline = chunk.indexOf(10);
    while (newline !== -1 && this.onLine) {
      const piece = chunk.subarray(
        from,
        Math.min(newline, from + this.#limit - this.#pendingLength),
      );
      const line = this.#pending.length === 0 ? piece : Buffer.concat([...this.#pending, piece]);
      this.#pending = [];
      this.#pendingLength = 0;
      this.onLine(line.toString("utf8"), start + newline + 1, ++this.#lineCount);
      from = newline + 1;
      newline = chunk.indexOf(10, from);
    }
    // A line longer than the bound is seen by its first `limit` bytes.
    const room = this.#limit - this.#pendingLength;
    if (room > 0 && from < chunk.length) {
      const rest = Buffer.from(chunk.subarray(from, Math.min(chunk.length, from + room)));
      this.#pending.push(rest);
      this.#pendingLength += rest.length;
    }
  }
}
