import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { connectDocker, type DockerClient } from "../../lib/docker/mod.ts";
import { volumeProbe } from "../../lib/probes/mod.ts";
import type { ProbeContext } from "../../lib/engine/run_check.ts";
import type { DockerTarget } from "../../lib/target/docker_target.ts";
import { dockerTarget, TEST_LABELS } from "./_world.ts";

let docker: DockerClient;
let target: DockerTarget;
const volume = `rl-probe-test-vol-${randomBytes(4).toString("hex")}`;
const ctx = (): ProbeContext => ({ target, captures: {}, timeoutMs: 10_000 });

before(async () => {
  docker = await connectDocker();
  target = dockerTarget(docker, volume);
  await docker.volumes.create({ name: volume, labels: TEST_LABELS });
});
after(async () => {
  await docker?.volumes.remove(volume, { force: true }).catch(() => {});
  await target?.close();
});

describe("volumeProbe()", () => {
  it("passes for an existing volume", async () => {
    const r = await volumeProbe({ docker })({ kind: "docker.volume", volume }, ctx());
    assert.deepEqual(r, { ok: true, evidence: `volume "${volume}": driver local, scope local` });
  });

  it("passes for exists: false when there is none", async () => {
    const r = await volumeProbe({ docker })(
      { kind: "docker.volume", volume: `${volume}-gone`, exists: false },
      ctx(),
    );
    assert.deepEqual(r, { ok: true, evidence: `no volume named "${volume}-gone"` });
  });

  it("fails for a missing volume and for one that should be gone", async () => {
    const missing = await volumeProbe({ docker })({
      kind: "docker.volume",
      volume: `${volume}-gone`,
    }, ctx());
    assert.equal(missing.ok, false);
    assert.equal(missing.message, `no volume named "${volume}-gone"`);
    const still = await volumeProbe({ docker })(
      { kind: "docker.volume", volume, exists: false },
      ctx(),
    );
    assert.equal(still.ok, false);
    assert.equal(still.message, `volume "${volume}" still exists`);
  });
});
