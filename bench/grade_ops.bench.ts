/**
 * The grader's CPU per Engine operation over SSH, each measured alone: what a graded host's
 * cost is made of. A loopback sshd (the SSH tests' fixture) tunnels to this machine's engine,
 * and the grader-side CPU (`process.cpuUsage`, user + system, so the loopback's delivery to
 * sshd included) is read around a batch of each operation:
 *
 * - connect: an SSH login, the engine tunnel and its version negotiation, then the close;
 * - request: one unary call on the kept-alive tunnel (a network inspect), one at a time and ten
 *   at once;
 * - exec: one probe script through the API (`sh -s` with an exit trailer, as probes run), a
 *   new SSH channel for each;
 * - session command: one command in a shell kept open in the container (one exec for all).
 *
 * The projection at the end composes a complete container-networking host from these: 1 login,
 * 21 unary calls, and its 5 scripts, 4 in the probe container and 1 in postgres. With an exec
 * per script that is 5 execs; with the probe container's scripts in a kept shell (the probe
 * pool, lib/probes/_probe_pool.ts, whose two probes that start together on the first network
 * share one shell, lib/probes/_kept_shells.ts), 2 execs (the shell, and postgres) and 3
 * commands in the kept shell. The grade bench (grade_bench.ts) measures the whole; this one
 * says where it goes, with less noise than a whole grading run.
 *
 *   npx tsx bench/grade_ops.bench.ts [--rounds 5] [--batch 40]
 *
 * Needs the engine and sshd (runner/setup/setup-engine.sh, setup-sshd.sh); the container it
 * starts is removed at the end.
 * @module
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { connectDocker, type DockerClient, type ExecSession } from "../lib/docker/mod.ts";
import { withExitTrailer } from "../lib/docker/exec.ts";
import { connectSsh } from "../lib/ssh/connect.ts";
import type { SshConnection } from "../lib/ssh/connection.ts";
import { startSshd } from "../tests/ssh/_sshd.ts";
import { ensureBusyboxImage, startSleeper, uniqueName } from "../tests/docker/_fixtures.ts";
import { median } from "./_median.ts";
import { check, shellRun } from "./_exec_shell.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    batch: { type: "string", default: "40" },
  },
});
const rounds = Number(values.rounds);
const batch = Number(values.batch);

/** Grader CPU milliseconds so far. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** CPU milliseconds per operation over `count` runs of `op`, after one run not counted. */
async function perOp(count: number, op: (i: number) => Promise<void>): Promise<number> {
  await op(-1);
  const start = cpuMs();
  for (let i = 0; i < count; i++) await op(i);
  return (cpuMs() - start) / count;
}

const local = await connectDocker();
await ensureBusyboxImage(local);
const box = uniqueName("grade-ops");
const sshd = await startSshd();
let connection: SshConnection | undefined;
let session: ExecSession | undefined;
try {
  await startSleeper(local, box);
  const knownHosts = join(sshd.dir, "known_hosts");
  await writeFile(knownHosts, `${sshd.knownHostsLine}\n`);
  const login = () =>
    connectSsh({
      host: sshd.host,
      port: sshd.port,
      user: sshd.user,
      identityFile: sshd.keyPath,
      knownHostsFiles: [knownHosts],
      agent: false,
      configFile: null,
    });
  const engineOf = (c: SshConnection): Promise<DockerClient> =>
    connectDocker({ agent: c.dockerAgent(undefined, { keepAlive: true }) });
  connection = await login();
  const docker = await engineOf(connection);
  session = await docker.openExec(box, ["sh"]);
  const shell = session;
  const { script, exitTrailer } = withExitTrailer("echo probe");
  const signal = new AbortController().signal;

  const ops: Record<string, () => Promise<number>> = {
    "connect and close": () =>
      perOp(Math.ceil(batch / 4), async () => {
        const c = await login();
        await engineOf(c);
        await c.close();
      }),
    "request": () => perOp(batch * 5, () => docker.networks.inspect("bridge").then(() => {})),
    "request, 10 at once": () =>
      perOp(
        batch / 2,
        () =>
          Promise.all(Array.from({ length: 10 }, () => docker.networks.inspect("bridge")))
            .then(() => {}),
      ).then((ms) => ms / 10),
    "exec": () =>
      perOp(batch, async () => {
        const r = await docker.exec(box, ["sh", "-s"], {
          stdin: `${script}\n`,
          exitTrailer,
          signal,
        });
        check(r.stdout, "probe\n", "exec");
      }),
    "session command": () =>
      perOp(
        batch,
        async (i) => check((await shellRun(shell, "echo probe", i)).stdout, "probe\n", "shell"),
      ),
  };
  const samples = new Map<string, number[]>(Object.keys(ops).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, op] of Object.entries(ops)) samples.get(name)!.push(await op());
  }
  const cost = new Map([...samples].map(([name, xs]) => [name, median(xs)]));
  console.log(`grader CPU per operation over SSH, median of ${rounds} rounds (ms)`);
  for (const [name, xs] of samples) {
    console.log(
      `  ${name.padEnd(22)} ${cost.get(name)!.toFixed(2).padStart(7)}   (runs: ${
        xs.map((x) => x.toFixed(2)).join(" ")
      })`,
    );
  }
  const c = (name: string) => cost.get(name)!;
  const base = c("connect and close") + 21 * c("request");
  const eachExec = base + 5 * c("exec");
  const kept = base + 2 * c("exec") + 3 * c("session command");
  console.log(
    `projected complete host (1 login, 21 requests, 5 scripts): ${eachExec.toFixed(1)} ms ` +
      `with an exec per script, ${kept.toFixed(1)} ms with the probe's scripts in kept shells ` +
      `(2 execs, 3 shell commands)`,
  );
} finally {
  await session?.close().catch(() => {});
  await connection?.close().catch(() => {});
  await sshd.stop();
  await local.containers.remove(box, { force: true }).catch(() => {});
  await local.close();
}
