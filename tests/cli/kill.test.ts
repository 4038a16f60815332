// Kills at random moments: 20 runs of a Docker lesson, half ended with SIGINT and half with
// SIGKILL, each followed by a normal run that must pass. At the end the lesson has no container,
// network or volume left and no process of its runs is alive. Prints the time from each SIGINT
// to the CLI's exit.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { requireEngine } from "../_services.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TRIALS = Number(process.env.RUN_LESSON_KILL_TRIALS ?? 20);
const SUFFIX = Math.random().toString(36).slice(2, 8);
const NAME = `rl-kill-${SUFFIX}`;
const SLEEP = `4${Math.floor(Math.random() * 9000) + 1000}`;

function writeLesson(dir: string): string {
  const lesson = join(dir, NAME);
  mkdirSync(join(lesson, "steps"), { recursive: true });
  const steps = [
    {
      id: "make",
      title: "Make",
      commands: [
        { run: `docker network create ${NAME}`, stdout: "{{net:id}}" },
        { run: `docker volume create ${NAME}`, stdout: NAME },
        {
          run:
            `docker run -d --name ${NAME} --network ${NAME} -v ${NAME}:/data alpine:latest sleep infinity`,
          stdout: "{{box:id}}",
        },
      ],
      checks: [{
        id: "attached",
        title: "attached",
        hint: "-",
        probe: { kind: "docker.attached", container: NAME, network: NAME },
      }],
    },
    {
      id: "wait",
      title: "Wait",
      commands: [{ run: `sleep \${RL_KILL_SLEEP:-0}`, timeoutMs: 600_000 }],
    },
    {
      id: "look",
      title: "Look",
      commands: [{
        run: `docker exec ${NAME} sh -c 'echo hi > /data/x; cat /data/x'`,
        stdout: "hi",
      }],
    },
  ];
  writeFileSync(
    join(lesson, "lesson.ts"),
    `export default ${
      JSON.stringify({
        title: "Kill",
        target: "docker",
        images: ["alpine:latest"],
        steps: steps.map((_, i) => `steps/0${i + 1}.ts`),
      })
    };\n`,
  );
  steps.forEach((step, i) =>
    writeFileSync(join(lesson, `steps/0${i + 1}.ts`), `export default ${JSON.stringify(step)};\n`)
  );
  return lesson;
}

function start(lesson: string, env: Record<string, string> = {}) {
  const child = spawn("node", ["runner/bin.js", lesson, "--offline"], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let all = "";
  child.stdout.on("data", (chunk) => all += chunk);
  child.stderr.on("data", (chunk) => all += chunk);
  const exited = new Promise<{ code: number | null; signal: string | null; at: number }>((
    resolve,
  ) => child.on("close", (code, signal) => resolve({ code, signal, at: performance.now() })));
  return { child, exited, output: () => all };
}

function docker(...args: string[]): string {
  return execFileSync("docker", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function left(): string[] {
  return [
    ...docker("ps", "-aq", "--filter", `name=^${NAME}$`).split("\n"),
    ...docker("network", "ls", "-q", "--filter", `name=^${NAME}$`).split("\n"),
    ...docker("volume", "ls", "-q", "--filter", `name=^${NAME}$`).split("\n"),
  ].filter(Boolean);
}

function alive(): string[] {
  return execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" }).split("\n")
    .filter((line) => line.includes(`sleep ${SLEEP}`) && !line.includes("ps -eo"));
}

describe("a Docker lesson killed at random moments", () => {
  let dir = "";
  before(() => {
    requireEngine();
    dir = mkdtempSync(join(tmpdir(), "rl-kill-"));
  });
  after(() => {
    for (const args of [["rm", "-f", NAME], ["network", "rm", NAME], ["volume", "rm", NAME]]) {
      try {
        docker(...args);
      } catch {
        // Already gone, as it should be.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${TRIALS} kills (SIGINT and SIGKILL), each followed by a run that passes`, async () => {
    const lesson = writeLesson(dir);
    const interruptTimes: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const signal = trial % 2 === 0 ? "SIGINT" : "SIGKILL";
      const killed = start(lesson, { RL_KILL_SLEEP: SLEEP });
      // Some kills land while the CLI starts and prepares, most while the lesson runs.
      if (trial % 4 === 3) {
        await Promise.race([sleep(300 + Math.random() * 2_000), killed.exited]);
      } else {
        const deadline = Date.now() + 60_000;
        while (!/Make/.test(killed.output()) && Date.now() < deadline) await sleep(50);
        await Promise.race([sleep(Math.random() * 3_000), killed.exited]);
      }
      const sent = performance.now();
      killed.child.kill(signal);
      const end = await killed.exited;
      if (signal === "SIGINT") {
        if (end.code === 130) interruptTimes.push(end.at - sent);
        // 130 after a clean stop; 0 when the run had ended; SIGINT itself before the CLI set up
        // its handlers (nothing of the run exists yet, or the next run removes it).
        assert.ok(
          end.code === 130 || end.code === 0 || end.signal === "SIGINT",
          `trial ${trial}: ${end.code} ${end.signal}\n${killed.output()}`,
        );
      }
      const next = start(lesson);
      const done = await next.exited;
      assert.equal(done.code, 0, `the run after trial ${trial} (${signal}):\n${next.output()}`);
    }
    assert.deepEqual(left(), []);
    assert.deepEqual(alive(), []);
    const sorted = [...interruptTimes].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const figures = `SIGINT to exit (130) over ${sorted.length} runs: median ${
      median.toFixed(0)
    } ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`;
    console.log(figures);
    // The goal is 1 s (about 0.5 s measured on a quiet machine); the assertion leaves room for a
    // busy one, and fails when an interrupt waits for the command or an unbounded cleanup.
    assert.ok((sorted.at(-1) ?? 0) <= 5_000, figures);
  });
});
