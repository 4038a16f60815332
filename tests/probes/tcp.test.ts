import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { tcpProbe } from "../../lib/probes/mod.ts";
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

describe("tcpProbe()", () => {
  it("passes for an open port, by container name and by alias", async () => {
    for (const host of [world.redis, "cache"]) {
      const r = await tcpProbe(world.deps)(
        { kind: "docker.tcp", host, port: 6379, network: world.net },
        world.ctx(),
      );
      assert.deepEqual(r, {
        ok: true,
        evidence: `port 6379 on "${host}" is open from network "${world.net}"`,
      });
    }
  });

  it("passes for open: false on a closed port", async () => {
    const r = await tcpProbe(world.deps)(
      { kind: "docker.tcp", host: "cache", port: 6380, network: world.net, open: false },
      world.ctx(),
    );
    assert.deepEqual(r, {
      ok: true,
      evidence: `port 6380 on "cache" is not open from network "${world.net}": connection refused`,
    });
  });

  it("fails for a closed port, and for an open one that should be closed", async () => {
    const closed = await tcpProbe(world.deps)(
      { kind: "docker.tcp", host: "cache", port: 6380, network: world.net },
      world.ctx(),
    );
    assert.equal(closed.ok, false);
    assert.equal(
      closed.message,
      `port 6380 on "cache" is not open from network "${world.net}": connection refused`,
    );
    const open = await tcpProbe(world.deps)(
      { kind: "docker.tcp", host: "cache", port: 6379, network: world.net, open: false },
      world.ctx(),
    );
    assert.equal(open.ok, false);
    assert.equal(
      open.message,
      `port 6379 on "cache" is open from network "${world.net}", but it should not be`,
    );
  });

  it("cannot reach redis from the other network, neither by address nor by name", async () => {
    const byAddress = await tcpProbe(world.deps)(
      { kind: "docker.tcp", host: redisAddress, port: 6379, network: world.net2 },
      world.ctx(),
    );
    assert.equal(
      byAddress.message,
      `port 6379 on "${redisAddress}" is not open from network "${world.net2}": no answer within 2 s`,
    );
    const byName = await tcpProbe(world.deps)(
      { kind: "docker.tcp", host: "{{host}}", port: 6379, network: world.net2, open: false },
      world.ctx({ host: world.redis }),
    );
    assert.deepEqual(byName, {
      ok: true,
      // The network's DNS answers at once that it knows no such name (probe containers ask it
      // not to forward names without dots), so nc says it cannot resolve it.
      evidence:
        `port 6379 on "${world.redis}" is not open from network "${world.net2}": cannot resolve "${world.redis}"`,
    });
  });

  it("rejects a port out of range before making any container", async () => {
    await assert.rejects(
      tcpProbe(world.deps)(
        { kind: "docker.tcp", host: "cache", port: 70000, network: world.net },
        world.ctx(),
      ),
      {
        name: "TypeError",
        message:
          'Cannot run probe "docker.tcp": field "port" must be an integer from 1 to 65535, got 70000',
      },
    );
  });
});
