/**
 * Whether ssh-agent already holds the key of a private key file, as ssh checks before asking
 * for a passphrase: the public key is read without decrypting (the public part of an
 * `openssh-key-v1` file, else the `.pub` file beside it) and looked up among the agent's keys.
 * @module
 */
import { readFile } from "node:fs/promises";
import ssh2 from "ssh2";
import type { ParsedKey } from "ssh2";

const { OpenSSHAgent } = ssh2;

const BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
const END = "-----END OPENSSH PRIVATE KEY-----";
const MAGIC = "openssh-key-v1\0";

/** The public key blob of a private key file without decrypting it; undefined when unknown. */
export async function publicBlobOf(data: Buffer, path: string): Promise<Buffer | undefined> {
  const fromFile = openSshPublicBlob(data.toString("latin1"));
  if (fromFile !== undefined) return fromFile;
  try {
    const line = (await readFile(`${path}.pub`, "utf8")).trim().split(/\s+/);
    return line.length >= 2 ? Buffer.from(line[1], "base64") : undefined;
  } catch {
    return undefined;
  }
}

/** The first public key stored in clear inside an `openssh-key-v1` private key. */
function openSshPublicBlob(text: string): Buffer | undefined {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start === -1 || end < start) return undefined;
  const raw = Buffer.from(text.slice(start + BEGIN.length, end).replace(/\s+/g, ""), "base64");
  if (raw.subarray(0, MAGIC.length).toString("latin1") !== MAGIC) return undefined;
  let offset = MAGIC.length;
  const readString = (): Buffer | undefined => {
    if (offset + 4 > raw.length) return undefined;
    const length = raw.readUInt32BE(offset);
    if (offset + 4 + length > raw.length) return undefined;
    const value = raw.subarray(offset + 4, offset + 4 + length);
    offset += 4 + length;
    return value;
  };
  // cipher name, kdf name, kdf options, then the key count and the first public key.
  for (let i = 0; i < 3; i++) if (readString() === undefined) return undefined;
  if (offset + 4 > raw.length || raw.readUInt32BE(offset) < 1) return undefined;
  offset += 4;
  return readString();
}

/** The public key blobs an ssh-agent holds; none when it cannot be asked. */
export function agentKeyBlobs(socket: string): Promise<Buffer[]> {
  return new Promise((resolve) => {
    try {
      new OpenSSHAgent(socket).getIdentities((error, keys) => {
        if (error || keys === undefined) return resolve([]);
        // OpenSSHAgent returns parsed keys; the types also allow entries of other agents.
        const parsed = keys.filter((key): key is ParsedKey => "getPublicSSH" in key);
        resolve(parsed.map((key) => key.getPublicSSH()));
      });
    } catch {
      resolve([]);
    }
  });
}
