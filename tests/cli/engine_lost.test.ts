// The engine stopped in the middle of a run: the run stops at once with one message and exit
// code 3, instead of failing every remaining step one by one. The engine is a student host's own
// (Docker in Docker behind its sshd), so that stopping it touches nothing else on this machine.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { type SimulatedClass, startClass } from "../grade/_class.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function writeLesson(dir: string): string {
  const lesson = join(dir, "engine-lost");
  mkdirSync(join(lesson, "steps"), { recursive: true });
  const steps = [
    {
      id: "make",
      title: "Make",
      commands: [{ run: "docker network create rl-lost", stdout: "{{id}}" }],
    },
    {
      id: "wait",
      title: "Wait",
      commands: [{ run: "while [ ! -e /tmp/rl-go ]; do sleep 0.1; done", timeoutMs: 120_000 }],
    },
    {
      id: "list",
      title: "List",
      commands: [{ run: "docker network ls -q --filter name=rl-lost" }],
    },
    { id: "inspect", title: "Inspect", commands: [{ run: "docker network inspect rl-lost" }] },
    { id: "remove", title: "Remove", commands: [{ run: "docker network rm rl-lost" }] },
  ];
  writeFileSync(
    join(lesson, "lesson.ts"),
    `export default ${
      JSON.stringify({
        title: "Engine lost",
        target: "docker",
        steps: steps.map((_, i) => `steps/0${i + 1}.ts`),
      })
    };\n`,
  );
  steps.forEach((step, i) =>
    writeFileSync(join(lesson, `steps/0${i + 1}.ts`), `export default ${JSON.stringify(step)};\n`)
  );
  return lesson;
}

describe("an engine that stops during a run", () => {
  let students: SimulatedClass;
  let dir = "";
  before(async () => {
    students = await startClass([{ id: "lab", images: [] }]);
    dir = mkdtempSync(join(tmpdir(), "rl-engine-lost-"));
  });
  after(async () => {
    await students?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("ends the run at once: one message, exit code 3, the remaining steps not run", async () => {
    const lab = students.machines.get("lab")!;
    const knownHosts = join(dir, "known_hosts");
    writeFileSync(knownHosts, `[127.0.0.1]:${lab.port} ${lab.hostKey}\n`);
    const child = spawn("node", [
      "runner/bin.js",
      writeLesson(dir),
      "--reporter",
      "json",
      "--target",
      `ssh://root@127.0.0.1:${lab.port}`,
      "--identity",
      students.keyPath,
      "--known-hosts",
      knownHosts,
    ], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => out += chunk);
    child.stderr.on("data", (chunk) => err += chunk);
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));

    const deadline = Date.now() + 120_000;
    while (!(await students.sh("lab", "docker network ls -q --filter name=rl-lost")).trim()) {
      assert.ok(Date.now() < deadline, `the run never made its network: ${err}`);
      await sleep(200);
    }
    await students.sh(
      "lab",
      "pkill -x dockerd; while pgrep -x dockerd >/dev/null; do sleep 0.1; done",
    );
    const stopped = performance.now();
    await students.sh("lab", "touch /tmp/rl-go");
    const code = await exited;
    const seconds = (performance.now() - stopped) / 1000;

    assert.equal(code, 3, out + err);
    assert.ok(seconds < 5, `the run took ${seconds.toFixed(1)} s to stop after the engine did`);
    const lost = err.split("\n").filter((line) => line.includes("engine was lost"));
    assert.equal(lost.length, 1, err);
    assert.match(
      lost[0],
      /^run-lesson: the Docker engine was lost during the run \(.+\); the remaining steps were not run$/,
    );
    const report = JSON.parse(out);
    const steps = report.steps as Array<{ id: string; status: string; reason?: string }>;
    assert.deepEqual(steps.map((s) => [s.id, s.status]), [
      ["make", "passed"],
      ["wait", "passed"],
      ["list", "failed"],
      ["inspect", "skipped"],
      ["remove", "skipped"],
    ]);
    console.log(`the run stopped ${seconds.toFixed(1)} s after its engine did`);
  });
});
