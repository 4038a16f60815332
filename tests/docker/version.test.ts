import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  compareApiVersions,
  connectDocker,
  negotiateApiVersion,
  NEWEST_API_VERSION,
} from "../../lib/docker/mod.ts";

describe("negotiateApiVersion()", () => {
  const picks: Array<[string, { ApiVersion?: string; MinAPIVersion?: string }, string]> = [
    [
      "the engine's version when older than ours",
      { ApiVersion: "1.41", MinAPIVersion: "1.12" },
      "1.41",
    ],
    ["ours when the engine is newer", { ApiVersion: "1.51", MinAPIVersion: "1.24" }, "1.47"],
    ["ours when equal", { ApiVersion: "1.47", MinAPIVersion: "1.24" }, "1.47"],
    ["ours for Docker 29 (minimum 1.44)", { ApiVersion: "1.52", MinAPIVersion: "1.44" }, "1.47"],
    [
      "numerically, not as text (1.100 > 1.47)",
      { ApiVersion: "1.100", MinAPIVersion: "1.24" },
      "1.47",
    ],
    ["without MinAPIVersion", { ApiVersion: "1.40" }, "1.40"],
  ];
  for (const [name, server, expected] of picks) {
    it(`picks ${name}`, () => {
      assert.equal(negotiateApiVersion(server), expected);
    });
  }

  const refusals: Array<[string, { ApiVersion?: string; MinAPIVersion?: string }, string]> = [
    [
      "an engine whose minimum is above ours",
      { ApiVersion: "1.60", MinAPIVersion: "1.50" },
      "Cannot negotiate a Docker API version: the engine speaks 1.50 to 1.60, this client 1.24 to 1.47",
    ],
    [
      "an engine older than 1.24",
      { ApiVersion: "1.23", MinAPIVersion: "1.12" },
      "Cannot negotiate a Docker API version: the engine speaks 1.12 to 1.23, this client 1.24 to 1.47",
    ],
    [
      "an engine without ApiVersion",
      {},
      'Cannot negotiate a Docker API version: the engine reported no usable ApiVersion ("")',
    ],
  ];
  for (const [name, server, message] of refusals) {
    it(`refuses ${name}`, () => {
      assert.throws(() => negotiateApiVersion(server), { name: "DockerError", message });
    });
  }
});

describe("compareApiVersions()", () => {
  const cases: Array<[string, string, number]> = [
    ["1.41", "1.47", -1],
    ["1.47", "1.41", 1],
    ["1.9", "1.41", -1],
    ["1.41", "1.41", 0],
    ["2.0", "1.99", 1],
  ];
  for (const [a, b, sign] of cases) {
    it(`compares ${a} with ${b}`, () => assert.equal(Math.sign(compareApiVersions(a, b)), sign));
  }
});

describe("connectDocker() against the real engine", () => {
  it("negotiates a version within [MinAPIVersion, ApiVersion] and at most ours", async () => {
    const docker = await connectDocker();
    const { ApiVersion, MinAPIVersion } = docker.engine;
    assert.ok(
      compareApiVersions(docker.apiVersion, MinAPIVersion) >= 0,
      `${docker.apiVersion} < ${MinAPIVersion}`,
    );
    assert.ok(
      compareApiVersions(docker.apiVersion, ApiVersion) <= 0,
      `${docker.apiVersion} > ${ApiVersion}`,
    );
    assert.ok(compareApiVersions(docker.apiVersion, NEWEST_API_VERSION) <= 0);
    assert.equal(docker.apiVersion, negotiateApiVersion(docker.engine));
  });
});
