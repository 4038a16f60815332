import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { fileURLToPath } from "node:url";
import { connectDocker } from "../../lib/docker/mod.ts";
import { cli } from "../_cli.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const LESSON = "tests/fixtures/lessons/docker-small";

async function leftovers(): Promise<string[]> {
  const docker = await connectDocker();
  const label = ["run-lesson.lesson=tests/fixtures/lessons/docker-small"];
  return [
    ...(await docker.containers.list({ labels: label })).map((c) => `container ${c.Names[0]}`),
    ...(await docker.networks.list({ labels: label })).map((n) => `network ${n.Name}`),
    ...(await docker.volumes.list({ labels: label })).map((v) => `volume ${v.Name}`),
    ...(await docker.volumes.list({ name: "rl-small-data" })).map((v) => `volume ${v.Name}`),
  ];
}

describe("docker target", () => {
  it("runs docker exec lines through the API, types into TTY sessions, and removes what it made", async () => {
    const r = await cli("run", LESSON, "--offline", "--reporter", "json");
    assert.equal(r.code, 0, r.out + r.err);
    const report = JSON.parse(r.out);
    const make = report.steps[0];
    assert.deepEqual(
      make.commands.map((c: { exitCode: number }) => c.exitCode),
      [0, 0, 0, 3, 1, 1, 137],
    );
    assert.equal(make.commands[6].stopped, true);
    assert.equal(make.checks[0].status, "pass");
    assert.equal(report.steps[1].commands[2].stdout.trim(), "7 in /tmp");
    assert.deepEqual(await leftovers(), []);
  });

  it("--keep leaves the resources and prints how to remove them; a rerun removes them first", async () => {
    const kept = await cli("run", LESSON, "--offline", "--only", "make", "--keep");
    assert.equal(kept.code, 0, kept.out + kept.err);
    assert.match(
      kept.err,
      /kept this run's resources \(label run-lesson\.run=[^)]+\); remove them with:\n {2}docker rm -f \$\(docker ps -aq --filter label=run-lesson\.run=/,
    );
    assert.ok((await leftovers()).includes("container /rl-small-box"));
    const rerun = await cli("run", LESSON, "--offline", "--only", "make");
    assert.equal(rerun.code, 0, rerun.out + rerun.err);
    assert.match(
      rerun.err,
      /removed what an earlier run of tests\/fixtures\/lessons\/docker-small left \(1 containers, 1 networks, 2 volumes\)/,
    );
    assert.deepEqual(await leftovers(), []);
  });

  it("a failing run still removes everything", async () => {
    const r = await cli("run", LESSON, "--offline", "--only", "make", "--timeout", "300ms");
    assert.equal(r.code, 1);
    assert.deepEqual(await leftovers(), []);
  });

  it("SIGINT ends the run with 130, kills the running command and removes everything", async () => {
    // The CLI under the runtime running this test.
    const entry = "Deno" in globalThis
      ? ["run", "--allow-all", "runner/main.ts"]
      : ["runner/bin.js"];
    const child = spawn(process.execPath, [...entry, "run", LESSON, "--offline"], {
      cwd: ROOT,
      env: { ...process.env, RL_SMALL_SLEEP: "60" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("make")) setTimeout(() => child.kill("SIGINT"), 3000);
    });
    // Deno reports an exit status above 128 as the matching signal.
    const code = await new Promise<number | null>((resolve) =>
      child.on(
        "exit",
        (c, signal) => resolve(c ?? (signal ? 128 + constants.signals[signal] : null)),
      )
    );
    assert.equal(code, 130, out);
    assert.deepEqual(await leftovers(), []);
  });

  it("an unreachable engine is one line naming DOCKER_HOST", async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = "unix:///tmp/run-lesson-no-such.sock";
    try {
      const r = await cli("run", LESSON, "--offline");
      assert.equal(r.code, 1);
      assert.equal(
        r.err,
        'run-lesson: Cannot connect to Docker at "unix:///tmp/run-lesson-no-such.sock" (DOCKER_HOST): connect ENOENT: start dockerd (bash runner/setup/setup-engine.sh) or correct DOCKER_HOST\n',
      );
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });
});
