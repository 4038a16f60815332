/**
 * The host key policy of one hop, read before connecting so that the check itself is
 * synchronous: its pinned key or known_hosts entries, the algorithm order that asks for a key
 * type already known, and trust on first use recorded once the login succeeded.
 * @module
 */
import { displayPath } from "./_display_path.ts";
import {
  appendKnownHost,
  checkHostKey,
  defaultKnownHostsFiles,
  knownKeyTypes,
  readKnownHosts,
} from "./known_hosts.ts";
import type { HostKeyCheck, KnownHostEntry } from "./known_hosts.ts";
import { SshError } from "./ssh_error.ts";

/** The hop whose key is checked. */
export interface TrustedHop {
  /** The host name known_hosts is searched for. */
  host: string;
  /** The port, for `[host]:port` names. */
  port: number;
  /** `user@host:port`, for messages. */
  label: string;
  /** Trust exactly this key instead of known_hosts. */
  pinned?: KnownHostEntry;
}

/** A host key added to known_hosts because `acceptNewHostKeys` was set. */
export interface HostKeyAdded {
  /** The name written, `host` or `[host]:port`. */
  name: string;
  /** The key type, e.g. `ssh-ed25519`. */
  keyType: string;
  /** The fingerprint, `SHA256:…`. */
  fingerprint: string;
  /** The known_hosts file written. */
  file: string;
}

/** The connect options that decide host key trust. */
export interface HostKeyTrustOptions {
  /** known_hosts files; new keys go to the first. */
  knownHostsFiles?: string[];
  /** Trust on first use. */
  acceptNewHostKeys?: boolean;
  /** Write added entries hashed. */
  hashKnownHosts?: boolean;
  /** Told about each key added. */
  onHostKeyAdded?: (added: HostKeyAdded) => void;
}

const ALGORITHMS_BY_KEY_TYPE: Record<string, string[]> = {
  "ssh-ed25519": ["ssh-ed25519"],
  "ecdsa-sha2-nistp256": ["ecdsa-sha2-nistp256"],
  "ecdsa-sha2-nistp384": ["ecdsa-sha2-nistp384"],
  "ecdsa-sha2-nistp521": ["ecdsa-sha2-nistp521"],
  "ssh-rsa": ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"],
};

/** A hop's host key policy, prepared before connecting. */
export interface HostKeyTrust {
  /** Checks an offered key against what was read before connecting. */
  check(key: Buffer): HostKeyCheck;
  /** Host key algorithms for the key types already known, as OpenSSH orders them. */
  preferred: string[];
  /** Writes a key accepted on first use to known_hosts, once the login succeeded. */
  recordNewKey(): Promise<void>;
}

/** Reads what a hop's key is checked against: its pinned key, or the known_hosts files. */
export async function hostKeyTrust(
  hop: TrustedHop,
  options: HostKeyTrustOptions,
): Promise<HostKeyTrust> {
  const files = options.knownHostsFiles ?? defaultKnownHostsFiles();
  const entries: KnownHostEntry[] = [];
  if (hop.pinned !== undefined) entries.push(hop.pinned);
  else {
    for (const file of files) {
      try {
        entries.push(...await readKnownHosts(file));
      } catch (error) {
        throw new SshError("error", (error as Error).message, { host: hop.label, cause: error });
      }
    }
  }
  const types = knownKeyTypes(hop.host, hop.port, entries);
  let newKey: { key: Buffer; check: HostKeyCheck } | undefined;
  return {
    preferred: (hop.pinned === undefined ? types : [hop.pinned.keyType])
      .flatMap((type) => ALGORITHMS_BY_KEY_TYPE[type] ?? []),
    check(key) {
      const check = checkHostKey(hop.host, hop.port, key, entries, { userFile: files[0] });
      const tofu = hop.pinned === undefined && options.acceptNewHostKeys === true &&
        files.length > 0;
      if (check.status !== "unknown" || !tofu) return check;
      newKey = { key, check };
      return { ...check, status: "known" };
    },
    async recordNewKey() {
      if (newKey === undefined) return;
      const { key, check } = newKey;
      try {
        await appendKnownHost(files[0], hop.host, hop.port, key, {
          hashed: options.hashKnownHosts,
        });
      } catch (error) {
        throw new SshError(
          "error",
          `Cannot add the host key of "${hop.label}" to "${displayPath(files[0])}": ` +
            (error as Error).message,
          { host: hop.label, cause: error },
        );
      }
      options.onHostKeyAdded?.({
        name: check.name,
        keyType: check.keyType,
        fingerprint: check.fingerprint,
        file: files[0],
      });
    },
  };
}
