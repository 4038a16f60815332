import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { type CheckRunContext, runCheck } from "../../lib/engine/run_check.ts";
import type { CheckOutcome } from "../../lib/engine/events.ts";
import type { Check } from "../../lib/lesson/types.ts";
import { DOCKER_PROBE_FACTORIES, type DockerProbe, dockerProbes } from "../../lib/probes/mod.ts";
import { itLeavingNoProbe, makeWorld, type World } from "./_world.ts";

let world: World;
before(async () => {
  world = await makeWorld();
});
after(() => world?.remove());
const it = itLeavingNoProbe(() => world);

const context = (results: Map<string, CheckOutcome>, timeoutMs = 20_000): CheckRunContext => ({
  ...world.ctx({}, timeoutMs),
  results,
  probes: dockerProbes(world.deps),
});

describe("dockerProbes()", () => {
  it("has a runner for every probe kind", () => {
    const kinds: Array<DockerProbe["kind"]> = [
      "docker.network",
      "docker.container",
      "docker.attached",
      "docker.resolves",
      "docker.tcp",
      "docker.http",
      "docker.exec",
      "docker.volume",
    ];
    assert.deepEqual(Object.keys(DOCKER_PROBE_FACTORIES).sort(), kinds.sort());
    assert.deepEqual(Object.keys(dockerProbes(world.deps)).sort(), kinds.sort());
  });

  it("every runner names a missing or mistyped field", async () => {
    const required: Record<string, string> = {
      "docker.network": "network",
      "docker.container": "container",
      "docker.attached": "container",
      "docker.resolves": "name",
      "docker.tcp": "host",
      "docker.http": "url",
      "docker.exec": "container",
      "docker.volume": "volume",
    };
    for (const [kind, field] of Object.entries(required)) {
      await assert.rejects(dockerProbes(world.deps)[kind]({ kind, [field]: 42 }, world.ctx()), {
        name: "TypeError",
        message: `Cannot run probe "${kind}": field "${field}" must be a non-empty string, got 42`,
      });
    }
  });
});

describe("runCheck() with dockerProbes()", () => {
  const attached: Check = {
    id: "redis-attached",
    title: "redis joined the network",
    hint: "docker network connect",
    probe: { kind: "docker.attached", container: "{{redis}}", network: "{{net}}" },
  };
  const isolated = (control?: string): Check => ({
    id: "other-isolated",
    title: "other stays off the network",
    hint: "docker network disconnect",
    probe: { kind: "docker.attached", container: "{{other}}", network: "{{net}}", attached: false },
    control,
  });

  it("passes a check and a negative check whose positive control passed", async () => {
    const results = new Map<string, CheckOutcome>();
    const captures = { redis: world.redis, other: world.other, net: world.net };
    const ctx = { ...context(results), captures: world.ctx(captures).captures };
    const first = await runCheck(attached, ctx);
    assert.equal(first.status, "pass", first.message);
    results.set(first.id, first);
    const second = await runCheck(isolated("redis-attached"), ctx);
    assert.equal(second.status, "pass", second.message);
    assert.equal(second.points, 1);
  });

  it("scores a failing probe zero with its message, and a probe that cannot run as an error", async () => {
    const ctx = {
      ...context(new Map()),
      captures: world.ctx({ redis: world.other, net: world.net }).captures,
    };
    const failed = await runCheck(attached, ctx);
    assert.equal(failed.status, "fail");
    assert.equal(failed.points, 0);
    assert.equal(
      failed.message,
      `container "${world.other}" is attached to ${world.net2}, not to ${world.net}`,
    );
    const broken = await runCheck({ ...attached, probe: { ...attached.probe, network: 42 } }, ctx);
    assert.equal(broken.status, "error");
    assert.equal(
      broken.message,
      'probe failed: Cannot run probe "docker.attached": field "network" must be a non-empty string, got 42',
    );
  });

  it("reports a probe that runs out of time as a timeout and removes its probe container", async () => {
    const check: Check = {
      id: "slow",
      title: "a slow lookup",
      hint: "",
      probe: { kind: "docker.resolves", name: world.other, network: world.net, resolves: false },
    };
    // The lookup itself answers fast on the world's internal network: the engine's start of the
    // probe container is held back past the limit, so the probe is still at work when it hits.
    let removed!: () => void;
    const removal = new Promise<void>((resolve) => (removed = resolve));
    const containers = new Proxy(world.deps.docker.containers, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property === "start") {
          return async (...args: Parameters<typeof target.start>) => {
            await target.start(...args);
            await new Promise((resolve) => setTimeout(resolve, 1500));
          };
        }
        if (property === "remove") {
          return (...args: Parameters<typeof target.remove>) =>
            target.remove(...args).finally(() => removed());
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const docker = Object.create(world.deps.docker, { containers: { value: containers } });
    const outcome = await runCheck(check, {
      ...context(new Map(), 1000),
      probes: dockerProbes({ ...world.deps, docker }),
    });
    assert.equal(outcome.status, "timeout");
    assert.equal(outcome.message, "probe did not answer within 1000 ms");
    // runCheck stops waiting at the limit; the probe still removes its container right after
    // (and itLeavingNoProbe checks that none is left).
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([removal, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
    clearTimeout(timer);
  });
});
