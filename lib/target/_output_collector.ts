/**
 * One output stream of a framed shell, collected up to the next marker line (a newline, the
 * session's marker prefix, and the rest of the line, which says how the command ended), with a
 * line callback for stop conditions.
 * @module
 */

/** Collects one stream of the shell up to the next marker line. */
export class OutputCollector {
  #chunks: Buffer[] = [];
  #length = 0;
  #tail = Buffer.alloc(0);
  #marker = Buffer.alloc(0);
  #resolve: () => void = () => {};
  #pending = "";
  #lineCount = 0;
  #leftover: Buffer[] = [];
  /** Whether the marker arrived. */
  done = true;
  /** What followed the marker prefix on its line. */
  marker = "";
  /** Resolves when the marker arrived. */
  finished: Promise<void> = Promise.resolve();
  /** Called for each complete line, with the byte offset just after it and the line count. */
  onLine: ((line: string, endOffset: number, count: number) => void) | undefined;

  /** Bytes of output collected for the current command. */
  get length(): number {
    return this.#length;
  }

  /** Starts collecting for a new command, up to a line starting with `prefix`. */
  reset(prefix: string): void {
    this.#chunks = [];
    this.#length = 0;
    this.#tail = Buffer.alloc(0);
    this.#marker = Buffer.from(`\n${prefix}`, "latin1");
    this.#pending = "";
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
    const window = Buffer.concat([this.#tail, chunk]);
    const windowStart = this.#length - this.#tail.length;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
    const index = window.indexOf(this.#marker);
    const newline = index === -1 ? -1 : window.indexOf(10, index + this.#marker.length);
    if (index === -1 || newline === -1) {
      if (this.onLine) this.#scanLines(chunk);
      // Room for the marker line's rest: a code and the background jobs' process groups.
      const keep = this.#marker.length + 1024;
      this.#tail = window.length > keep ? window.subarray(window.length - keep) : window;
      return;
    }
    const bodyEnd = windowStart + index;
    this.marker = window.subarray(index + this.#marker.length, newline).toString("latin1");
    const all = Buffer.concat(this.#chunks);
    const after = all.subarray(windowStart + newline + 1);
    if (after.length > 0) this.#leftover.push(after);
    this.#chunks = [all.subarray(0, bodyEnd)];
    this.#length = bodyEnd;
    if (this.onLine) {
      this.#scanLines(chunk.subarray(0, Math.max(0, chunk.length - (all.length - bodyEnd))));
    }
    this.done = true;
    this.#resolve();
  }

  #scanLines(chunk: Buffer): void {
    let text = this.#pending + chunk.toString("latin1");
    let offset = this.#length - Buffer.byteLength(text, "latin1");
    let newline = text.indexOf("\n");
    while (newline !== -1 && this.onLine) {
      const line = Buffer.from(text.slice(0, newline), "latin1").toString("utf8");
      offset += newline + 1;
      this.onLine(line, offset, ++this.#lineCount);
      text = text.slice(newline + 1);
      newline = text.indexOf("\n");
    }
    this.#pending = text;
  }

  /** The output collected for the current command. */
  body(): Buffer {
    return this.#chunks.length === 1 ? this.#chunks[0] : Buffer.concat(this.#chunks);
  }
}
