/**
 * Host key verification against OpenSSH known_hosts files: plain and hashed entries,
 * `[host]:port` names, `@revoked` markers, and trust-on-first-use appends.
 * @module
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fingerprintOf, keyTypeOf } from "./_key_blob.ts";
import { matchPatternList } from "./_host_pattern.ts";
import { displayPath } from "./_display_path.ts";

/** One usable line of a known_hosts file. */
export interface KnownHostEntry {
  /** The file it came from, or a description such as `the pinned host key`. */
  file: string;
  /** Its 1-based line number; 0 when it did not come from a file. */
  line: number;
  /** `@revoked` refuses the key; `@cert-authority` lines are kept but never match. */
  marker: "revoked" | "cert-authority" | null;
  /** Plain host patterns (comma-separated in the file); empty for a hashed entry. */
  patterns: string[];
  /** Salt and HMAC-SHA1 of a hashed (`|1|…`) entry. */
  hashed: { salt: Buffer; hash: Buffer } | null;
  /** The key type field, e.g. `ssh-ed25519`. */
  keyType: string;
  /** The decoded public key blob. */
  key: Buffer;
}

/** The outcome of checking a host key. */
export interface HostKeyCheck {
  /** known: an entry holds this key; unknown: none for this host and type; changed: another key of this type is known; revoked: marked `@revoked`. */
  status: "known" | "unknown" | "changed" | "revoked";
  /** The name looked up: `host`, or `[host]:port` when the port is not 22. */
  name: string;
  /** The offered key's fingerprint, `SHA256:…` as OpenSSH prints it. */
  fingerprint: string;
  /** The offered key's type, e.g. `ssh-ed25519`. */
  keyType: string;
  /** The entry that decided: the matching one (known, revoked) or the conflicting one (changed). */
  entry?: KnownHostEntry;
  /** One line for the user; for unknown and changed it says what to do. */
  message: string;
}

/** Options for {@link checkHostKey} and {@link verifyHostKey}. */
export interface CheckHostKeyOptions {
  /** The file new keys would be added to, named in the advice; the first file when absent. */
  userFile?: string;
}

/** The files OpenSSH reads by default: the user's `~/.ssh/known_hosts`, then the system's. */
export function defaultKnownHostsFiles(): string[] {
  return [join(homedir(), ".ssh", "known_hosts"), "/etc/ssh/ssh_known_hosts"];
}

/** The name a known_hosts file stores for a host: `host` on port 22, else `[host]:port`. */
export function knownHostName(host: string, port: number): string {
  const lower = host.toLowerCase();
  return port === 22 ? lower : `[${lower}]:${port}`;
}

/** Parses a known_hosts file's text; malformed lines are skipped, as OpenSSH does. */
export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split("\n").forEach((raw, index) => {
    const entry = parseLine(raw, file, index + 1);
    if (entry !== null) entries.push(entry);
  });
  return entries;
}

/** Checks a host key blob against parsed entries; pure. */
export function checkHostKey(
  host: string,
  port: number,
  keyBlob: Buffer,
  entries: readonly KnownHostEntry[],
  options: CheckHostKeyOptions = {},
): HostKeyCheck {
  const name = knownHostName(host, port);
  const keyType = keyTypeOf(keyBlob);
  const fingerprint = fingerprintOf(keyBlob);
  const offered = `${keyType} ${fingerprint}`;
  const forHost = entries.filter((entry) =>
    entry.marker !== "cert-authority" && hostMatches(entry, name)
  );
  const revoked = forHost.find((entry) => entry.marker === "revoked" && sameKey(entry, keyBlob));
  if (revoked !== undefined) {
    const message = `Host key for "${name}" is revoked: ${offered} is marked @revoked in ` +
      `${where(revoked)}: refusing to connect`;
    return { status: "revoked", name, fingerprint, keyType, entry: revoked, message };
  }
  const plain = forHost.filter((entry) => entry.marker === null);
  const known = plain.find((entry) => sameKey(entry, keyBlob));
  if (known !== undefined) {
    const message = `Host key for "${name}" is known: ${offered} in ${where(known)}`;
    return { status: "known", name, fingerprint, keyType, entry: known, message };
  }
  const conflicting = plain.find((entry) => safeKeyType(entry.key) === keyType);
  if (conflicting !== undefined) {
    const expected = `${conflicting.keyType} ${fingerprintOf(conflicting.key)}`;
    const removal = conflicting.line === 0
      ? "pin the new key instead"
      : `remove the old entry with ssh-keygen -R "${name}" -f ${displayPath(conflicting.file)}`;
    const message = `HOST KEY CHANGED for "${name}": someone may be intercepting the connection ` +
      `(man-in-the-middle attack) or the host was reinstalled: it offered ${offered} but ` +
      `${
        where(conflicting)
      } expects ${expected}: refusing to connect; if the change is expected, ` +
      `verify the new fingerprint and ${removal}`;
    return { status: "changed", name, fingerprint, keyType, entry: conflicting, message };
  }
  const others = [...new Set(plain.map((entry) => entry.keyType))];
  const note = others.length === 0 ? "" : ` (only ${others.join(", ")} keys are known for it)`;
  const file = displayPath(options.userFile ?? defaultKnownHostsFiles()[0]);
  const scan = port === 22 ? `ssh-keyscan ${host}` : `ssh-keyscan -p ${port} ${host}`;
  const message = `Host key for "${name}" is not known: ${offered}${note}: to trust it, verify ` +
    `the fingerprint and rerun with --accept-new-host-keys, or add it with ${scan} >> ${file}`;
  return { status: "unknown", name, fingerprint, keyType, message };
}

/** Reads the known_hosts files (missing ones are skipped) and checks a host key blob. */
export async function verifyHostKey(
  host: string,
  port: number,
  keyBlob: Buffer,
  files: readonly string[] = defaultKnownHostsFiles(),
): Promise<HostKeyCheck> {
  const entries: KnownHostEntry[] = [];
  for (const file of files) entries.push(...await readKnownHosts(file));
  return checkHostKey(host, port, keyBlob, entries, { userFile: files[0] });
}

/** The key types plain entries hold for a host, in file order, for host key algorithm preference. */
export function knownKeyTypes(
  host: string,
  port: number,
  entries: readonly KnownHostEntry[],
): string[] {
  const name = knownHostName(host, port);
  const types = entries.filter((entry) => entry.marker === null && hostMatches(entry, name))
    .map((entry) => entry.keyType);
  return [...new Set(types)];
}

/** Reads and parses one known_hosts file; a missing file has no entries. */
export async function readKnownHosts(file: string): Promise<KnownHostEntry[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new Error(`Cannot read known hosts file "${file}": ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseKnownHosts(text, file);
}

/**
 * Parses a pinned host key in known_hosts line format (`[hosts] type base64`), for checks that
 * trust exactly that key; throws a TypeError when it cannot be read.
 */
export function parsePinnedHostKey(line: string): KnownHostEntry {
  const fields = line.trim().split(/\s+/);
  const withHosts = fields.length >= 3 && !looksLikeKeyType(fields[0]);
  const text = withHosts ? `* ${fields.slice(1).join(" ")}` : `* ${fields.join(" ")}`;
  const entry = parseLine(text, "the pinned host key", 0);
  if (entry === null || entry.marker !== null) {
    throw new TypeError(
      `Cannot read pinned host key "${line}": expected a known_hosts line such as ` +
        `"[host]:2222 ssh-ed25519 AAAA…"`,
    );
  }
  return entry;
}

/** Options for {@link appendKnownHost}. */
export interface AppendKnownHostOptions {
  /** Writes a hashed `|1|salt|hash` name instead of the plain one. */
  hashed?: boolean;
}

/**
 * Appends a host key to a known_hosts file (trust on first use), creating the folder with mode
 * 0700 and the file with mode 0600 when missing; resolves with the line written.
 */
export async function appendKnownHost(
  file: string,
  host: string,
  port: number,
  keyBlob: Buffer,
  options: AppendKnownHostOptions = {},
): Promise<string> {
  const name = knownHostName(host, port);
  const field = options.hashed === true ? hashName(name, randomBytes(20)) : name;
  const line = `${field} ${keyTypeOf(keyBlob)} ${keyBlob.toString("base64")}\n`;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  let before = "";
  try {
    const current = await readFile(file);
    if (current.length > 0 && current[current.length - 1] !== 0x0a) before = "\n";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await appendFile(file, before + line, { mode: 0o600 });
  return line.trimEnd();
}

/** The hashed form of a known_hosts name: `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`. */
export function hashName(name: string, salt: Buffer): string {
  const hash = createHmac("sha1", salt).update(name).digest();
  return `|1|${salt.toString("base64")}|${hash.toString("base64")}`;
}

function parseLine(raw: string, file: string, line: number): KnownHostEntry | null {
  const text = raw.trim();
  if (text === "" || text.startsWith("#")) return null;
  const fields = text.split(/\s+/);
  let marker: KnownHostEntry["marker"] = null;
  if (fields[0].startsWith("@")) {
    const word = fields.shift();
    if (word === "@revoked") marker = "revoked";
    else if (word === "@cert-authority") marker = "cert-authority";
    else return null;
  }
  if (fields.length < 3) return null;
  const [hosts, keyType, base64] = fields;
  const key = Buffer.from(base64, "base64");
  if (key.length === 0 || safeKeyType(key) !== keyType) return null;
  let hashed: KnownHostEntry["hashed"] = null;
  let patterns: string[] = [];
  if (hosts.startsWith("|1|")) {
    const [salt, hash] = hosts.slice(3).split("|").map((part) => Buffer.from(part, "base64"));
    if (salt === undefined || hash === undefined || hash.length !== 20) return null;
    hashed = { salt, hash };
  } else {
    patterns = hosts.split(",");
  }
  return { file, line, marker, patterns, hashed, keyType, key };
}

function hostMatches(entry: KnownHostEntry, name: string): boolean {
  if (entry.hashed !== null) {
    const hash = createHmac("sha1", entry.hashed.salt).update(name).digest();
    return timingSafeEqual(hash, entry.hashed.hash);
  }
  return matchPatternList(name, entry.patterns) === 1;
}

function sameKey(entry: KnownHostEntry, keyBlob: Buffer): boolean {
  return entry.key.equals(keyBlob);
}

function safeKeyType(blob: Buffer): string | null {
  try {
    return keyTypeOf(blob);
  } catch {
    return null;
  }
}

function looksLikeKeyType(field: string): boolean {
  return /^(ssh-|ecdsa-|sk-|rsa-)/.test(field);
}

function where(entry: KnownHostEntry): string {
  return entry.line === 0 ? entry.file : `${displayPath(entry.file)}:${entry.line}`;
}
