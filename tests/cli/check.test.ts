import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectDocker } from "../../lib/docker/mod.ts";
import { removeResources } from "../../lib/target/docker_resources.ts";
import { cli } from "../_cli.ts";

const LESSON = "tests/fixtures/lessons/docker-small";

/**
 * What a check could change on the engine, by id: the lesson's containers (with their state and
 * networks), networks and volumes, any probe container on its network, and the images the
 * lesson uses. Other test files run beside this one on the same engine, so their resources are
 * left out.
 */
async function engineState(): Promise<string[]> {
  const docker = await connectDocker();
  const lesson = [`run-lesson.lesson=${LESSON}`];
  const containers = [
    ...(await docker.containers.list({ labels: lesson })),
    ...(await docker.containers.list({ labels: ["run-lesson.probe"] })),
  ];
  const images = await Promise.all(
    ["alpine:latest"].map((ref) => docker.images.inspect(ref).then((i) => i.Id, () => "none")),
  );
  const inspected = await Promise.all(
    containers.map((c) => docker.containers.inspect(c.Id).catch(() => undefined)),
  );
  return [
    // Probe containers of other runs come and go: only those on the lesson's network count.
    ...inspected.filter((c) =>
      c !== undefined &&
      (c.Config.Labels?.["run-lesson.lesson"] === LESSON ||
        Object.hasOwn(c.NetworkSettings.Networks, "rl-small-net"))
    ).map((c) =>
      `container ${c!.Id} ${c!.State.Status} ${Object.keys(c!.NetworkSettings.Networks).sort()}`
    ),
    ...(await docker.networks.list({ labels: lesson })).map((n) => `network ${n.Id}`),
    ...(await docker.volumes.list({ labels: lesson })).map((v) => `volume ${v.Name}`),
    ...images.map((id) => `image ${id}`),
  ].sort();
}

describe("run-lesson check", () => {
  it("scores the learner's state, shows hints for what fails, and changes nothing", async () => {
    const docker = await connectDocker();
    try {
      const made = await cli("run", LESSON, "--offline", "--only", "make", "--keep");
      assert.equal(made.code, 0, made.out + made.err);

      const before = await engineState();
      const good = await cli("check", LESSON);
      assert.equal(good.code, 0, good.out + good.err);
      assert.match(good.out, /✔ rl-small-box runs on rl-small-net 1\/1\n/);
      assert.match(good.out, /score 1\/1\n1 passed, 0 failed\n$/);
      assert.deepEqual(await engineState(), before);

      await docker.networks.disconnect("rl-small-net", "rl-small-box", { force: true });
      const bad = await cli("check", LESSON);
      assert.equal(bad.code, 1);
      assert.match(
        bad.out,
        /✖ rl-small-box runs on rl-small-net 0\/1: container "rl-small-box" is attached to no network, not to rl-small-net\n {4}hint: Start it\.\n/,
      );
      assert.match(bad.out, /score 0\/1\n0 passed, 1 failed\n$/);
    } finally {
      await removeResources(docker, { lesson: LESSON });
      await docker.volumes.remove("rl-small-data").catch(() => {});
    }
  });
});
