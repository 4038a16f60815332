/**
 * The shared reads of a read-only run (EngineView) against the real engine: one list of each
 * kind and one inspect per existing name serve every reader, a name not listed is missing
 * without an inspect, and a fresh read (a retry) asks the engine again.
 */
import assert from "node:assert/strict";
import { after, before, describe } from "node:test";
import { connectDocker, type DockerClient } from "../../lib/docker/mod.ts";
import { EngineView } from "../../lib/probes/mod.ts";
import { itLeavingNoProbe, makeWorld, type World } from "./_world.ts";

let world: World;
before(async () => (world = await makeWorld()));
after(() => world?.remove());
const it = itLeavingNoProbe(() => world);

/** A client of its own whose list and inspect calls are counted. */
async function countingClient(): Promise<{ docker: DockerClient; calls: string[] }> {
  const docker = await connectDocker();
  const calls: string[] = [];
  for (const kind of ["containers", "networks"] as const) {
    const objects = docker[kind] as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const method of ["list", "inspect"]) {
      const original = objects[method].bind(objects);
      objects[method] = (...args: unknown[]) => {
        calls.push(`${kind}.${method}${method === "inspect" ? ` ${args[0]}` : ""}`);
        return original(...args);
      };
    }
  }
  return { docker, calls };
}

const signal = () => AbortSignal.timeout(20_000);

describe("EngineView", () => {
  it("reads a name once for every reader, and a name not listed not at all", async () => {
    const { docker, calls } = await countingClient();
    const view = new EngineView(docker);
    const found = await Promise.all([
      view.container(world.redis, signal()),
      view.container(world.redis, signal()),
      view.container(`${world.redis}-gone`, signal()),
      view.network(world.net, signal()),
      view.network(world.net, signal()),
      view.network(world.net.slice(0, -1), signal()),
    ]);
    assert.equal(found[0]?.Name, `/${world.redis}`);
    assert.equal(found[1], found[0]);
    assert.equal(found[2], undefined);
    assert.equal(found[3]?.Name, world.net);
    assert.equal(found[5], undefined, "a network's name is matched exactly, not as a prefix");
    assert.deepEqual(calls.sort(), [
      "containers.inspect " + world.redis,
      "containers.list",
      "networks.inspect " + world.net,
      "networks.list",
    ]);
    // By id (12 hex digits or more), as findContainer matches.
    const byId = await view.container(found[0]!.Id.slice(0, 12), signal());
    assert.equal(byId?.Id, found[0]!.Id);
  });

  it("reads afresh when asked (a retry), and shares what it read from then on", async () => {
    const { docker, calls } = await countingClient();
    const view = new EngineView(docker);
    const name = `${world.other}-later`;
    assert.equal(await view.container(name, signal()), undefined);
    await docker.containers.create({
      image: "alpine:latest",
      name,
      cmd: ["true"],
      labels: { "run-lesson.test": "1" },
    });
    try {
      // The shared answer is the first one until a fresh read replaces it.
      assert.equal(await view.container(name, signal()), undefined);
      assert.equal((await view.container(name, signal(), true))?.Name, `/${name}`);
      assert.equal((await view.container(name, signal()))?.Name, `/${name}`);
      assert.deepEqual(calls, [
        "containers.list",
        "containers.list",
        `containers.inspect ${name}`,
      ]);
    } finally {
      await docker.containers.remove(name, { force: true });
    }
  });
});
