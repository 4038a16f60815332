import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { connectDocker, type DockerClient } from "../../lib/docker/mod.ts";
import {
  BUSYBOX_IMAGE,
  ensureBusyboxImage,
  removeTestResources,
  TEST_FILTER,
  TEST_LABELS,
  uniqueName,
} from "./_fixtures.ts";

function httpGet(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port, path: "/hello.txt", agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve(body));
    }).on("error", reject);
  });
}

async function retry<T>(fn: () => Promise<T>, attempts = 20): Promise<T> {
  for (let i = 1;; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe("DockerClient.containers", () => {
  let docker: DockerClient;
  const web = uniqueName("web");
  const client = uniqueName("client");
  const job = uniqueName("job");
  const front = uniqueName("front");
  const back = uniqueName("back");
  const data = uniqueName("data");

  before(async () => {
    docker = await connectDocker();
    await ensureBusyboxImage(docker);
    for (const name of [front, back]) await docker.networks.create({ name, labels: TEST_LABELS });
    await docker.volumes.create({ name: data, labels: TEST_LABELS });
  });

  after(async () => {
    await removeTestResources(docker, [web, client, job, front, back, data]);
  });

  it("create() joins every network with its aliases, publishes ports and mounts volumes", async () => {
    const id = await docker.containers.create({
      image: BUSYBOX_IMAGE,
      name: web,
      cmd: ["sh", "-c", "echo served > /data/hello.txt && exec httpd -f -p 8080 -h /data"],
      env: { ROLE: "web" },
      labels: { ...TEST_LABELS, "run-lesson.role": "web" },
      networks: [{ name: front, aliases: ["www"] }, { name: back, aliases: ["api", "web-api"] }],
      ports: [{ containerPort: 8080, hostIp: "127.0.0.1" }],
      binds: [`${data}:/data`],
    });
    await docker.containers.start(id);
    const info = await docker.containers.inspect(web);
    assert.equal(info.Id, id);
    assert.equal(info.Name, `/${web}`);
    assert.equal(info.State.Running, true);
    assert.ok(info.Config.Env?.includes("ROLE=web"));
    assert.equal(info.Config.Labels?.["run-lesson.role"], "web");
    assert.deepEqual(Object.keys(info.NetworkSettings.Networks).sort(), [front, back].sort());
    assert.ok(info.NetworkSettings.Networks[front].Aliases?.includes("www"));
    assert.ok(info.NetworkSettings.Networks[back].Aliases?.includes("api"));
    assert.ok(info.NetworkSettings.Networks[back].Aliases?.includes("web-api"));
    assert.deepEqual(info.Mounts.map((m) => [m.Type, m.Name, m.Destination]), [[
      "volume",
      data,
      "/data",
    ]]);
    const binding = info.NetworkSettings.Ports?.["8080/tcp"]?.[0];
    assert.equal(binding?.HostIp, "127.0.0.1");
    assert.equal(await retry(() => httpGet(Number(binding?.HostPort))), "served\n");
  });

  it("aliases resolve by DNS on their own network only", async () => {
    const id = await docker.containers.create({
      image: BUSYBOX_IMAGE,
      name: client,
      cmd: ["sleep", "3600"],
      labels: TEST_LABELS,
      networks: [back],
    });
    await docker.containers.start(id);
    const api = await docker.exec(client, [
      "wget",
      "-q",
      "-O",
      "-",
      "http://web-api:8080/hello.txt",
    ]);
    assert.deepEqual([api.stdout, api.exitCode], ["served\n", 0]);
    const www = await docker.exec(client, ["nslookup", "www"]);
    assert.notEqual(www.exitCode, 0, "the front alias is not known on the back network");
  });

  it("logs() separates stdout and stderr; wait() reports the exit code", async () => {
    const id = await docker.containers.create({
      image: BUSYBOX_IMAGE,
      name: job,
      cmd: ["sh", "-c", "echo to-out; echo to-err >&2; exit 4"],
      labels: TEST_LABELS,
    });
    await docker.containers.start(id);
    assert.deepEqual(await docker.containers.wait(id), { exitCode: 4 });
    assert.deepEqual(await docker.containers.logs(job), { stdout: "to-out\n", stderr: "to-err\n" });
    assert.deepEqual(await docker.containers.logs(job, { tail: 0 }), { stdout: "", stderr: "" });
  });

  it("list() filters by label and finds stopped containers", async () => {
    const names = (await docker.containers.list({ labels: [TEST_FILTER] })).flatMap((c) => c.Names);
    for (const name of [web, job]) assert.ok(names.includes(`/${name}`), `${name} in ${names}`);
    const running = (await docker.containers.list({ labels: [TEST_FILTER], all: false })).flatMap((
      c,
    ) => c.Names);
    assert.ok(!running.includes(`/${job}`));
    const byRole = await docker.containers.list({ labels: ["run-lesson.role=web"] });
    assert.deepEqual(byRole.map((c) => c.Names[0]), [`/${web}`]);
  });

  it("stop() stops, a second stop() is not an error, remove() removes", async () => {
    await docker.containers.stop(web, { timeSeconds: 1 });
    await docker.containers.stop(web, { timeSeconds: 1 });
    assert.equal((await docker.containers.inspect(web)).State.Running, false);
    await docker.containers.remove(web);
    await assert.rejects(docker.containers.inspect(web), {
      name: "DockerError",
      message: `Cannot inspect container "${web}": No such container: ${web}`,
      statusCode: 404,
    });
  });

  it("reports engine errors with the action and the name", async () => {
    await assert.rejects(docker.containers.start("run-lesson-test-missing"), {
      message:
        'Cannot start container "run-lesson-test-missing": No such container: run-lesson-test-missing',
    });
    await assert.rejects(
      docker.containers.create({ image: "run-lesson-test/none:1", name: uniqueName("x") }),
      {
        message:
          /^Cannot create container "run-lesson-test-x-[0-9a-f]{8}": No such image: run-lesson-test\/none:1$/,
        statusCode: 404,
      },
    );
    await assert.rejects(docker.containers.remove(client), {
      message: new RegExp(
        `^Cannot remove container "${client}": You cannot remove a running container [0-9a-f]{64}\\. Stop the container before attempting removal or force remove$`,
      ),
      statusCode: 409,
    });
  });

  it("create() removes the container again when a later network cannot be joined", async () => {
    const name = uniqueName("half");
    await assert.rejects(
      docker.containers.create({
        image: BUSYBOX_IMAGE,
        name,
        labels: TEST_LABELS,
        networks: [front, "host"],
      }),
      {
        message:
          `Cannot create container "${name}": network "host": container cannot be disconnected from host network or connected to host network`,
        statusCode: 400,
      },
    );
    assert.deepEqual(await docker.containers.list({ name }), []);
  });
});
