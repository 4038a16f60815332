import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectDocker, type DockerClient } from "../../lib/docker/mod.ts";
import {
  ensureBusyboxImage,
  removeTestResources,
  startSleeper,
  TEST_FILTER,
  TEST_LABELS,
  uniqueName,
} from "./_fixtures.ts";

describe("DockerClient.networks", () => {
  let docker: DockerClient;
  const net = uniqueName("net");
  const netLonger = `${net}-longer`;
  const box = uniqueName("netbox");
  const peer = uniqueName("peer");
  let boxId = "";
  // A random /24 so parallel runs do not ask for the same pool.
  const octet = Math.floor(Math.random() * 250) + 2;
  const subnet = `10.231.${octet}.0/24`;

  before(async () => {
    docker = await connectDocker();
    await ensureBusyboxImage(docker);
    boxId = await startSleeper(docker, box);
  });

  after(async () => {
    await removeTestResources(docker, [box, peer, net, netLonger]);
  });

  it("create() makes a labelled bridge network with the given subnet", async () => {
    const id = await docker.networks.create({
      name: net,
      labels: TEST_LABELS,
      subnet,
      internal: true,
    });
    const info = await docker.networks.inspect(net);
    assert.equal(info.Id, id);
    assert.equal(info.Name, net);
    assert.equal(info.Driver, "bridge");
    assert.equal(info.Internal, true);
    assert.deepEqual(info.Labels, TEST_LABELS);
    assert.equal(info.IPAM.Config?.[0]?.Subnet, subnet);
  });

  it("list() matches names exactly although the engine matches substrings", async () => {
    await docker.networks.create({ name: netLonger, labels: TEST_LABELS });
    assert.deepEqual((await docker.networks.list({ name: net })).map((n) => n.Name), [net]);
    const labelled = (await docker.networks.list({ labels: [TEST_FILTER] })).map((n) => n.Name);
    assert.ok(labelled.includes(net) && labelled.includes(netLonger));
    assert.deepEqual(await docker.networks.list({ name: "run-lesson-test-no-such-net" }), []);
  });

  it("connect() with aliases makes the container reachable by them; disconnect() undoes it", async () => {
    await docker.networks.connect(net, box, { aliases: ["db", "primary-db"] });
    await startSleeper(docker, peer, { networks: [net] });
    const attached = (await docker.networks.inspect(net)).Containers ?? {};
    assert.equal(attached[boxId]?.Name, box);
    const ip = attached[boxId].IPv4Address.replace(/\/\d+$/, "");
    assert.ok(ip.startsWith(`10.231.${octet}.`), ip);
    const aliases = (await docker.containers.inspect(box)).NetworkSettings.Networks[net].Aliases ??
      [];
    assert.ok(aliases.includes("db") && aliases.includes("primary-db"), `aliases ${aliases}`);
    const lookup = await docker.exec(peer, ["nslookup", "primary-db"]);
    assert.equal(lookup.exitCode, 0, lookup.stdout + lookup.stderr);
    assert.match(lookup.stdout, new RegExp(`Address: ${ip.replaceAll(".", "\\.")}\\b`));

    await docker.networks.disconnect(net, box);
    assert.equal((await docker.networks.inspect(net)).Containers?.[boxId], undefined);
    await docker.networks.disconnect(net, peer, { force: true });
  });

  it("connect() of a missing container and remove() of a missing network say so", async () => {
    await assert.rejects(docker.networks.connect(net, "run-lesson-test-missing"), {
      message:
        `Cannot connect container "run-lesson-test-missing" to network "${net}": No such container: run-lesson-test-missing`,
      statusCode: 404,
    });
    await assert.rejects(docker.networks.remove("run-lesson-test-no-such-net"), {
      message:
        'Cannot remove network "run-lesson-test-no-such-net": network run-lesson-test-no-such-net not found',
      statusCode: 404,
    });
  });

  it("remove() removes", async () => {
    await docker.networks.remove(net);
    await docker.networks.remove(netLonger);
    assert.deepEqual(await docker.networks.list({ name: net }), []);
  });
});
