/**
 * 100 commands over one persistent SSH session (run-lesson's SSH target) against 100 separate
 * `ssh host cmd` runs of OpenSSH's client, in the same run, against a loopback sshd.
 *
 *   npx tsx bench/ssh_session.bench.ts [--commands 100]
 * @module
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { connectSsh } from "../lib/ssh/connect.ts";
import { SshTarget } from "../lib/target/ssh.ts";
import { startSshd } from "../tests/ssh/_sshd.ts";

const { values } = parseArgs({ options: { commands: { type: "string", default: "100" } } });
const count = Number(values.commands);
const sshd = await startSshd();
const dir = mkdtempSync(join(tmpdir(), "rl-bench-ssh-"));
const knownHosts = join(dir, "known_hosts");
writeFileSync(knownHosts, `${sshd.knownHostsLine}\n`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

try {
  const connection = await connectSsh({
    host: sshd.host,
    port: sshd.port,
    user: sshd.passwordUser,
    identityFile: sshd.keyPath,
    knownHostsFiles: [knownHosts],
    configFile: null,
  });
  const target = new SshTarget(connection);
  await target.run("true", { timeoutMs: 10_000 });
  const session: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const r = await target.run(`echo ${i}`, { timeoutMs: 10_000 });
    session.push(performance.now() - started);
    if (r.stdout !== `${i}\n`) throw new Error(`Unexpected output ${JSON.stringify(r.stdout)}`);
  }
  await target.close();
  await connection.close();

  const separate: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const r = await _ssh([
      "-p",
      String(sshd.port),
      "-i",
      sshd.keyPath,
      "-o",
      `UserKnownHostsFile=${knownHosts}`,
      "-o",
      "BatchMode=yes",
      "-F",
      "/dev/null",
      `${sshd.passwordUser}@${sshd.host}`,
      `echo ${i}`,
    ]);
    if (r.stdout !== `${i}\n`) {
      throw new Error(`ssh failed at command ${i}: ${r.stderr}`);
    }
    separate.push(performance.now() - started);
  }
  console.log(`${count} commands, latency per command in ms`);
  console.log(
    `persistent session : median ${median(session).toFixed(2)}  p90 ${
      p90(session).toFixed(2)
    }  total ${session.reduce((a, b) => a + b, 0).toFixed(0)}`,
  );
  console.log(
    `ssh host cmd       : median ${median(separate).toFixed(2)}  p90 ${
      p90(separate).toFixed(2)
    }  total ${separate.reduce((a, b) => a + b, 0).toFixed(0)}`,
  );
  console.log(`ratio (medians)    : ${(median(separate) / median(session)).toFixed(1)}x`);
} finally {
  await sshd.stop();
  rmSync(dir, { recursive: true, force: true });
}

/** Runs OpenSSH's client without blocking the event loop (the sshd fixture reads its log). */
function _ssh(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("ssh", args);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", () => resolve({ stdout, stderr }));
  });
}
