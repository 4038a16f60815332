import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { containerProbe } from "../../lib/probes/mod.ts";
import { normalizeImage } from "../../lib/probes/container_probe.ts";
import { itLeavingNoProbe, makeWorld, TEST_LABELS, type World } from "./_world.ts";

let world: World;
let stopped: string;
before(async () => {
  world = await makeWorld();
  stopped = `${world.other}-stopped`;
  const id = await world.docker.containers.create({
    image: "alpine:latest",
    name: stopped,
    cmd: ["sh", "-c", "exit 3"],
    labels: TEST_LABELS,
  });
  await world.docker.containers.start(id);
  await world.docker.containers.wait(id, { timeoutMs: 10_000 });
});
after(async () => {
  await world?.docker.containers.remove(stopped, { force: true, volumes: true }).catch(() => {});
  await world?.remove();
});
const it = itLeavingNoProbe(() => world);

describe("containerProbe()", () => {
  it("passes for a running container with its image", async () => {
    const r = await containerProbe(world.deps)(
      { kind: "docker.container", container: world.redis, image: "redis:7-alpine" },
      world.ctx(),
    );
    assert.deepEqual(r, {
      ok: true,
      evidence: `container "${world.redis}": running (image redis:7-alpine)`,
    });
  });

  it("passes for a stopped container with running: false", async () => {
    const r = await containerProbe(world.deps)(
      { kind: "docker.container", container: stopped, running: false },
      world.ctx(),
    );
    assert.deepEqual(r, {
      ok: true,
      evidence: `container "${stopped}": exited with code 3 (image alpine:latest)`,
    });
  });

  it("fails for a missing, stopped, running or other-image container", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ container: `${world.redis}-x` }, `no container named "${world.redis}-x"`],
      [{ container: stopped }, `container "${stopped}" is not running: exited with code 3`],
      [{ container: world.redis, running: false }, `container "${world.redis}" is still running`],
      [
        { container: world.redis, image: "postgres:16-alpine" },
        `container "${world.redis}" runs image "redis:7-alpine", not "postgres:16-alpine"`,
      ],
    ];
    for (const [fields, message] of cases) {
      const r = await containerProbe(world.deps)(
        { kind: "docker.container", ...fields },
        world.ctx(),
      );
      assert.equal(r.ok, false, message);
      assert.equal(r.message, message);
    }
  });

  it("does not take a name prefix for the container", async () => {
    const r = await containerProbe(world.deps)(
      { kind: "docker.container", container: world.redis.slice(0, -1) },
      world.ctx(),
    );
    assert.equal(r.message, `no container named "${world.redis.slice(0, -1)}"`);
  });
});

describe("normalizeImage()", () => {
  const cases: Array<[string, string]> = [
    ["redis", "redis:latest"],
    ["redis:7-alpine", "redis:7-alpine"],
    ["docker.io/library/redis:7-alpine", "redis:7-alpine"],
    ["library/redis", "redis:latest"],
    ["localhost:5000/app", "localhost:5000/app:latest"],
    ["ghcr.io/a/b@sha256:abc", "ghcr.io/a/b@sha256:abc"],
  ];
  for (const [input, output] of cases) {
    it(`normalizeImage(${JSON.stringify(input)}) is ${JSON.stringify(output)}`, () => {
      assert.equal(normalizeImage(input), output);
    });
  }
});
