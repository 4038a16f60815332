/**
 * Test fixture: the credentials of the loopback sshd in `_sshd.ts`. Keys are generated afresh in
 * its folder (two host keys, a user key, a key the server does not know, and an encrypted user
 * key) with the `authorized_keys` that lets the user keys in; the password user is shared.
 * @module
 */
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import ssh2 from "ssh2";

const run = promisify(execFile);
/** The system user created for password logins. */
export const PASSWORD_USER = "rltest";
const PASSWORD_FILE = "/var/lib/run-lesson-tests/rltest.password";
/** How often a broken encrypted key is generated again before the fixture gives up. */
const KEY_ATTEMPTS = 8;

/** The key files written by {@link writeKeys}, all inside its folder. */
export interface SshdKeys {
  hostKey: string;
  ecdsaHostKey: string;
  keyPath: string;
  wrongKeyPath: string;
  encryptedKeyPath: string;
  passphrase: string;
}

/** Writes the keys and `authorized_keys` into `dir`. */
export async function writeKeys(dir: string): Promise<SshdKeys> {
  const keys = {
    hostKey: join(dir, "host_ed25519"),
    ecdsaHostKey: join(dir, "host_ecdsa"),
    keyPath: join(dir, "id_user"),
    wrongKeyPath: join(dir, "id_wrong"),
    encryptedKeyPath: join(dir, "id_encrypted"),
    passphrase: randomBytes(12).toString("hex"),
  };
  const generated = [
    [keys.hostKey, "ed25519"],
    [keys.ecdsaHostKey, "ecdsa"],
    [keys.keyPath, "ed25519"],
    [keys.wrongKeyPath, "ed25519"],
  ];
  for (const [file, type] of generated) {
    await run("ssh-keygen", ["-q", "-t", type, "-N", "", "-C", "run-lesson-test", "-f", file]);
  }
  const encrypted = encryptedKeyPair(keys.passphrase);
  await writeFile(keys.encryptedKeyPath, encrypted.private, { mode: 0o600 });
  const authorized = [await readFile(`${keys.keyPath}.pub`, "utf8"), `${encrypted.public}\n`];
  await writeFile(join(dir, "authorized_keys"), authorized.join(""), { mode: 0o644 });
  return keys;
}

/**
 * An ed25519 pair whose private half is encrypted with `passphrase`. ssh2's generator keeps the
 * passphrase out of argv, where `ssh-keygen -N` would put it, but it strips every leading zero
 * byte of the public key, so about one pair in 256 holds a 31-byte key that neither ssh2 nor
 * ssh-keygen can read back ("Malformed OpenSSH private key"). Such a pair is generated again.
 */
function encryptedKeyPair(passphrase: string): { private: string; public: string } {
  for (let attempt = 1;; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync("ed25519", {
      passphrase,
      cipher: "aes256-ctr",
      rounds: 16,
      comment: "encrypted",
    });
    const parsed = ssh2.utils.parseKey(pair.private, passphrase);
    if (!(parsed instanceof Error)) return pair;
    if (attempt === KEY_ATTEMPTS) {
      throw new Error(`Cannot generate an encrypted test key: ${parsed.message}`);
    }
  }
}

/** Creates the password user once and gives it a password, read by chpasswd from stdin. */
export async function ensurePasswordUser(wanted: string | undefined): Promise<string> {
  const exists = await run("id", ["-u", PASSWORD_USER]).then(() => true, () => false);
  if (!exists) {
    await run("useradd", ["-m", "-s", "/bin/bash", PASSWORD_USER]).catch(async (error) => {
      // A test file running in parallel may have created it first.
      if (!await run("id", ["-u", PASSWORD_USER]).then(() => true, () => false)) throw error;
    });
  }
  const password = wanted ?? await persistedPassword();
  await new Promise<void>((resolve, reject) => {
    const child = spawn("chpasswd", [], { stdio: ["pipe", "ignore", "pipe"] });
    let errors = "";
    child.stderr?.on("data", (chunk) => (errors += chunk));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`Cannot set the password of "${PASSWORD_USER}": ${errors.trim()}`));
    });
    child.stdin?.end(`${PASSWORD_USER}:${password}\n`);
  });
  return password;
}

/** One random password for all test runs, so parallel test files agree on it. */
async function persistedPassword(): Promise<string> {
  try {
    return (await readFile(PASSWORD_FILE, "utf8")).trim();
  } catch {
    await mkdir(join(PASSWORD_FILE, ".."), { recursive: true, mode: 0o700 });
    const temp = `${PASSWORD_FILE}.${process.pid}.${randomBytes(4).toString("hex")}`;
    await writeFile(temp, randomBytes(18).toString("base64url"), { mode: 0o600 });
    // link() fails when another process won the race; both then read the winner's file.
    await link(temp, PASSWORD_FILE).catch(() => {});
    await rm(temp, { force: true });
    return (await readFile(PASSWORD_FILE, "utf8")).trim();
  }
}
