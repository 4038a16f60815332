/**
 * One typed command's output in a TTY session, read once as it arrives: CRLF becomes LF, lines
 * printed by the retyped sentinels of interrupted commands are left out, the command's own
 * sentinel line ends it, and only the first `limit` bytes are kept (output_limit.ts), the rest
 * counted. Each chunk is looked at once; what is held between chunks is a `\r` and the start of
 * a line that may still become a sentinel (at most {@link MAX_SENTINEL} characters), so the cost
 * is linear in the output and memory does not grow with it.
 * @module
 */
import { utf8Boundary } from "./output_limit.ts";

/**
 * The longest sentinel line looked for: `__RL_`, a 24-digit token, `_`, a counter, a space and
 * an exit code come to about 45 characters. A line that is still sentinel-like past this is
 * output.
 */
export const MAX_SENTINEL = 64;

/** A sentinel line, of this session or of another (any token, counter and code). */
const ANY_SENTINEL = /^__RL_[0-9a-f]+_\d+ \d+$/;

/** The start of a line that may still become a sentinel line. */
const SENTINEL_START = /^(?:_|__|__R|__RL|__RL_[0-9a-f]*(?:_\d*(?: \d*)?)?)$/;

/** How far into the output: characters (for slicing the text) and UTF-8 bytes (for sizes). */
export interface OutputPosition {
  /** Characters of the cleaned output. */
  chars: number;
  /** Bytes of the cleaned output. */
  bytes: number;
}

/** What was kept of a command's output. */
export interface KeptOutput {
  /** The first `limit` bytes of the cleaned output, not splitting a character. */
  text: string;
  /** The cleaned output's full size in bytes. */
  bytes: number;
  /** Bytes that `text` holds. */
  keptBytes: number;
}

/** Reads one command's output up to its sentinel line `printed` plus a space and the exit code. */
export class TtyOutput {
  #limit: number;
  #sentinel: RegExp;
  /** A `\r` that ended the last chunk: a `\n` may follow in the next. */
  #cr = false;
  /** The start of the current line while it may be a sentinel line ("" at a line start). */
  #held: string | undefined = "";
  /** The text of the last line left out as another sentinel's, until anything else comes. */
  #dropped: string | undefined;
  #kept: string[] = [];
  #keptBytes = 0;
  #full = false;
  #chars = 0;
  #bytes = 0;
  /** What this chunk added, for the line scan once the chunk is known not to end the command. */
  #fresh: string[] = [];
  #line = "";
  #lines = 0;
  /** The exit code on the sentinel line, once it came. */
  exitCode: number | undefined;
  /**
   * Called for each complete line (its first `limit` characters) with the line count and the
   * position just after it, unless the chunk that completes it also ends the command.
   */
  onLine: ((line: string, count: number, end: OutputPosition) => void) | undefined;

  /** Reads up to the line `<printed> <code>`, keeping at most `limit` bytes. */
  constructor(printed: string, limit: number) {
    this.#sentinel = new RegExp(`^${printed} (\\d+)$`);
    this.#limit = limit;
  }

  /** Whether the sentinel line came (later output is ignored). */
  get done(): boolean {
    return this.exitCode !== undefined;
  }

  /** How far the output went so far, the held line start included. */
  position(): OutputPosition {
    const held = (this.#held?.length ?? 0) + (this.#cr ? 1 : 0);
    return { chars: this.#chars + held, bytes: this.#bytes + held };
  }

  /** Adds a chunk of TTY output. */
  push(chunk: string): void {
    if (this.done || chunk === "") return;
    let text = this.#cr ? `\r${chunk}` : chunk;
    this.#cr = text.endsWith("\r");
    if (this.#cr) text = text.slice(0, -1);
    const start: OutputPosition = { chars: this.#chars, bytes: this.#bytes };
    this.#filter(text.replaceAll("\r\n", "\n"));
    const fresh = this.#fresh;
    this.#fresh = [];
    if (!this.done && this.onLine) { for (const piece of fresh) this.#scan(piece, start); }
  }

  /** What was kept, once the sentinel came or the session ended (a partial line stays). */
  finish(): KeptOutput {
    if (!this.done) {
      const rest = `${this.#held ?? ""}${this.#cr ? "\r" : ""}`;
      this.#held = undefined;
      this.#cr = false;
      if (rest !== "") this.#sink(rest);
    }
    const text = this.#kept.join("");
    this.#kept = [text];
    return { text, bytes: this.#bytes, keptBytes: this.#keptBytes };
  }

  /** Passes `text` on, leaving out sentinel lines and stopping at this command's own. */
  #filter(chunk: string): void {
    let text = chunk;
    let lineStart: number;
    if (this.#held !== undefined) {
      text = this.#held + chunk;
      this.#held = undefined;
      lineStart = 0;
    } else {
      const newline = text.indexOf("\n");
      lineStart = newline === -1 ? -1 : newline + 1;
    }
    let from = 0;
    while (lineStart !== -1) {
      if (lineStart === text.length) {
        this.#held = "";
        break;
      }
      const newline = text.indexOf("\n", lineStart);
      // Only a line starting with "_" can be a sentinel; most lines are passed by one look.
      if (text.charCodeAt(lineStart) === 95) {
        const end = newline === -1 ? text.length : newline;
        const line = end - lineStart <= MAX_SENTINEL ? text.slice(lineStart, end) : undefined;
        if (line !== undefined && newline === -1 && SENTINEL_START.test(line)) {
          this.#pass(text, from, lineStart);
          this.#held = line;
          return;
        }
        // Only after a newline, as printf '\n%s…' prints it.
        const own =
          line !== undefined && (lineStart > 0 || this.#chars > 0 || this.#dropped !== undefined)
            ? this.#sentinel.exec(line)
            : null;
        if (own) {
          // Its leading "\n" is the sentinel's (printf '\n…'), not the command's.
          this.#pass(text, from, lineStart);
          this.#endBefore();
          this.exitCode = Number(own[1]);
          return;
        }
        if (line !== undefined && ANY_SENTINEL.test(line)) {
          this.#pass(text, from, lineStart);
          this.#dropped = line;
          from = newline + 1;
        }
      }
      lineStart = newline === -1 ? -1 : newline + 1;
    }
    this.#pass(text, from, text.length);
  }

  #pass(text: string, start: number, end: number): void {
    if (end > start) this.#sink(start === 0 && end === text.length ? text : text.slice(start, end));
  }

  /**
   * Takes back the newline before this command's sentinel line. Right after a left-out sentinel
   * line that newline was its end, and the left-out line stays, as a line the sentinel follows.
   */
  #endBefore(): void {
    if (this.#dropped !== undefined) return this.#sink(this.#dropped);
    if (this.#bytes === 0) return;
    this.#chars--;
    this.#bytes--;
    if (this.#bytes < this.#keptBytes) {
      const last = this.#kept.pop()!;
      if (last.length > 1) this.#kept.push(last.slice(0, -1));
      this.#keptBytes--;
    }
  }

  /** Counts `text` as output and keeps what fits under the bound. */
  #sink(text: string): void {
    this.#dropped = undefined;
    const bytes = Buffer.byteLength(text);
    this.#chars += text.length;
    this.#bytes += bytes;
    if (this.onLine) this.#fresh.push(text);
    if (this.#full) return;
    const room = this.#limit - this.#keptBytes;
    if (bytes <= room) {
      this.#kept.push(text);
      this.#keptBytes += bytes;
      return;
    }
    const encoded = Buffer.from(text);
    const end = utf8Boundary(encoded, room);
    this.#kept.push(encoded.toString("utf8", 0, end));
    this.#keptBytes += end;
    this.#full = true;
  }

  /** Calls onLine for each line `piece` completes; `at` is where it starts, moved past it. */
  #scan(piece: string, at: OutputPosition): void {
    let from = 0;
    let newline = piece.indexOf("\n");
    while (newline !== -1) {
      const content = piece.slice(from, newline);
      at.chars += content.length + 1;
      at.bytes += Buffer.byteLength(content) + 1;
      const line = this.#line + content.slice(0, this.#limit - this.#line.length);
      this.#line = "";
      this.onLine?.(line, ++this.#lines, { ...at });
      from = newline + 1;
      newline = piece.indexOf("\n", from);
    }
    if (from < piece.length && this.#line.length < this.#limit) {
      this.#line += piece.slice(from, from + this.#limit - this.#line.length);
    }
    at.chars += piece.length - from;
    at.bytes += Buffer.byteLength(piece.slice(from));
  }
}
