import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { execProbe } from "../../lib/probes/mod.ts";
import { itLeavingNoProbe, makeWorld, type World } from "./_world.ts";

let world: World;
before(async () => {
  world = await makeWorld();
  const set = await world.docker.exec(world.redis, ["redis-cli", "set", "greeting", "hello"]);
  assert.equal(set.stdout, "OK\n");
});
after(() => world?.remove());
const it = itLeavingNoProbe(() => world);

describe("execProbe()", () => {
  it("passes when the command prints what is expected", async () => {
    const r = await execProbe(world.deps)(
      {
        kind: "docker.exec",
        container: world.redis,
        command: "redis-cli get greeting",
        stdout: "hello",
      },
      world.ctx(),
    );
    assert.deepEqual(r, {
      ok: true,
      evidence: `container "${world.redis}": $ redis-cli get greeting\nhello`,
    });
  });

  it("matches with earlier captures and placeholders, and a given exit code", async () => {
    const captured = await execProbe(world.deps)(
      {
        kind: "docker.exec",
        container: "{{redis}}",
        command: "redis-cli get {{key}}",
        stdout: "{{word}}",
      },
      world.ctx({ redis: world.redis, key: "greeting", word: "hello" }),
    );
    assert.equal(captured.ok, true, captured.message);
    const exit = await execProbe(world.deps)(
      { kind: "docker.exec", container: world.redis, command: "exit 3", exitCode: 3 },
      world.ctx(),
    );
    assert.equal(exit.ok, true, exit.message);
  });

  it("fails on other output, another exit code, or a missing or stopped container", async () => {
    const output = await execProbe(world.deps)(
      {
        kind: "docker.exec",
        container: world.redis,
        command: "redis-cli get greeting",
        stdout: "goodbye",
      },
      world.ctx(),
    );
    assert.equal(output.ok, false);
    assert.equal(
      output.message,
      `command "redis-cli get greeting" in container "${world.redis}": expected "goodbye", got "hello"`,
    );
    const exit = await execProbe(world.deps)(
      { kind: "docker.exec", container: world.redis, command: "no-such-tool" },
      world.ctx(),
    );
    assert.equal(
      exit.message,
      `command "no-such-tool" in container "${world.redis}": expected exit code 0, got 127 (command not found)`,
    );
    const missing = await execProbe(world.deps)(
      { kind: "docker.exec", container: "rl-probe-test-nothing", command: "true" },
      world.ctx(),
    );
    assert.equal(missing.message, 'no container named "rl-probe-test-nothing"');
    await world.docker.containers.stop(world.other, { timeSeconds: 0 });
    try {
      const stopped = await execProbe(world.deps)(
        { kind: "docker.exec", container: world.other, command: "true" },
        world.ctx(),
      );
      assert.equal(
        stopped.message,
        `container "${world.other}" is not running: exited with code 137`,
      );
    } finally {
      await world.docker.containers.start(world.other);
    }
  });

  it("rejects when the command outlives the probe's time limit, and kills it", async () => {
    await assert.rejects(
      execProbe(world.deps)(
        { kind: "docker.exec", container: world.other, command: "sleep 30" },
        world.ctx({}, 1500),
      ),
      { message: 'probe "docker.exec" did not finish within 1500 ms' },
    );
    const ps = await world.docker.exec(world.other, ["ps", "-o", "args"]);
    assert.doesNotMatch(ps.stdout, /sleep 30/);
  });
});
