/**
 * Test fixture: a real ssh-agent on a socket in a temp folder, loaded with given keys.
 * @module
 */
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A running ssh-agent. */
export interface AgentFixture {
  /** Its socket, the value SSH_AUTH_SOCK would hold. */
  socket: string;
  /** Kills the agent and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** An encrypted key file to load, with its passphrase. */
export interface EncryptedKey {
  /** The key file. */
  path: string;
  /** Its passphrase, handed to ssh-add through SSH_ASKPASS (never argv). */
  passphrase: string;
}

/** Starts `ssh-agent -D` and `ssh-add`s the given passphrase-free keys, then encrypted ones. */
export async function startAgent(
  keys: string[],
  encrypted: EncryptedKey[] = [],
): Promise<AgentFixture> {
  const dir = await mkdtemp(join(tmpdir(), "run-lesson-agent-"));
  const socket = join(dir, "agent.sock");
  const child = spawn("ssh-agent", ["-D", "-a", socket], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let waited = 0; !existsSync(socket); waited += 50) {
      if (waited > 5_000) throw new Error(`Cannot start ssh-agent: no socket at "${socket}"`);
      if (child.exitCode !== null) throw new Error(`Cannot start ssh-agent: it exited`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const key of keys) {
      await run("ssh-add", ["-q", key], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
    }
    const askpass = join(dir, "askpass.sh");
    await writeFile(askpass, '#!/bin/sh\nprintf "%s\\n" "$RUN_LESSON_TEST_ASKPASS"\n', {
      mode: 0o700,
    });
    for (const key of encrypted) {
      await run("ssh-add", ["-q", key.path], {
        env: {
          ...process.env,
          SSH_AUTH_SOCK: socket,
          SSH_ASKPASS: askpass,
          SSH_ASKPASS_REQUIRE: "force",
          DISPLAY: process.env.DISPLAY ?? ":0",
          RUN_LESSON_TEST_ASKPASS: key.passphrase,
        },
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { socket, stop };
}
