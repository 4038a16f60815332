import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { attachedProbe } from "../../lib/probes/mod.ts";
import { itLeavingNoProbe, makeWorld, type World } from "./_world.ts";

let world: World;
let redisAddress: string;
before(async () => {
  world = await makeWorld();
  const info = await world.docker.containers.inspect(world.redis);
  redisAddress = info.NetworkSettings.Networks[world.net].IPAddress;
  assert.ok(redisAddress);
});
after(() => world?.remove());
const it = itLeavingNoProbe(() => world);

describe("attachedProbe()", () => {
  it("passes when both the container and the network list the attachment, with aliases", async () => {
    const r = await attachedProbe(world.deps)(
      { kind: "docker.attached", container: world.redis, network: world.net, aliases: ["cache"] },
      world.ctx(),
    );
    assert.deepEqual(r, {
      ok: true,
      evidence:
        `container "${world.redis}" on network "${world.net}": address ${redisAddress}, aliases cache`,
    });
  });

  it("passes for attached: false when neither side lists it", async () => {
    const r = await attachedProbe(world.deps)(
      { kind: "docker.attached", container: world.other, network: world.net, attached: false },
      world.ctx(),
    );
    assert.equal(r.ok, true);
    assert.equal(
      r.evidence,
      `container "${world.other}" lists networks: ${world.net2}\nnetwork "${world.net}" lists containers: ${world.redis}`,
    );
  });

  it("fails for a container on another network, naming where it is", async () => {
    const r = await attachedProbe(world.deps)(
      { kind: "docker.attached", container: world.other, network: world.net },
      world.ctx(),
    );
    assert.equal(r.ok, false);
    assert.equal(
      r.message,
      `container "${world.other}" is attached to ${world.net2}, not to ${world.net}`,
    );
  });

  it("fails for attached: false while attached, and for a missing alias", async () => {
    const still = await attachedProbe(world.deps)(
      { kind: "docker.attached", container: world.redis, network: world.net, attached: false },
      world.ctx(),
    );
    assert.equal(still.message, `container "${world.redis}" is still attached to ${world.net}`);
    const alias = await attachedProbe(world.deps)(
      { kind: "docker.attached", container: world.redis, network: world.net, aliases: ["redis"] },
      world.ctx(),
    );
    assert.equal(
      alias.message,
      `container "${world.redis}" has no alias "redis" on ${world.net} (aliases: cache)`,
    );
  });

  it("fails for a missing container or network", async () => {
    const noContainer = await attachedProbe(world.deps)(
      { kind: "docker.attached", container: "rl-probe-test-nothing", network: world.net },
      world.ctx(),
    );
    assert.equal(noContainer.message, 'no container named "rl-probe-test-nothing"');
    const noNetwork = await attachedProbe(world.deps)(
      { kind: "docker.attached", container: world.redis, network: "rl-probe-test-nothing" },
      world.ctx(),
    );
    assert.equal(noNetwork.message, 'no network named "rl-probe-test-nothing"');
  });

  it("follows a connect and a disconnect at run time", async () => {
    const probe = { kind: "docker.attached", container: world.other, network: world.net };
    await world.docker.networks.connect(world.net, world.other, { aliases: ["side"] });
    try {
      const r = await attachedProbe(world.deps)({ ...probe, aliases: ["side"] }, world.ctx());
      assert.equal(r.ok, true, r.message);
    } finally {
      await world.docker.networks.disconnect(world.net, world.other);
    }
    const r = await attachedProbe(world.deps)(probe, world.ctx());
    assert.equal(
      r.message,
      `container "${world.other}" is attached to ${world.net2}, not to ${world.net}`,
    );
  });

  it("fails for a stopped container whose attachment the network cannot confirm", async () => {
    await world.docker.containers.stop(world.other, { timeSeconds: 0 });
    try {
      const r = await attachedProbe(world.deps)(
        { kind: "docker.attached", container: world.other, network: world.net2 },
        world.ctx(),
      );
      assert.equal(
        r.message,
        `container "${world.other}" is not running, so network "${world.net2}" does not list it`,
      );
    } finally {
      await world.docker.containers.start(world.other);
    }
  });
});
