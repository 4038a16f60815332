/**
 * Test fixture: a real OpenSSH sshd on a free loopback port, with generated host and user keys,
 * an encrypted user key, and a password user. Needs root and `bash runner/setup/setup-sshd.sh`.
 * @module
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectSsh } from "../../lib/ssh/connect.ts";
import type { ConnectSshOptions } from "../../lib/ssh/connect.ts";
import { procStat } from "../../lib/target/process_tree.ts";
import { requireSshd } from "../_services.ts";
import { ensurePasswordUser, PASSWORD_USER, writeKeys } from "./_sshd_credentials.ts";

export { PASSWORD_USER };

const SSHD = "/usr/sbin/sshd";
const SETUP_HINT = "run `bash runner/setup/setup-sshd.sh` as root first";

/** Options for {@link startSshd}. */
export interface SshdOptions {
  /** Users allowed to log in (AllowUsers); root and the password user when absent. */
  users?: string[];
  /** Password to set for the password user; a persisted random one when absent. */
  password?: string;
  /** AllowStreamLocalForwarding (default true). */
  allowStreamLocal?: boolean;
  /** AllowTcpForwarding, needed when this sshd is a jump host (default true). */
  allowTcpForwarding?: boolean;
}

/** A running sshd and the credentials that work against it. */
export interface SshdFixture {
  /** Always `127.0.0.1`. */
  host: string;
  /** The loopback port it listens on. */
  port: number;
  /** `root`: the user the key pairs log in as. */
  user: string;
  /** The temp folder holding keys, config and pid file. */
  dir: string;
  /** The host public key line, `ssh-ed25519 AAAA… comment`. */
  hostKeyPub: string;
  /** The host public key blob. */
  hostKeyBlob: Buffer;
  /** A known_hosts line for this sshd: `[127.0.0.1]:port ssh-ed25519 AAAA…`. */
  knownHostsLine: string;
  /** A known_hosts line for its second host key, of type ecdsa-sha2-nistp256. */
  ecdsaKnownHostsLine: string;
  /** A passphrase-free private key authorised for every user. */
  keyPath: string;
  /** An encrypted private key authorised for every user. */
  encryptedKeyPath: string;
  /** The passphrase of `encryptedKeyPath`. */
  passphrase: string;
  /** A valid private key that is not authorised. */
  wrongKeyPath: string;
  /** The user whose password is `password`. */
  passwordUser: string;
  /** The password of `passwordUser`. */
  password: string;
  /** What sshd logged so far (its -e output). */
  log(): string;
  /** Stops sshd and every session it serves, then removes the temp folder. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILLs sshd and every session process at once, as a crash would; keeps the folder. */
  kill(): Promise<void>;
}

/** Starts sshd on a free loopback port; throws with a setup hint when sshd is missing. */
export async function startSshd(options: SshdOptions = {}): Promise<SshdFixture> {
  requireSshd();
  if (!existsSync(SSHD)) throw new Error(`Cannot start sshd: ${SSHD} is missing: ${SETUP_HINT}`);
  if (!existsSync("/run/sshd")) {
    throw new Error(`Cannot start sshd: /run/sshd is missing: ${SETUP_HINT}`);
  }
  if (process.getuid?.() !== 0) throw new Error("Cannot start sshd: the tests must run as root");
  const dir = await mkdtemp(join(tmpdir(), "run-lesson-sshd-"));
  await chmod(dir, 0o711);
  try {
    return await startIn(dir, options);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startIn(dir: string, options: SshdOptions): Promise<SshdFixture> {
  const { hostKey, ecdsaHostKey, keyPath, wrongKeyPath, encryptedKeyPath, passphrase } =
    await writeKeys(dir);
  const password = await ensurePasswordUser(options.password);
  const hostKeyPub = (await readFile(`${hostKey}.pub`, "utf8")).trim();
  const [keyType, base64] = hostKeyPub.split(" ");
  const ecdsaPub = (await readFile(`${ecdsaHostKey}.pub`, "utf8")).trim().split(" ");
  for (let attempt = 1;; attempt++) {
    const port = await freePort();
    await writeConfig(dir, port, [hostKey, ecdsaHostKey], options);
    const started = await spawnSshd(dir, port).catch((error: Error) => error);
    if (started instanceof Error) {
      if (attempt < 3 && /Address already in use|Bind to port/i.test(started.message)) continue;
      throw started;
    }
    const { child, log } = started;
    let stopped = false;
    const fixture: SshdFixture = {
      host: "127.0.0.1",
      port,
      user: "root",
      dir,
      hostKeyPub,
      hostKeyBlob: Buffer.from(base64, "base64"),
      knownHostsLine: `[127.0.0.1]:${port} ${keyType} ${base64}`,
      ecdsaKnownHostsLine: `[127.0.0.1]:${port} ${ecdsaPub[0]} ${ecdsaPub[1]}`,
      keyPath,
      encryptedKeyPath,
      passphrase,
      wrongKeyPath,
      passwordUser: PASSWORD_USER,
      password,
      log,
      kill: () => killTree(child, "SIGKILL"),
      async stop() {
        if (stopped) return;
        stopped = true;
        await killTree(child, "SIGTERM");
        await rm(dir, { recursive: true, force: true });
      },
    };
    return fixture;
  }
}

async function writeConfig(dir: string, port: number, hostKeys: string[], options: SshdOptions) {
  const users = options.users ?? ["root", PASSWORD_USER];
  const yesNo = (value: boolean | undefined) => value === false ? "no" : "yes";
  const config = [
    `ListenAddress 127.0.0.1`,
    `Port ${port}`,
    ...hostKeys.map((key) => `HostKey ${key}`),
    `PidFile ${join(dir, "sshd.pid")}`,
    `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
    `AllowUsers ${users.join(" ")}`,
    `PasswordAuthentication yes`,
    `KbdInteractiveAuthentication no`,
    `PermitRootLogin yes`,
    `UsePAM no`,
    `StrictModes no`,
    `AllowStreamLocalForwarding ${yesNo(options.allowStreamLocal)}`,
    `AllowTcpForwarding ${yesNo(options.allowTcpForwarding)}`,
    `MaxSessions 64`,
    `MaxStartups 100:30:200`,
    `Subsystem sftp internal-sftp`,
    `LogLevel VERBOSE`,
    // bash started by sshd sources ~/.bashrc when SHLVL says it is a top-level shell. This
    // machine's root ~/.bashrc runs `pyenv init`, whose rehash takes a lock file: a session
    // killed in the middle (a time-limit test) leaves the lock, and every later login then waits
    // a minute for it. The tests are about run-lesson, not the host's shell start-up files.
    `SetEnv SHLVL=1`,
    "",
  ].join("\n");
  await writeFile(join(dir, "sshd_config"), config, { mode: 0o600 });
}

function spawnSshd(
  dir: string,
  port: number,
): Promise<{ child: ChildProcess; log: () => string }> {
  const child = spawn(SSHD, ["-D", "-e", "-f", join(dir, "sshd_config")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let text = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    text = (text + chunk).slice(-65_536);
  });
  const log = () => text;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`Cannot start sshd on port ${port}: not listening after 10 s: ${text}`));
    }, 10_000);
    const onData = () => {
      if (text.includes(`Server listening on 127.0.0.1 port ${port}`)) {
        clearTimeout(timer);
        child.stderr?.off("data", onData);
        resolve({ child, log });
      }
    };
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Cannot start sshd on port ${port}: it exited with code ${code}: ${text}`));
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`Cannot start sshd: ${error.message}: ${SETUP_HINT}`));
    });
  });
}

/** The CLI's options that target this sshd as root with its key, trusting `knownHosts`. */
export function sshTargetArgs(sshd: SshdFixture, knownHosts: string): string[] {
  return [
    "--target",
    `ssh://${sshd.user}@${sshd.host}:${sshd.port}`,
    "--identity",
    sshd.keyPath,
    "--known-hosts",
    knownHosts,
  ];
}

/** Logs in with these options and answers the login's user name (`id -un`). */
export async function loginName(options: ConnectSshOptions): Promise<string> {
  const connection = await connectSsh(options);
  try {
    return (await connection.exec("id -un")).stdout.trim();
  } finally {
    await connection.close();
  }
}

/** A loopback port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Signals sshd and all its descendants (sshd children call setsid, so no group kill). */
async function killTree(child: ChildProcess, signal: "SIGTERM" | "SIGKILL"): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const pids = [child.pid, ...await descendants(child.pid)];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
  const timeout = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), 3_000));
  if (await Promise.race([exited, timeout]) === "late" && signal === "SIGTERM") {
    await killTree(child, "SIGKILL");
  }
  // Session processes may outlive the listener; make sure none is left.
  for (const pid of pids.slice(1)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

async function descendants(root: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    // undefined: the process ended while we looked.
    const fields = procStat(name);
    if (fields === undefined) continue;
    const ppid = Number(fields[1]);
    parents.set(ppid, [...parents.get(ppid) ?? [], Number(name)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of parents.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}
