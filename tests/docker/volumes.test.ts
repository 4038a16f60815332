import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectDocker, type DockerClient } from "../../lib/docker/mod.ts";
import {
  BUSYBOX_IMAGE,
  ensureBusyboxImage,
  removeTestResources,
  TEST_FILTER,
  TEST_LABELS,
  uniqueName,
} from "./_fixtures.ts";

describe("DockerClient.volumes", () => {
  let docker: DockerClient;
  const vol = uniqueName("vol");
  const writer = uniqueName("writer");

  before(async () => {
    docker = await connectDocker();
    await ensureBusyboxImage(docker);
  });

  after(async () => {
    await removeTestResources(docker, [writer, vol]);
  });

  it("create() and inspect() agree; list() finds it by label and name", async () => {
    const created = await docker.volumes.create({
      name: vol,
      labels: { ...TEST_LABELS, purpose: "test" },
    });
    assert.equal(created.Name, vol);
    const info = await docker.volumes.inspect(vol);
    assert.deepEqual([info.Name, info.Driver, info.Labels], [vol, "local", {
      ...TEST_LABELS,
      purpose: "test",
    }]);
    assert.ok((await docker.volumes.list({ labels: [TEST_FILTER] })).some((v) => v.Name === vol));
    assert.deepEqual((await docker.volumes.list({ name: vol })).map((v) => v.Name), [vol]);
    assert.deepEqual(await docker.volumes.list({ labels: ["purpose=none"], name: vol }), []);
  });

  it("keeps data written by one container", async () => {
    const id = await docker.containers.create({
      image: BUSYBOX_IMAGE,
      name: writer,
      cmd: ["sh", "-c", "echo kept > /v/file"],
      binds: [`${vol}:/v`],
      labels: TEST_LABELS,
    });
    await docker.containers.start(id);
    assert.deepEqual(await docker.containers.wait(id), { exitCode: 0 });
    await assert.rejects(docker.volumes.remove(vol), {
      message: new RegExp(
        `^Cannot remove volume "${vol}": remove ${vol}: volume is in use - \\[${id}\\]$`,
      ),
      statusCode: 409,
    });
    await docker.containers.remove(id);
  });

  it("remove() removes; inspect() then says it is gone", async () => {
    await docker.volumes.remove(vol);
    await assert.rejects(docker.volumes.inspect(vol), {
      message: `Cannot inspect volume "${vol}": get ${vol}: no such volume`,
      statusCode: 404,
    });
  });
});
