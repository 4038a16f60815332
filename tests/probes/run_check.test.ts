import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { type CheckRunContext, runCheck } from "../../lib/engine/run_check.ts";
import type { CheckOutcome } from "../../lib/engine/events.ts";
import type { Check } from "../../lib/lesson/types.ts";
import { DOCKER_PROBES, type DockerProbe } from "../../lib/probes/mod.ts";
import { LocalTarget } from "../../lib/target/local.ts";
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
  probes: DOCKER_PROBES,
});

describe("DOCKER_PROBES", () => {
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
    assert.deepEqual(Object.keys(DOCKER_PROBES).sort(), kinds.sort());
  });

  it("every runner rejects a target without the Engine API", async () => {
    const local = new LocalTarget();
    try {
      for (const [kind, runner] of Object.entries(DOCKER_PROBES)) {
        await assert.rejects(
          runner({ kind }, { target: local, captures: {}, timeoutMs: 1000 }),
          { message: `probe "${kind}" needs the docker target` },
        );
      }
    } finally {
      await local.close();
    }
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
      await assert.rejects(DOCKER_PROBES[kind]({ kind, [field]: 42 }, world.ctx()), {
        name: "TypeError",
        message: `Cannot run probe "${kind}": field "${field}" must be a non-empty string, got 42`,
      });
    }
  });
});

describe("runCheck() with DOCKER_PROBES", () => {
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

  it("scores a failing probe zero with its message, and a broken target as an error", async () => {
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
    const local = new LocalTarget();
    try {
      const broken = await runCheck(attached, { ...ctx, target: local });
      assert.equal(broken.status, "error");
      assert.equal(broken.message, 'probe failed: probe "docker.attached" needs the docker target');
    } finally {
      await local.close();
    }
  });

  it("reports a probe that runs out of time as a timeout and removes its probe container", async () => {
    const check: Check = {
      id: "slow",
      title: "a slow lookup",
      hint: "",
      probe: { kind: "docker.resolves", name: world.other, network: world.net, resolves: false },
    };
    const outcome = await runCheck(check, context(new Map(), 1000));
    assert.equal(outcome.status, "timeout");
    assert.equal(outcome.message, "probe did not answer within 1000 ms");
    // runCheck stops waiting at the limit; the probe still removes its container right after.
    const until = Date.now() + 10_000;
    while ((await world.probeContainers()).length > 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
});
