/**
 * Facts read from an SSH public key blob (the bytes a known_hosts line stores in base64).
 * @module
 */
import { createHash } from "node:crypto";

/** The key type named inside a public key blob, e.g. `ssh-ed25519`; throws on a malformed blob. */
export function keyTypeOf(blob: Uint8Array): string {
  if (blob.length < 4) throw new RangeError(`Cannot read SSH key blob: ${blob.length} bytes`);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const length = view.getUint32(0);
  if (length === 0 || length > 64 || 4 + length > blob.length) {
    throw new RangeError(`Cannot read SSH key blob: key type length ${length}`);
  }
  return new TextDecoder().decode(blob.subarray(4, 4 + length));
}

/** The OpenSSH fingerprint of a key blob: `SHA256:` and unpadded base64, as `ssh-keygen -l` prints. */
export function fingerprintOf(blob: Uint8Array): string {
  const digest = createHash("sha256").update(blob).digest("base64");
  return `SHA256:${digest.replace(/=+$/, "")}`;
}
