/**
 * The newline-delimited JSON progress streams of build, pull and import. Their errors arrive
 * as `{"error": …}` lines inside a 200 answer, so the reader hands every line to the caller.
 * @module
 */
import type { Readable } from "node:stream";

/** One progress line of a build, pull or import. */
export interface ProgressEvent {
  /** Build output text. */
  stream?: string;
  /** Pull or import status text (import's last status is the new image id). */
  status?: string;
  /** The layer a pull status is about. */
  id?: string;
  /** A rendered progress bar. */
  progress?: string;
  /** Extra data; a build's image id arrives as `aux.ID`. */
  aux?: { ID?: string; [key: string]: unknown };
  /** The error text, when the operation failed. */
  error?: string;
  /** The error as an object. */
  errorDetail?: { code?: number; message?: string };
  /** Any other field the engine adds. */
  [key: string]: unknown;
}

/** Reads JSON lines until the stream ends, calling `onLine` for each parsed line. */
export function readJsonLines(
  stream: Readable,
  onLine: (line: ProgressEvent) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending: Buffer = Buffer.alloc(0);
    const emit = (bytes: Buffer) => {
      const text = bytes.toString("utf8").trim();
      if (text === "") return;
      try {
        onLine(JSON.parse(text) as ProgressEvent);
      } catch (error) {
        if (error instanceof SyntaxError) onLine({ stream: `${text}\n` });
        else throw error;
      }
    };
    stream.on("data", (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let start = 0;
      let newline: number;
      try {
        while ((newline = pending.indexOf(10, start)) !== -1) {
          emit(pending.subarray(start, newline));
          start = newline + 1;
        }
      } catch (error) {
        stream.destroy();
        reject(error);
      }
      pending = pending.subarray(start);
    });
    stream.on("end", () => {
      try {
        emit(pending);
        resolve();
      } catch (error) {
        reject(error);
      }
    });
    stream.on("error", reject);
  });
}
