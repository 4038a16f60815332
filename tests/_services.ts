/**
 * What the integration tier needs from the machine, checked before a fixture starts using it: a
 * test whose service is missing fails with one line naming the service and the setup script,
 * instead of a connection error deep inside the test. The shared fixtures call these; the unit
 * tier (tests/unit) never imports this module or a fixture that does.
 * @module
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";

/** The socket the engine answers on unless `DOCKER_HOST` names another. */
const DEFAULT_SOCKET = "/var/run/docker.sock";

/** Where the engine is expected, as `DOCKER_HOST` or the default socket names it. */
export function engineAddress(env: Record<string, string | undefined> = process.env): string {
  const host = env.DOCKER_HOST;
  return host === undefined || host === "" ? DEFAULT_SOCKET : host;
}

/** Why the engine cannot be used, or undefined when it answers. */
export function engineProblem(address: string = engineAddress()): string | undefined {
  if (!address.startsWith("/") && !address.startsWith("unix://")) return undefined;
  const socket = address.startsWith("unix://") ? address.slice("unix://".length) : address;
  let isSocket = false;
  try {
    isSocket = statSync(socket).isSocket();
  } catch {
    // Missing: reported below.
  }
  if (!isSocket) return "no socket there";
  // A socket left behind by a dead engine exists but refuses: ask it, as setup-engine.sh does.
  const ping = spawnSync(
    "curl",
    ["-fsS", "--max-time", "5", "--unix-socket", socket, "http://localhost/_ping"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  if (ping.error !== undefined) return undefined; // No curl: the socket is all we can check.
  return ping.status === 0 ? undefined : "it does not answer";
}

let engineChecked: string | undefined;

/** Throws one line unless a Docker engine answers where the tests look for it. */
export function requireEngine(): void {
  const address = engineAddress();
  if (engineChecked === address) return;
  const problem = engineProblem(address);
  if (problem !== undefined) {
    throw new Error(
      `needs a Docker engine on ${address} (${problem}): start it with bash runner/setup/setup-engine.sh`,
    );
  }
  engineChecked = address;
}

/** Throws one line unless OpenSSH's sshd can be started by the tests (as root). */
export function requireSshd(): void {
  const missing = ["/usr/sbin/sshd", "/run/sshd"].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(
      `needs OpenSSH's sshd (${
        missing.join(" and ")
      } missing): install it with bash runner/setup/setup-sshd.sh`,
    );
  }
  if (process.getuid?.() !== 0) {
    throw new Error("needs root to start sshd on a loopback port: run the tests as root");
  }
}

/** The first executable `name` on `PATH`, or undefined. */
export function onPath(name: string, path: string = process.env.PATH ?? ""): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** Throws one line unless headless Chromium is installed as `chromium`. */
export function requireBrowser(): void {
  if (onPath("chromium") === undefined) {
    throw new Error(
      "needs headless Chromium (no chromium on PATH): install it with bash runner/setup/setup-browser.sh",
    );
  }
}
