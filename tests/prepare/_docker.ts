/**
 * Test helpers for the image tests: the docker CLI run as a child process (argv only), unique
 * labelled names, a scope that removes what a test file made, and polling.
 * @module
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { requireEngine } from "../_services.ts";

// Every test that uses these helpers talks to the engine: without one, say so in one line.
requireEngine();

/** What one docker CLI call did. */
export interface CliResult {
  /** Exit code; null when killed. */
  code: number | null;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
}

/** The label every resource these tests create carries. */
export const TEST_LABEL = "run-lesson.test=1";

/** Runs `docker ...args`; `env` adds variables (secrets go here, never in argv). */
export function docker(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("docker", args, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `docker ...args` and returns stdout, throwing with stderr when it exits non-zero. */
export async function dockerOk(args: string[], env: Record<string, string> = {}): Promise<string> {
  const result = await docker(args, env);
  if (result.code !== 0) {
    throw new Error(`Cannot run "docker ${args.join(" ")}": exit ${result.code}: ${result.stderr}`);
  }
  return result.stdout;
}

/** Polls `probe` every 250 ms until it returns true, failing after `timeoutMs`. */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Tracks the containers, networks and volumes a test file creates, and removes them all. */
export class Scope {
  #containers: string[] = [];
  #networks: string[] = [];
  #volumes: string[] = [];
  #tag = randomBytes(3).toString("hex");

  /** A name unique to this run: `rl-test-<what>-<random>`, remembered for removal. */
  container(what: string): string {
    const name = `rl-test-${what}-${this.#tag}`;
    this.#containers.push(name);
    return name;
  }

  /** Creates a labelled bridge network and returns its name. */
  async network(what: string): Promise<string> {
    const name = `rl-test-${what}-${this.#tag}`;
    this.#networks.push(name);
    await dockerOk(["network", "create", "--label", TEST_LABEL, name]);
    return name;
  }

  /** Creates a labelled volume and returns its name. */
  async volume(what: string): Promise<string> {
    const name = `rl-test-${what}-${this.#tag}`;
    this.#volumes.push(name);
    await dockerOk(["volume", "create", "--label", TEST_LABEL, name]);
    return name;
  }

  /** Removes every container (with its anonymous volumes), network and volume made here. */
  async cleanup(): Promise<void> {
    if (this.#containers.length) await docker(["rm", "-f", "-v", ...this.#containers]);
    if (this.#networks.length) await docker(["network", "rm", ...this.#networks]);
    if (this.#volumes.length) await docker(["volume", "rm", ...this.#volumes]);
  }
}
