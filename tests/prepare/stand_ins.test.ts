import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isRegistryUnreachable } from "../../lib/prepare/_pull.ts";
import { loadStandIns, parseRevision, parseStandIns } from "../../lib/prepare/_stand_ins.ts";

describe("parseStandIns()", () => {
  it("parseStandIns() reads REF SCRIPT lines and skips comments and blank lines", () => {
    const text =
      "# header\n\nalpine   alpine.sh\ndocker.io/library/redis:7-alpine redis.sh  # trailing\n";
    assert.deepEqual(parseStandIns(text), [
      { ref: "alpine:latest", script: "alpine.sh" },
      { ref: "redis:7-alpine", script: "redis.sh" },
    ]);
  });

  const bad: Array<[string, string]> = [
    ["alpine", 'Cannot parse stand-in table line 1 "alpine": expected "REF SCRIPT.sh"'],
    [
      "# x\nalpine a.sh extra",
      'Cannot parse stand-in table line 2 "alpine a.sh extra": expected "REF SCRIPT.sh"',
    ],
    [
      "alpine ../a.sh",
      'Cannot parse stand-in table line 1 "alpine ../a.sh": expected "REF SCRIPT.sh"',
    ],
    ["alpine a.py", 'Cannot parse stand-in table line 1 "alpine a.py": expected "REF SCRIPT.sh"'],
    [
      "Alpine a.sh",
      'Cannot parse stand-in table line 1 "Alpine a.sh": Cannot parse image reference "Alpine": "Alpine" is not a repository name part',
    ],
  ];
  for (const [text, message] of bad) {
    it(`parseStandIns() rejects ${JSON.stringify(text)}`, () => {
      assert.throws(() => parseStandIns(text), { name: "SyntaxError", message });
    });
  }

  it("parseStandIns() reads the shipped table: the four images of the networking lesson", async () => {
    assert.deepEqual(await loadStandIns(), [
      { ref: "alpine:latest", script: "alpine.sh" },
      { ref: "redis:7-alpine", script: "redis.sh" },
      { ref: "postgres:16-alpine", script: "postgres.sh" },
      { ref: "python:3.12-alpine", script: "python.sh" },
    ]);
  });
});

describe("parseRevision()", () => {
  const cases: Array<[string, string | undefined]> = [
    ["#!/bin/bash\nset -e\nrevision=3\nref=x\n", "3"],
    ["revision=12  \n", "12"],
    ["# revision=3\n", undefined],
    ["  revision=3\n", undefined],
    ["echo hi\n", undefined],
  ];
  for (const [text, expected] of cases) {
    it(`parseRevision() reads ${JSON.stringify(text)} as ${expected}`, () => {
      assert.equal(parseRevision(text), expected);
    });
  }
});

describe("isRegistryUnreachable()", () => {
  const cases: Array<[string, boolean]> = [
    [
      'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host',
      true,
    ],
    ['Get "https://registry-1.docker.io/v2/": net/http: TLS handshake timeout', true],
    ["dial tcp 1.2.3.4:443: connect: network is unreachable", true],
    ["manifest for alpine:nope not found: manifest unknown: manifest unknown", false],
    ["pull access denied for nope, repository does not exist or may require 'docker login'", false],
    ["toomanyrequests: You have reached your pull rate limit.", false],
  ];
  for (const [message, expected] of cases) {
    it(`isRegistryUnreachable() says ${expected} for ${JSON.stringify(message.slice(0, 40))}`, () => {
      assert.equal(isRegistryUnreachable(message), expected);
    });
  }
});
