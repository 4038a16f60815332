import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectDocker, type DockerClient, DockerError } from "../../lib/docker/mod.ts";
import {
  BUSYBOX_IMAGE,
  ensureBusyboxImage,
  removeTestResources,
  startSleeper,
  TEST_LABELS,
  uniqueName,
} from "./_fixtures.ts";

describe("DockerClient.exec()", () => {
  let docker: DockerClient;
  const box = uniqueName("exec");
  const stopped = uniqueName("exec-stopped");

  before(async () => {
    docker = await connectDocker();
    await ensureBusyboxImage(docker);
    await startSleeper(docker, box);
  });

  after(async () => {
    await removeTestResources(docker, [box, stopped]);
  });

  it("separates stdout from stderr and reports exit code 0", async () => {
    const result = await docker.exec(box, ["sh", "-c", "echo out; echo err >&2; echo more"]);
    assert.equal(result.stdout, "out\nmore\n");
    assert.equal(result.stderr, "err\n");
    assert.equal(result.exitCode, 0);
    assert.equal(result.timedOut, false);
    assert.ok(result.durationMs > 0 && result.durationMs < 10_000);
  });

  it("reports a non-zero exit code as data", async () => {
    const result = await docker.exec(box, ["sh", "-c", "echo before; exit 3"]);
    assert.deepEqual({ stdout: result.stdout, exitCode: result.exitCode }, {
      stdout: "before\n",
      exitCode: 3,
    });
  });

  it("reports 127 for a command the shell cannot find", async () => {
    const result = await docker.exec(box, ["sh", "-c", "no-such-command"]);
    assert.equal(result.exitCode, 127);
    assert.equal(result.stderr, "sh: no-such-command: not found\n");
  });

  it("reports the engine's 126 for an executable it cannot find, as docker exec does", async () => {
    const result = await docker.exec(box, ["no-such-command"]);
    assert.equal(result.exitCode, 126);
    assert.match(result.stdout, /exec: "no-such-command": executable file not found in \$PATH/);
  });

  it("passes env, user and workdir", async () => {
    const result = await docker.exec(box, ["sh", "-c", 'echo "$GREETING $(id -u) $(pwd)"'], {
      env: { GREETING: "hi there" },
      user: "65534",
      workdir: "/tmp",
    });
    assert.equal(result.stdout, "hi there 65534 /tmp\n");
  });

  it("writes stdin and closes it", async () => {
    const result = await docker.exec(box, ["sh", "-c", "tr a-z A-Z; echo done"], {
      stdin: "hello\nworld\n",
    });
    assert.equal(result.stdout, "HELLO\nWORLD\ndone\n");
    assert.equal(result.exitCode, 0);
  });

  it("streams output to onStdout and onStderr as it arrives", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const result = await docker.exec(box, [
      "sh",
      "-c",
      "echo a; sleep 0.2; echo b >&2; sleep 0.2; echo c",
    ], {
      onStdout: (text) => out.push(text),
      onStderr: (text) => err.push(text),
    });
    assert.equal(out.join(""), "a\nc\n");
    assert.equal(err.join(""), "b\n");
    assert.equal(out.join(""), result.stdout);
    assert.ok(out.length >= 2, "stdout came in pieces as it was written");
  });

  it("returns 10 MB of output byte-exact", async () => {
    const line = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ!";
    const size = 10 * 1024 * 1024;
    const result = await docker.exec(box, ["sh", "-c", `yes '${line}' | head -c ${size}`]);
    assert.equal(result.exitCode, 0);
    assert.equal(result.stdout.length, size);
    const expected = `${line}\n`.repeat(size / 64);
    if (result.stdout !== expected) {
      let i = 0;
      while (result.stdout[i] === expected[i]) i++;
      assert.fail(`output differs at byte ${i}: ${JSON.stringify(result.stdout.slice(i, i + 40))}`);
    }
    assert.ok(result.durationMs < 10_000, `took ${result.durationMs} ms`);
  });

  it("kills the command when the time limit passes", async () => {
    const started = performance.now();
    const result = await docker.exec(box, ["sh", "-c", "echo started; sleep 30"], {
      timeoutMs: 500,
    });
    const elapsed = performance.now() - started;
    assert.equal(result.timedOut, true);
    assert.equal(result.stdout, "started\n");
    assert.ok(elapsed < 5000, `took ${elapsed} ms`);
    const ps = await docker.exec(box, ["ps", "-o", "pid,args"]);
    assert.doesNotMatch(ps.stdout, /sleep 30/);
    assert.match(ps.stdout, /sleep 3600/);
  });

  it("kills the command when the signal aborts", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await docker.exec(box, ["sleep", "31"], { signal: controller.signal });
    assert.equal(result.timedOut, true);
    assert.equal(result.exitCode, 137);
    const ps = await docker.exec(box, ["ps", "-o", "args"]);
    assert.doesNotMatch(ps.stdout, /sleep 31/);
  });

  it("rejects in a missing container with the engine's words", async () => {
    await assert.rejects(docker.exec("run-lesson-test-missing", ["true"]), (error) => {
      assert.ok(error instanceof DockerError);
      assert.equal(
        error.message,
        'Cannot exec in container "run-lesson-test-missing": No such container: run-lesson-test-missing',
      );
      assert.equal(error.statusCode, 404);
      assert.deepEqual(error.json, { message: "No such container: run-lesson-test-missing" });
      return true;
    });
  });

  it("rejects in a stopped container with the engine's words", async () => {
    const id = await docker.containers.create({
      image: BUSYBOX_IMAGE,
      name: stopped,
      cmd: ["true"],
      labels: TEST_LABELS,
    });
    await docker.containers.start(id);
    await docker.containers.wait(id);
    await assert.rejects(docker.exec(stopped, ["true"]), {
      name: "DockerError",
      message: `Cannot exec in container "${stopped}": Container ${id} is not running`,
      statusCode: 409,
    });
  });
});
