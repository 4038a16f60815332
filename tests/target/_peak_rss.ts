/**
 * Runs the CLI as a child process under the runtime running the tests and measures its peak
 * resident set, for tests that hold a large output to the output bound's memory.
 * @module
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** A mebibyte. */
export const MiB = 1024 * 1024;

/** What one measured CLI run did. */
export interface Measured {
  /** The exit code (null when killed). */
  code: number | null;
  /** Its stdout. */
  out: string;
  /** Its stderr, without the measurement's line. */
  err: string;
  /** The CLI process's peak resident set, in bytes. */
  peak: number;
  /** Wall time in milliseconds. */
  ms: number;
}

/**
 * Runs the CLI with `args` and measures its peak resident set: `/usr/bin/time -f %M` when
 * installed, else VmHWM of /proc/<pid>/status polled until it ends. Killed after `limitMs`.
 */
export function runMeasured(
  args: string[],
  env: Record<string, string> = {},
  limitMs = 120_000,
): Promise<Measured> {
  const cli = "Deno" in globalThis
    ? [join(ROOT, "node_modules/deno/deno"), "run", "-A", join(ROOT, "runner/main.ts")]
    : [process.execPath, join(ROOT, "runner/bin.js")];
  const timed = existsSync("/usr/bin/time");
  const argv = timed ? ["/usr/bin/time", "-f", "RSS_KB=%M", ...cli] : cli;
  const started = performance.now();
  const child = spawn(argv[0], [...argv.slice(1), ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  const out: Buffer[] = [];
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr.on("data", (chunk) => (err += chunk));
  let polled = 0;
  const poll = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      polled = Math.max(polled, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024);
    } catch {
      // ended
    }
  }, 10);
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // gone
    }
  }, limitMs);
  return new Promise((resolve) => {
    child.on("close", (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      const timedKb = /RSS_KB=(\d+)\n?$/.exec(err);
      const peak = timedKb ? Number(timedKb[1]) * 1024 : polled;
      if (timedKb) err = err.slice(0, timedKb.index);
      const ms = performance.now() - started;
      resolve({ code, out: Buffer.concat(out).toString("utf8"), err, peak, ms });
    });
  });
}

/** A size for messages, in whole MiB. */
export const mib = (bytes: number): string => `${(bytes / MiB).toFixed(0)} MiB`;

/**
 * The slack on top of 1.2 times the small output's peak: 16 MiB under Node, 64 MiB under Deno,
 * whose peaks vary by tens of MiB between runs (269 against 207 MiB was seen).
 */
export const SLACK = "Deno" in globalThis ? 64 * MiB : 16 * MiB;

/** Asserts that the large output's run needed no more memory than the small one's, within slack. */
export function assertBounded(
  small: Measured,
  large: Measured,
  what: string,
  slack = SLACK,
): void {
  assert.ok(
    large.peak <= small.peak * 1.2 + slack,
    `${what}: peak RSS ${mib(large.peak)} for the large output, ${mib(small.peak)} for the small`,
  );
}
