/**
 * A small real host state for the host probe tests, on this machine: a temp folder with a
 * private JSON file, a setgid folder, a symlink and a locked (mode 000) folder; a test group and
 * a test user in it; and the targets that read it: the local shell, SSH as root, and SSH as the
 * unprivileged password user (who cannot read the locked folder or see root's sockets). Every
 * user, group, process and folder it makes is removed by `remove()`.
 * @module
 */
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { CheckRunContext } from "../../../lib/engine/run_check.ts";
import type { CheckOutcome } from "../../../lib/engine/events.ts";
import { runCheck } from "../../../lib/engine/run_check.ts";
import type { Capture } from "../../../lib/expect/types.ts";
import { hostProbes } from "../../../lib/probes/host/mod.ts";
import { connectSsh } from "../../../lib/ssh/connect.ts";
import type { SshConnection } from "../../../lib/ssh/connection.ts";
import { LocalTarget } from "../../../lib/target/local.ts";
import { SshTarget } from "../../../lib/target/ssh.ts";
import type { Target } from "../../../lib/target/types.ts";
import { type SshdFixture, startSshd } from "../../ssh/_sshd.ts";

const run = promisify(execFile);

/** The JSON of the private file. */
export const CONFIG = { service: "api", port: 8080 };

/** The host state and the targets that read it. */
export interface HostWorld {
  /** A random suffix for this file's names. */
  id: string;
  /** The temp folder (mode 0755). */
  dir: string;
  /** `<dir>/app.json`: mode 0640, owner root, group `group`, CONFIG as JSON. */
  file: string;
  /** `<dir>/shared`: a directory of mode 2770. */
  shared: string;
  /** `<dir>/current`: a symlink to `app.json`. */
  link: string;
  /** `<dir>/locked/secret`: a file under a folder of mode 000. */
  secret: string;
  /** The test group. */
  group: string;
  /** The test user, whose primary group is its own and who is also in `group`. */
  user: string;
  /** The test user's uid. */
  uid: number;
  /** The targets by name: `local`, `ssh` (root) and `ssh-user` (unprivileged). */
  targets: Record<"local" | "ssh" | "ssh-user", Target>;
  /** Runs one probe as a check on a target; the outcome's status, message and evidence. */
  check(
    target: Target,
    probe: Record<string, unknown>,
    captures?: Record<string, string>,
  ): Promise<CheckOutcome>;
  /** Removes everything. Safe to call twice. */
  remove(): Promise<void>;
}

/** Makes the world; with `ssh: false`, only the local target. */
export async function makeHostWorld(options: { ssh?: boolean } = {}): Promise<HostWorld> {
  const id = randomBytes(3).toString("hex");
  const group = `rlhg${id}`;
  const user = `rlhu${id}`;
  const dir = mkdtempSync(join(tmpdir(), "rl-host-probe-"));
  chmodSync(dir, 0o755);
  const cleanups: Array<() => Promise<unknown> | void> = [];
  const remove = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await Promise.resolve(cleanup()).catch(() => {});
    }
  };
  try {
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    await run("groupadd", [group]);
    cleanups.push(() => run("groupdel", [group]));
    await run("useradd", ["-M", "-d", `/home/${user}`, "-s", "/bin/sh", "-G", group, user]);
    cleanups.push(() => run("userdel", [user]));
    const uid = Number((await run("id", ["-u", user])).stdout.trim());
    const file = join(dir, "app.json");
    writeFileSync(file, `${JSON.stringify(CONFIG)}\n`);
    await run("chgrp", [group, file]);
    chmodSync(file, 0o640);
    const shared = join(dir, "shared");
    mkdirSync(shared);
    chmodSync(shared, 0o2770);
    const link = join(dir, "current");
    symlinkSync("app.json", link);
    const locked = join(dir, "locked");
    mkdirSync(locked);
    const secret = join(locked, "secret");
    writeFileSync(secret, "s3cret\n");
    chmodSync(locked, 0o000);
    cleanups.push(() => chmodSync(locked, 0o700));
    const local = new LocalTarget();
    cleanups.push(() => local.close());
    let ssh: Target = local;
    let sshUser: Target = local;
    if (options.ssh !== false) {
      const sshd = await startSshd();
      cleanups.push(() => sshd.stop());
      ssh = await sshTarget(sshd, "root", dir, cleanups);
      sshUser = await sshTarget(sshd, sshd.passwordUser, dir, cleanups);
    }
    const probes = hostProbes();
    return {
      id,
      dir,
      file,
      shared,
      link,
      secret,
      group,
      user,
      uid,
      targets: { local, ssh, "ssh-user": sshUser },
      check(target, probe, captures = {}) {
        const bound: Record<string, Capture> = Object.fromEntries(
          Object.entries(captures).map(([name, value]) => [name, { type: "any", value }]),
        );
        const ctx: CheckRunContext = {
          target,
          captures: bound,
          timeoutMs: 20_000,
          results: new Map(),
          probes,
        };
        return runCheck({ id: "c", title: "t", hint: "h", probe: probe as never }, ctx);
      },
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}

async function sshTarget(
  sshd: SshdFixture,
  user: string,
  dir: string,
  cleanups: Array<() => Promise<unknown> | void>,
): Promise<Target> {
  const knownHosts = join(dir, `known_hosts_${user}`);
  writeFileSync(knownHosts, `${sshd.knownHostsLine}\n`);
  const connection: SshConnection = await connectSsh({
    host: sshd.host,
    port: sshd.port,
    user,
    identityFile: sshd.keyPath,
    knownHostsFiles: [knownHosts],
    configFile: null,
  });
  cleanups.push(() => connection.close());
  const target = new SshTarget(connection);
  cleanups.push(() => target.close());
  return target;
}

/**
 * Starts a long-running child process (killed by `stop()` of the returned handle), e.g. a
 * listener, optionally as another user; resolves once `ready` says it is up.
 */
export async function startChild(
  command: string,
  args: string[],
  ready: () => Promise<boolean>,
  as: { uid?: number; gid?: number } = {},
): Promise<{ pid: number; stop(): void }> {
  const child = spawn(command, args, { stdio: "ignore", ...as });
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}`);
    if (await ready()) return { pid: child.pid!, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  throw new Error(`${command} was not ready after 10 s`);
}
