/**
 * Cost of one command in a running container: an Engine API exec against a `docker exec` CLI
 * process per command, and 100 commands through one persistent in-container shell against
 * 100 separate API execs.
 *
 *   npx tsx bench/docker_exec.bench.ts [--runs 30] [--commands 100]
 *
 * Needs the engine (bash runner/setup/setup-engine.sh) and /bin/busybox (busybox-static) for the
 * shared test image; the container it starts is removed at the end.
 * @module
 */
import { execFile } from "node:child_process";
import { parseArgs } from "node:util";
import { connectDocker, type DockerClient, type ExecSession } from "../lib/docker/mod.ts";
import { check, shellRun } from "./_exec_shell.ts";
import { ensureBusyboxImage, startSleeper, uniqueName } from "../tests/docker/_fixtures.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "30" },
    commands: { type: "string", default: "100" },
  },
});
const runs = Number(values.runs);
const commands = Number(values.commands);

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function time(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function samples(count: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  await fn(-1); // warm-up, not counted
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(await time(() => fn(i)));
  return out;
}

async function apiExec(docker: DockerClient, box: string, i: number): Promise<void> {
  const result = await docker.exec(box, ["echo", `n${i}`]);
  check(result.stdout, `n${i}\n`, "API exec");
}

function cliExec(box: string, i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile("docker", ["exec", box, "echo", `n${i}`], (error, stdout) => {
      if (error) return reject(error);
      try {
        check(stdout, `n${i}\n`, "docker exec");
        resolve();
      } catch (e) {
        reject(e);
      }
    });
  });
}

const docker = await connectDocker();
await ensureBusyboxImage(docker);
const box = uniqueName("bench");
await startSleeper(docker, box);
let session: ExecSession | undefined;
try {
  const api = await samples(runs, (i) => apiExec(docker, box, i));
  const cli = await samples(runs, (i) => cliExec(box, i));

  // Opening the shell costs one exec; its first round trip waits for sh to start.
  const openMs = await time(async () => {
    session = await docker.openExec(box, ["sh"]);
    await shellRun(session, "true", -1);
  });
  const shell = session!;
  const shellEach: number[] = [];
  const shellTotal = await time(async () => {
    for (let i = 0; i < commands; i++) {
      shellEach.push(
        await time(async () => {
          const result = await shellRun(shell, `echo n${i}`, i);
          check(result.stdout, `n${i}\n`, "persistent shell");
          if (result.exitCode !== 0) throw new Error(`persistent shell: exit ${result.exitCode}`);
        }),
      );
    }
  });
  const execEach: number[] = [];
  const execTotal = await time(async () => {
    for (let i = 0; i < commands; i++) execEach.push(await time(() => apiExec(docker, box, i)));
  });

  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(12);
  const row = (name: string, values: number[], extra = "") =>
    console.log(
      `${name.padEnd(34)}${ms(quantile(values, 0.5))}${ms(quantile(values, 0.9))}${extra}`,
    );
  console.log(
    `engine ${docker.engine.Version}, API ${docker.apiVersion}, ${
      process.versions.deno ? "deno" : "node"
    } ${process.version}`,
  );
  console.log(`${"one command, N=" + runs}`.padEnd(34) + "      median         p90");
  row("Engine API exec", api);
  row("docker exec CLI per command", cli);
  console.log(
    `  ratio CLI / API (medians): ${(quantile(cli, 0.5) / quantile(api, 0.5)).toFixed(1)}x`,
  );
  console.log(`${commands + " commands"}`.padEnd(34) + "      median         p90       total");
  row("one persistent shell (sentinel)", shellEach, ms(shellTotal));
  row("separate API execs", execEach, ms(execTotal));
  console.log(
    `  opening the shell once: ${openMs.toFixed(1)} ms (not in its total)\n` +
      `  ratio separate / persistent: ${
        (quantile(execEach, 0.5) / quantile(shellEach, 0.5)).toFixed(1)
      }x per command (medians), ${(execTotal / shellTotal).toFixed(1)}x in total`,
  );
} finally {
  await session?.close();
  await docker.containers.remove(box, { force: true });
}
