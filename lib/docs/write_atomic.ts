/**
 * Atomic replacement of a file that must not have changed since it was read.
 * @module
 */
import {
  chmodSync,
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";

/** A file's content and metadata when it was read. */
export interface FileSnapshot {
  /** The file's bytes. */
  bytes: Uint8Array;
  /** Modification time in milliseconds. */
  mtimeMs: number;
  /** Size in bytes. */
  size: number;
  /** Permission bits. */
  mode: number;
}

/** The outcome of `writeIfUnchanged`: written, or refused with the reason. */
export type WriteResult = { written: true } | { written: false; reason: string };

/** Reads a file with the metadata `writeIfUnchanged` compares. */
export function snapshotFile(path: string): FileSnapshot {
  const before = statSync(path);
  const bytes = readFileSync(path);
  return { bytes, mtimeMs: before.mtimeMs, size: before.size, mode: before.mode & 0o7777 };
}

/**
 * Replaces `path` with `content` atomically (a temporary file in the same folder, then a
 * rename), unless the file changed since `snapshot` was taken (content, size or mtime): then
 * nothing is written and the reason is returned.
 */
export function writeIfUnchanged(
  path: string,
  snapshot: FileSnapshot,
  content: Uint8Array,
): WriteResult {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(temp, "wx", snapshot.mode);
  try {
    try {
      for (let done = 0; done < content.length;) {
        done += writeSync(fd, content, done, content.length - done);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, snapshot.mode); // openSync's mode is masked by the umask
    const now = statSync(path);
    if (
      now.mtimeMs !== snapshot.mtimeMs || now.size !== snapshot.size ||
      !sameBytes(readFileSync(path), snapshot.bytes)
    ) {
      unlinkSync(temp);
      return { written: false, reason: "it changed on disk after it was read" };
    }
    renameSync(temp, path);
    return { written: true };
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch { /* already gone */ }
    throw error;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
