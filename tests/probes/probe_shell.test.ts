import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectDocker, type DockerClient } from "../../lib/docker/mod.ts";
import { PROBE_LABEL, ProbeContainers } from "../../lib/probes/mod.ts";
import { execProbeScript, type ProbeScriptOptions } from "../../lib/probes/_probe_container.ts";
import { ProbeShell } from "../../lib/probes/_probe_shell.ts";
import { requireEngine } from "../_services.ts";
import {
  BUSYBOX_IMAGE,
  ensureBusyboxImage,
  removeTestResources,
  startSleeper,
  TEST_LABELS,
  uniqueName,
} from "../docker/_fixtures.ts";

/** Options for one probe script with a minute to run. */
function scriptOptions(script: string, network?: string): ProbeScriptOptions {
  return {
    kind: "test",
    image: BUSYBOX_IMAGE,
    network,
    script,
    timeoutMs: 60_000,
    deadline: { signal: new AbortController().signal, remainingMs: () => 60_000 },
  };
}

/** The execs the engine lists for a container (running ones, and recent ones it still keeps). */
async function execIds(docker: DockerClient, container: string): Promise<string[]> {
  const inspect = await docker.containers.inspect(container) as unknown as { ExecIDs?: string[] };
  return inspect.ExecIDs ?? [];
}

const SCRIPTS = [
  "echo out; echo err >&2",
  "printf 'no newline'; printf 'err, no newline' >&2; exit 3",
  'cat; echo "cat read nothing: $?"',
  "no-such-command-here",
  "cat <<'EOF'\nfirst line\n  second line\nEOF\nfalse",
  "seq 1 20000; seq 1 3000 >&2",
  "set -e; false; echo never",
  "exit 0",
];

let docker: DockerClient;
const box = uniqueName("probe-shell");
const net = uniqueName("probe-shell-net");

before(async () => {
  await requireEngine();
  docker = await connectDocker();
  await ensureBusyboxImage(docker);
  await startSleeper(docker, box);
  await docker.networks.create({ name: net, labels: TEST_LABELS });
});

after(async () => {
  await removeTestResources(docker, [box, net]);
  await docker.close();
});

describe("ProbeShell", () => {
  it("gives each script the stdout, stderr and exit code its own exec gives, and lives on", async () => {
    const shell = await ProbeShell.open(docker, box);
    for (const script of SCRIPTS) {
      const kept = await shell.run(script);
      const own = await execProbeScript(docker, box, scriptOptions(script));
      assert.deepEqual(
        { stdout: kept.stdout, stderr: kept.stderr, exitCode: kept.exitCode },
        { stdout: own.stdout, stderr: own.stderr, exitCode: own.exitCode },
        script,
      );
      assert.equal(shell.idle, true, `idle again after ${JSON.stringify(script)}`);
    }
    shell.exit();
  });

  it("ends with a syntax error as sh -s does: exit code 2, the shell's message, and no shell left", async () => {
    const script = "echo before\nif then fi (";
    const shell = await ProbeShell.open(docker, box);
    const kept = await shell.run(script);
    const own = await execProbeScript(docker, box, scriptOptions(script));
    assert.equal(own.exitCode, 2);
    assert.deepEqual(
      { stdout: kept.stdout, stderr: kept.stderr, exitCode: kept.exitCode },
      { stdout: own.stdout, stderr: own.stderr, exitCode: own.exitCode },
    );
    assert.equal(shell.alive, false);
    assert.equal(shell.idle, false);
  });

  it("answers, not hangs, when its container is removed under a running script", async () => {
    const gone = uniqueName("probe-shell-gone");
    try {
      await startSleeper(docker, gone);
      const shell = await ProbeShell.open(docker, gone);
      const running = shell.run("echo started; sleep 60");
      await new Promise((resolve) => setTimeout(resolve, 500));
      await docker.containers.remove(gone, { force: true });
      const result = await running;
      assert.equal(result.stdout, "started\n");
      assert.notEqual(result.exitCode, 0);
      assert.equal(shell.alive, false);
    } finally {
      await removeTestResources(docker, [gone]);
    }
  });
});

describe("ProbeContainers with kept shells", () => {
  it("runs a network's scripts in shells kept in its container, a second one for a slow script", async () => {
    // A wait of a second, not the default 150 ms: under a loaded suite, a quick script can take
    // longer than that, and the second script of a pair would rightly open a shell of its own.
    const pool = new ProbeContainers(undefined, 1_000);
    try {
      // Two quick scripts at once on a new container: the second waits for the first's shell.
      const [first, other] = await Promise.all(
        ["hostname", "echo 0"].map((s) => pool.run(docker, scriptOptions(s, net))),
      );
      assert.equal(other.stdout, "0\n");
      const name = first.stdout.trim();
      assert.match(name, /^[0-9a-f]{12}$/);
      for (const n of [1, 2, 3]) {
        const r = await pool.run(docker, scriptOptions(`echo ${n}; exit ${n}`, net));
        assert.deepEqual([r.stdout, r.exitCode], [`${n}\n`, n]);
      }
      // Five scripts: one exec, the kept shell.
      assert.equal((await execIds(docker, name)).length, 1);
      // Three quick ones at once, the shell idle: again one shell, taken by one script at a time.
      const quick = await Promise.all(
        ["a", "b", "c"].map((s) => pool.run(docker, scriptOptions(`echo ${s}`, net))),
      );
      assert.deepEqual(quick.map((r) => r.stdout), ["a\n", "b\n", "c\n"]);
      assert.equal((await execIds(docker, name)).length, 1);
      const together = await Promise.all(
        ["a", "b"].map((s) => pool.run(docker, scriptOptions(`sleep 2; echo ${s}`, net))),
      );
      assert.deepEqual(together.map((r) => r.stdout), ["a\n", "b\n"]);
      // Two slow ones at once: the second gives up waiting and opens a shell, kept as well.
      assert.equal((await execIds(docker, name)).length, 2);
      await pool.run(docker, scriptOptions("true", net));
      assert.equal((await execIds(docker, name)).length, 2);
    } finally {
      await pool.close(docker);
    }
  });

  it("waits for a shell that is still opening, however long it takes, then for its script", async () => {
    // Each exec opens 3 s late; a script waits 1.5 s after the first script's start, time
    // enough for `hostname` on a loaded machine, and less than an exec takes to open.
    const slow = new Proxy(docker, {
      get(target, key) {
        if (key === "openExec") {
          return async (...args: Parameters<DockerClient["openExec"]>) => {
            await new Promise((resolve) => setTimeout(resolve, 3_000));
            return await target.openExec(...args);
          };
        }
        const value = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const pool = new ProbeContainers(undefined, 1_500);
    try {
      const [first, other] = await Promise.all(
        ["hostname", "echo 0"].map((s) => pool.run(slow, scriptOptions(s, net))),
      );
      assert.equal(other.stdout, "0\n");
      assert.equal((await execIds(docker, first.stdout.trim())).length, 1);
    } finally {
      await pool.close(docker);
    }
  });

  it("gives up on a script that runs out of time, leaves its shell busy, and runs the next in another", async () => {
    // Its own run id: probe containers of tests running alongside are not this pool's.
    const runId = uniqueName("probe-shell-run");
    const pool = new ProbeContainers(runId);
    const labelled = () =>
      docker.containers.list({
        all: true,
        labels: [`${PROBE_LABEL}=1`, `run-lesson.run=${runId}`],
      });
    try {
      const name = (await pool.run(docker, scriptOptions("hostname", net))).stdout.trim();
      const slow = {
        ...scriptOptions("sleep 30", net),
        timeoutMs: 500,
        deadline: { signal: AbortSignal.timeout(500), remainingMs: () => 500 },
      };
      const started = performance.now();
      await assert.rejects(pool.run(docker, slow), /did not finish within 500 ms/);
      assert.ok(performance.now() - started < 5000, "gave up in time");
      const next = await pool.run(docker, scriptOptions("echo next", net));
      assert.equal(next.stdout, "next\n");
      assert.equal(next.exitCode, 0);
      // The shell still running `sleep 30`, and the one that ran the next script.
      assert.equal((await execIds(docker, name)).length, 2);
    } finally {
      await pool.close(docker);
    }
    assert.deepEqual((await labelled()).map((c) => c.Names), []);
  });
});
