/**
 * The bound on what is kept of one command's output stream: the first `RUN_LESSON_MAX_OUTPUT`
 * bytes (16 MiB by default) are kept, the rest is only counted, so that memory does not grow
 * with what a command prints.
 * @module
 */
import process from "node:process";

/** The environment variable that sets the bound, in bytes (`1048576`) or with K, M or G. */
export const MAX_OUTPUT_ENV = "RUN_LESSON_MAX_OUTPUT";

/** The bound when the environment does not set one: 16 MiB per stream and command. */
export const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;

const UNITS: Record<string, number> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * The bytes of each stream kept per command: `RUN_LESSON_MAX_OUTPUT` when set (a positive
 * integer, optionally followed by K, M or G, binary units, with or without `iB`), else 16 MiB.
 * Throws a TypeError (a usage error) naming the variable for anything else.
 */
export function maxOutputBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env[MAX_OUTPUT_ENV]?.trim();
  if (raw === undefined || raw === "") return DEFAULT_MAX_OUTPUT;
  const match = /^(\d+)\s*(?:([kmg])(?:i?b)?)?$/i.exec(raw);
  const bytes = match ? Number(match[1]) * UNITS[(match[2] ?? "").toLowerCase()] : NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new TypeError(
      `Cannot read ${MAX_OUTPUT_ENV}=${
        JSON.stringify(raw)
      }: expected a positive number of bytes, e.g. 16777216 or 16M`,
    );
  }
  return bytes;
}

/**
 * Where to cut `bytes` at or before `end` so that no UTF-8 character is split: `end` moved back
 * over the start of a multi-byte sequence that `end` would leave incomplete. Bytes that are not
 * UTF-8 (binary output) are left alone.
 */
export function utf8Boundary(bytes: Uint8Array, end: number): number {
  for (let i = end - 1; i >= 0 && i >= end - 3; i--) {
    const byte = bytes[i];
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 && byte <= 0xf4
      ? 4
      : byte >= 0xe0 && byte <= 0xef
      ? 3
      : byte >= 0xc2 && byte <= 0xdf
      ? 2
      : 1;
    return i + length > end ? i : end;
  }
  return end;
}

/** A size for messages: `200.0 MiB`, `16 MiB`, `512 KiB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [["GiB", 1024 ** 3], ["MiB", 1024 ** 2], ["KiB", 1024]] as const) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}
