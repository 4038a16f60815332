import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectDocker, type DockerClient } from "../../lib/docker/mod.ts";
import { removeResources, RUN_LABEL } from "../../lib/target/docker_resources.ts";
import {
  BUSYBOX_IMAGE,
  ensureBusyboxImage,
  removeTestResources,
  TEST_LABELS,
  uniqueName,
} from "./_fixtures.ts";

describe("removeResources", () => {
  let docker: DockerClient;
  const runId = `resources-test-${Math.random().toString(16).slice(2, 10)}`;
  const labels = { ...TEST_LABELS, [RUN_LABEL]: runId };
  const box = uniqueName("resbox");
  const net = uniqueName("resnet");
  const vol = uniqueName("resvol");

  before(async () => {
    docker = await connectDocker();
    await ensureBusyboxImage(docker);
    await docker.networks.create({ name: net, labels, internal: true });
    await docker.volumes.create({ name: vol, labels });
    await docker.containers.create({ image: BUSYBOX_IMAGE, name: box, cmd: ["true"], labels });
  });

  after(async () => {
    await removeTestResources(docker, [box, net, vol]);
  });

  it("containersOnly removes the run's containers and leaves its other resources", async () => {
    const report = await removeResources(docker, { run: runId }, { containersOnly: true });
    assert.deepEqual(report.containers, [box]);
    assert.deepEqual([report.networks, report.volumes, report.images, report.errors], [
      [],
      [],
      [],
      [],
    ]);
    const nets = await docker.networks.list({ labels: [`${RUN_LABEL}=${runId}`] });
    assert.deepEqual(nets.map((n) => n.Name), [net]);
  });

  it("by default removes the networks and volumes too", async () => {
    const report = await removeResources(docker, { run: runId });
    assert.deepEqual(report.containers, []);
    assert.deepEqual(report.networks, [net]);
    assert.deepEqual(report.volumes, [vol]);
    assert.deepEqual(report.errors, []);
  });
});
