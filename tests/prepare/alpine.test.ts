import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { prepareImages } from "../../lib/prepare/prepare.ts";
import { docker, dockerOk, Scope, TEST_LABEL } from "./_docker.ts";

// The lesson's DNS steps, on the stand-in alpine:latest and redis:7-alpine.
describe("alpine:latest stand-in", () => {
  const scope = new Scope();
  let net = "";
  let other = "";
  let redis = "";
  let redisIp = "";

  const inAlpine = (network: string, cmd: string[]) =>
    docker(["run", "--rm", "--label", TEST_LABEL, "--network", network, "alpine:latest", ...cmd]);

  before(async () => {
    const results = await prepareImages(["alpine:latest", "redis:7-alpine"], { offline: true });
    for (const r of results) assert.notEqual(r.status, "failed", r.message);
    net = await scope.network("ai-net");
    other = await scope.network("other-net");
    redis = scope.container("redis");
    await dockerOk([
      "run",
      "-d",
      "--label",
      TEST_LABEL,
      "--name",
      redis,
      "--network",
      net,
      "--network-alias",
      "cache",
      "redis:7-alpine",
    ]);
    redisIp = (await dockerOk([
      "inspect",
      "--format",
      `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`,
      redis,
    ])).trim();
  });

  after(() => scope.cleanup());

  it("alpine:latest pings another container by name on a user-defined network", async () => {
    const run = await inAlpine(net, ["ping", "-c", "1", redis]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split("\n");
    assert.equal(lines[0], `PING ${redis} (${redisIp}): 56 data bytes`);
    assert.match(
      lines[1],
      new RegExp(
        `^64 bytes from ${redisIp.replaceAll(".", "\\.")}: seq=0 ttl=64 time=\\d+\\.\\d+ ms$`,
      ),
    );
  });

  it("alpine:latest resolves a network alias", async () => {
    const run = await inAlpine(net, ["ping", "-c", "1", "cache"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.split("\n")[0], `PING cache (${redisIp}): 56 data bytes`);
  });

  it("alpine:latest nslookup answers with the container's address", async () => {
    const run = await inAlpine(net, ["nslookup", redis]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      new RegExp(`Name:\\s+${redis}\\nAddress: ${redisIp.replaceAll(".", "\\.")}\\n`),
    );
  });

  it("alpine:latest cannot resolve a container on another network", async () => {
    const run = await inAlpine(other, ["ping", "-c", "1", redis]);
    assert.deepEqual([run.code, run.stdout, run.stderr], [1, "", `ping: bad address '${redis}'\n`]);
  });

  it("alpine:latest carries redis-cli (what `apk add redis` installs), which gets PONG by name", async () => {
    const run = await inAlpine(net, ["redis-cli", "-h", redis, "ping"]);
    assert.deepEqual([run.code, run.stdout, run.stderr], [0, "PONG\n", ""]);
  });

  it("alpine:latest has no apk, so an install from the internet cannot pass by accident", async () => {
    const run = await inAlpine("none", ["sh", "-c", "command -v apk"]);
    assert.notEqual(run.code, 0);
    assert.equal(run.stdout, "");
  });

  it("alpine:latest keeps a container alive with `sleep infinity` and runs wget and curl", async () => {
    const name = scope.container("sleeper");
    await dockerOk([
      "run",
      "-d",
      "--label",
      TEST_LABEL,
      "--name",
      name,
      "--network",
      net,
      "alpine:latest",
      "sleep",
      "infinity",
    ]);
    const state = await dockerOk(["inspect", "--format", "{{.State.Running}}", name]);
    assert.equal(state, "true\n");
    const tools = await docker(["exec", name, "which", "wget", "curl", "sleep", "nslookup"]);
    assert.deepEqual([tools.code, tools.stdout], [
      0,
      "/usr/bin/wget\n/usr/bin/curl\n/bin/sleep\n/usr/bin/nslookup\n",
    ]);
  });
});
