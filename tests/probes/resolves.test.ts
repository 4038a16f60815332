import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { PROBE_LABEL, ProbeContainers, resolvesProbe } from "../../lib/probes/mod.ts";
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

describe("resolvesProbe()", () => {
  it("passes when a container name resolves on its network, with the address as evidence", async () => {
    const r = await resolvesProbe(world.deps)(
      { kind: "docker.resolves", name: world.redis, network: world.net },
      world.ctx(),
    );
    assert.deepEqual(r, {
      ok: true,
      evidence: `"${world.redis}" resolves to ${redisAddress} on network "${world.net}"`,
    });
  });

  it("passes when an alias resolves to the address of the container named in sameAs", async () => {
    const r = await resolvesProbe(world.deps)(
      { kind: "docker.resolves", name: "cache", network: "{{net}}", sameAs: world.redis },
      world.ctx({ net: world.net }),
    );
    assert.deepEqual(r, {
      ok: true,
      evidence:
        `"cache" resolves to ${redisAddress} on network "${world.net}", the address of "${world.redis}"`,
    });
  });

  it("passes for resolves: false across networks, from a labelled probe container", async () => {
    const seen = new Set<string>();
    let probing = true;
    const watcher = (async () => {
      while (probing) {
        for (const name of await world.probeContainers()) seen.add(name);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      const r = await resolvesProbe(world.deps)(
        { kind: "docker.resolves", name: world.other, network: world.net, resolves: false },
        world.ctx(),
      );
      assert.deepEqual(r, {
        ok: true,
        evidence:
          `"${world.other}" does not resolve on network "${world.net}" (no address records)`,
      });
    } finally {
      probing = false;
      await watcher;
    }
    assert.equal(seen.size, 1);
    assert.match([...seen][0], /^\/run-lesson-probe-[0-9a-f]{12}$/);
  });

  it("fails when a name does not resolve, resolves though it should not, or is another container", async () => {
    const missing = await resolvesProbe(world.deps)(
      { kind: "docker.resolves", name: world.other, network: world.net },
      world.ctx(),
    );
    assert.equal(missing.ok, false);
    assert.equal(
      missing.message,
      `"${world.other}" does not resolve on network "${world.net}" (no address records)`,
    );
    const unwanted = await resolvesProbe(world.deps)(
      { kind: "docker.resolves", name: "cache", network: world.net, resolves: false },
      world.ctx(),
    );
    assert.equal(
      unwanted.message,
      `"cache" resolves to ${redisAddress} on network "${world.net}", but it should not`,
    );
    const notThere = await resolvesProbe(world.deps)(
      { kind: "docker.resolves", name: "cache", network: world.net, sameAs: world.other },
      world.ctx(),
    );
    assert.equal(
      notThere.message,
      `container "${world.other}" has no address on network "${world.net}"`,
    );
    await world.docker.networks.connect(world.net, world.other);
    try {
      const info = await world.docker.containers.inspect(world.other);
      const otherAddress = info.NetworkSettings.Networks[world.net].IPAddress;
      const other = await resolvesProbe(world.deps)(
        { kind: "docker.resolves", name: "cache", network: world.net, sameAs: world.other },
        world.ctx(),
      );
      assert.equal(
        other.message,
        `"cache" resolves to ${redisAddress} on network "${world.net}", not to "${world.other}" (${otherAddress})`,
      );
    } finally {
      await world.docker.networks.disconnect(world.net, world.other);
    }
  });

  it("rejects, never passes, when the probe container cannot start", async () => {
    await assert.rejects(
      resolvesProbe(world.deps)(
        {
          kind: "docker.resolves",
          name: "cache",
          network: world.net,
          resolves: false,
          image: "rl-probe-test/none:1",
        },
        world.ctx(),
      ),
      {
        message:
          `probe "docker.resolves" cannot start its probe container (image "rl-probe-test/none:1") on network "${world.net}": No such image: rl-probe-test/none:1`,
      },
    );
    // A network that does not exist is wrong state, not a probe error: even a negative check
    // fails (fail closed) rather than passing because nothing resolved.
    const gone = `${world.net}-gone`;
    assert.deepEqual(
      await resolvesProbe(world.deps)(
        { kind: "docker.resolves", name: "cache", network: gone, resolves: false },
        world.ctx(),
      ),
      {
        ok: false,
        evidence: `no network named "${gone}"`,
        message: `no network named "${gone}"`,
        final: true,
      },
    );
  });

  it("rejects when the time runs out, and still removes its probe container", async () => {
    // A name with dots that the engine does not know goes to its upstream resolver, which an
    // internal network cannot reach: the lookup waits for the resolver's timeout.
    await assert.rejects(
      resolvesProbe(world.deps)(
        {
          kind: "docker.resolves",
          name: `${world.other}.example`,
          network: world.net,
          resolves: false,
        },
        world.ctx({}, 1500),
      ),
      { message: 'probe "docker.resolves" did not finish within 1500 ms' },
    );
  });
});

describe("kept probe containers (read-only check runs)", () => {
  it("one container per image, shared by probes on one network at once, moved between networks", async () => {
    const pool = new ProbeContainers(world.runId);
    const resolvesKept = resolvesProbe({ ...world.deps, pool });
    const ctx = world.ctx();
    const kept = async () => {
      const found = await world.docker.containers.list({
        all: true,
        labels: [`${PROBE_LABEL}=1`, `run-lesson.run=${world.runId}`],
      });
      return await Promise.all(found.map(async (c) => ({
        id: c.Id,
        networks: Object.keys(
          (await world.docker.containers.inspect(c.Id)).NetworkSettings.Networks ?? {},
        ),
      })));
    };
    try {
      // Probes on both networks at once: the ones on the first network run together, then the
      // container moves; on the second network the names of the first must not resolve.
      const answers = await Promise.all([
        resolvesKept({ kind: "docker.resolves", name: "cache", network: world.net }, ctx),
        resolvesKept(
          { kind: "docker.resolves", name: world.redis, network: world.net2, resolves: false },
          ctx,
        ),
        resolvesKept({ kind: "docker.resolves", name: world.redis, network: world.net }, ctx),
        resolvesKept({ kind: "docker.resolves", name: world.other, network: world.net2 }, ctx),
        resolvesKept(
          { kind: "docker.resolves", name: world.other, network: world.net, resolves: false },
          ctx,
        ),
      ]);
      assert.deepEqual(
        answers.map((r) => r.ok),
        [true, true, true, true, true],
        JSON.stringify(answers),
      );
      const first = await kept();
      assert.equal(first.length, 1);
      // It stays on the last network it served until the run ends.
      assert.equal(first[0].networks.length, 1);
      const off = await resolvesKept(
        { kind: "docker.resolves", name: "cache", network: world.net2, resolves: false },
        ctx,
      );
      assert.equal(off.ok, true, off.message);
      assert.deepEqual(await kept(), [{ id: first[0].id, networks: [world.net2] }]);
      // Removed by someone else: the next probe makes a new one.
      await world.docker.containers.remove(first[0].id, { force: true });
      const again = await resolvesKept({
        kind: "docker.resolves",
        name: "cache",
        network: world.net,
      }, ctx);
      assert.equal(again.ok, true, again.message);
      const second = await kept();
      assert.equal(second.length, 1);
      assert.notEqual(second[0].id, first[0].id);
      // Removed while on the network the next probes need: they make a new one too.
      await world.docker.containers.remove(second[0].id, { force: true });
      const onSame = await Promise.all([
        resolvesKept({ kind: "docker.resolves", name: "cache", network: world.net }, ctx),
        resolvesKept({ kind: "docker.resolves", name: world.redis, network: world.net }, ctx),
      ]);
      assert.deepEqual(onSame.map((r) => r.ok), [true, true], JSON.stringify(onSame));
      const third = await kept();
      assert.equal(third.length, 1);
      assert.ok(![first[0].id, second[0].id].includes(third[0].id));
    } finally {
      await pool.close(world.docker);
    }
    assert.deepEqual(await kept(), []);
  });
});
