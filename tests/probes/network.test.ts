import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { networkProbe } from "../../lib/probes/mod.ts";
import { itLeavingNoProbe, makeWorld, type World } from "./_world.ts";

let world: World;
let subnet: string;
before(async () => {
  world = await makeWorld();
  const info = await world.docker.networks.inspect(world.net);
  subnet = info.IPAM.Config?.[0]?.Subnet ?? "";
  assert.match(subnet, /^\d+\.\d+\.\d+\.\d+\/\d+$/);
});
after(() => world?.remove());
const it = itLeavingNoProbe(() => world);

describe("networkProbe()", () => {
  it("passes for an existing network with its driver, scope and isolation, reading the subnet from IPAM", async () => {
    const r = await networkProbe(world.deps)({
      kind: "docker.network",
      network: world.net,
      driver: "bridge",
      scope: "local",
      internal: true,
    }, world.ctx());
    assert.deepEqual(r, {
      ok: true,
      evidence: `network "${world.net}": driver bridge, scope local, subnet ${subnet}, internal`,
    });
  });

  it("substitutes capture references", async () => {
    const r = await networkProbe(world.deps)(
      { kind: "docker.network", network: "{{net}}" },
      world.ctx({ net: world.net }),
    );
    assert.equal(r.ok, true);
  });

  it("finds a network by its id, as docker network create printed it", async () => {
    const id = (await world.docker.networks.inspect(world.net)).Id;
    const r = await networkProbe(world.deps)({ kind: "docker.network", network: id }, world.ctx());
    assert.equal(r.ok, true);
  });

  it("fails for a missing network, and matches names exactly (not as substrings)", async () => {
    const prefix = world.net.slice(0, -2);
    const r = await networkProbe(world.deps)(
      { kind: "docker.network", network: prefix },
      world.ctx(),
    );
    assert.deepEqual(r, {
      ok: false,
      evidence: `no network named "${prefix}"`,
      message: `no network named "${prefix}"`,
      // Waiting does not make a missing network appear: a check with retry fails at once.
      final: true,
    });
  });

  it("fails for another driver, scope or isolation", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ driver: "overlay" }, `network "${world.net}" uses driver "bridge", not "overlay"`],
      [{ scope: "swarm" }, `network "${world.net}" has scope "local", not "swarm"`],
      [
        { internal: false },
        `network "${world.net}" is internal, but the check expects outside access`,
      ],
    ];
    for (const [extra, message] of cases) {
      const r = await networkProbe(world.deps)(
        { kind: "docker.network", network: world.net, ...extra },
        world.ctx(),
      );
      assert.equal(r.ok, false);
      assert.equal(r.message, message);
    }
    const bridge = await networkProbe(world.deps)(
      { kind: "docker.network", network: "bridge", internal: true },
      world.ctx(),
    );
    assert.equal(bridge.message, 'network "bridge" is not internal');
  });
});
