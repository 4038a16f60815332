/**
 * A small ustar writer for build contexts and root filesystems: deterministic (fixed owner and
 * mtime by default), so the builder's cache recognises an unchanged context.
 * @module
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";

/** One tar entry. */
export interface TarEntry {
  /** The path inside the archive, without a leading slash (`bin/busybox`). */
  name: string;
  /** The kind; `file` when absent. */
  type?: "file" | "directory" | "symlink";
  /** The content of a file. */
  content?: string | Uint8Array;
  /** The target of a symlink. */
  linkname?: string;
  /** Permission bits; 0o644 for files, 0o755 for directories, 0o777 for symlinks when absent. */
  mode?: number;
  /** Modification time in seconds since the epoch; 0 when absent. */
  mtime?: number;
  /** Owner uid and gid; 0 when absent. */
  uid?: number;
  /** Owner gid; 0 when absent. */
  gid?: number;
}

const BLOCK = 512;

/** Packs entries into an uncompressed ustar archive. */
export function createTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const type = entry.type ?? "file";
    const content = type === "file" ? toBuffer(entry.content ?? "") : Buffer.alloc(0);
    parts.push(header(entry, type, content.length));
    if (content.length > 0) {
      parts.push(content);
      const pad = (BLOCK - (content.length % BLOCK)) % BLOCK;
      if (pad > 0) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/**
 * Packs a folder with everything below it (subfolders, files with their permission bits,
 * symlinks as links), in name order, for a build context; `skip` leaves out a path (relative,
 * `/`-separated) and, for a folder, what is below it.
 */
export function tarDirectory(
  dir: string,
  options: { skip?: (path: string) => boolean } = {},
): Buffer {
  const entries: TarEntry[] = [];
  const walk = (relative: string) => {
    for (const name of readdirSync(join(dir, relative)).sort()) {
      const path = relative ? `${relative}/${name}` : name;
      if (options.skip?.(path)) continue;
      const stat = lstatSync(join(dir, path));
      if (stat.isDirectory()) {
        entries.push({ name: path, type: "directory", mode: stat.mode & 0o7777 });
        walk(path);
      } else if (stat.isSymbolicLink()) {
        entries.push({ name: path, type: "symlink", linkname: readlinkSync(join(dir, path)) });
      } else if (stat.isFile()) {
        entries.push({
          name: path,
          content: readFileSync(join(dir, path)),
          mode: stat.mode & 0o7777,
        });
      }
    }
  };
  walk("");
  return createTar(entries);
}

function header(entry: TarEntry, type: NonNullable<TarEntry["type"]>, size: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  let name = entry.name.replace(/^\/+/, "");
  if (type === "directory" && !name.endsWith("/")) name += "/";
  const [prefix, base] = splitName(name);
  const mode = entry.mode ?? (type === "directory" ? 0o755 : type === "symlink" ? 0o777 : 0o644);
  const linkname = entry.linkname ?? "";
  if (Buffer.byteLength(linkname) > 100) {
    throw new RangeError(`Cannot add tar entry "${name}": link target longer than 100 bytes`);
  }
  block.write(base, 0, 100, "utf8");
  octal(block, 100, 8, mode);
  octal(block, 108, 8, entry.uid ?? 0);
  octal(block, 116, 8, entry.gid ?? 0);
  octal(block, 124, 12, size);
  octal(block, 136, 12, entry.mtime ?? 0);
  block.fill(0x20, 148, 156); // checksum field counts as spaces
  block.write(type === "directory" ? "5" : type === "symlink" ? "2" : "0", 156, 1, "ascii");
  block.write(linkname, 157, 100, "utf8");
  block.write("ustar\u000000", 257, 8, "binary");
  block.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\u0000 `, 148, 8, "ascii");
  return block;
}

function splitName(name: string): [string, string] {
  if (Buffer.byteLength(name) <= 100) return ["", name];
  for (let i = name.indexOf("/"); i !== -1; i = name.indexOf("/", i + 1)) {
    const prefix = name.slice(0, i);
    const base = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(base) <= 100 && base !== "") {
      return [prefix, base];
    }
  }
  throw new RangeError(`Cannot add tar entry "${name}": path too long for ustar`);
}

function octal(block: Buffer, offset: number, length: number, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= 8 ** (length - 1)) {
    throw new RangeError(
      `Cannot write tar header field: ${value} does not fit ${length - 1} octal digits`,
    );
  }
  block.write(`${value.toString(8).padStart(length - 1, "0")}\u0000`, offset, length, "ascii");
}

function toBuffer(content: string | Uint8Array): Buffer {
  if (typeof content === "string") return Buffer.from(content, "utf8");
  return Buffer.isBuffer(content) ? content : Buffer.from(content);
}
