import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  canonicalImageRef,
  familiarImageRef,
  parseImageRef,
  sameImageRef,
} from "../../../lib/docker/image_ref.ts";

describe("parseImageRef()", () => {
  const cases: Array<[string, object]> = [
    ["redis", { registry: "docker.io", repository: "library/redis", written: "redis" }],
    [
      "redis:7-alpine",
      { registry: "docker.io", repository: "library/redis", tag: "7-alpine", written: "redis" },
    ],
    [
      "docker.io/library/redis:latest",
      {
        registry: "docker.io",
        repository: "library/redis",
        tag: "latest",
        written: "docker.io/library/redis",
      },
    ],
    ["bitnami/redis", {
      registry: "docker.io",
      repository: "bitnami/redis",
      written: "bitnami/redis",
    }],
    [
      "index.docker.io/redis",
      { registry: "docker.io", repository: "library/redis", written: "index.docker.io/redis" },
    ],
    [
      "localhost:5000/app:v2",
      { registry: "localhost:5000", repository: "app", tag: "v2", written: "localhost:5000/app" },
    ],
    ["localhost/app", { registry: "localhost", repository: "app", written: "localhost/app" }],
    [
      "ghcr.io/a/b@sha256:abc",
      { registry: "ghcr.io", repository: "a/b", digest: "sha256:abc", written: "ghcr.io/a/b" },
    ],
    [
      "app:v1@sha256:0123",
      {
        registry: "docker.io",
        repository: "library/app",
        tag: "v1",
        digest: "sha256:0123",
        written: "app",
      },
    ],
    [
      "127.0.0.1:9/run-lesson-test/alpine:pull-fallback",
      {
        registry: "127.0.0.1:9",
        repository: "run-lesson-test/alpine",
        tag: "pull-fallback",
        written: "127.0.0.1:9/run-lesson-test/alpine",
      },
    ],
  ];
  for (const [ref, expected] of cases) {
    it(`parses "${ref}"`, () => assert.deepEqual(parseImageRef(ref), expected));
  }

  const refused: Array<[string, string]> = [
    ["", "no name"],
    ["redis:", "empty tag"],
    ["Redis", '"Redis" is not a repository name part'],
    ["redis:bad tag", '"bad tag" is not a tag'],
    ["redis@nope", '"nope" is not a digest'],
    ["a//b", '"" is not a repository name part'],
    [":7", "no name"],
  ];
  for (const [ref, why] of refused) {
    it(`refuses ${JSON.stringify(ref)}: ${why}`, () => {
      assert.throws(() => parseImageRef(ref), {
        name: "SyntaxError",
        message: `Cannot parse image reference ${JSON.stringify(ref)}: ${why}`,
      });
    });
  }
});

describe("familiarImageRef() and canonicalImageRef()", () => {
  const cases: Array<[string, string, string]> = [
    ["redis", "redis:latest", "docker.io/library/redis:latest"],
    ["docker.io/library/redis:latest", "redis:latest", "docker.io/library/redis:latest"],
    ["library/redis", "redis:latest", "docker.io/library/redis:latest"],
    ["redis:7-alpine", "redis:7-alpine", "docker.io/library/redis:7-alpine"],
    ["bitnami/redis", "bitnami/redis:latest", "docker.io/bitnami/redis:latest"],
    ["localhost:5000/app", "localhost:5000/app:latest", "localhost:5000/app:latest"],
    ["ghcr.io/a/b@sha256:abc", "ghcr.io/a/b@sha256:abc", "ghcr.io/a/b@sha256:abc"],
    ["app:v1@sha256:0123", "app:v1@sha256:0123", "docker.io/library/app:v1@sha256:0123"],
  ];
  for (const [ref, familiar, canonical] of cases) {
    it(`"${ref}" is "${familiar}", in full "${canonical}"`, () => {
      assert.equal(familiarImageRef(ref), familiar);
      assert.equal(canonicalImageRef(ref), canonical);
      assert.equal(familiarImageRef(canonical), familiar);
    });
  }
});

describe("sameImageRef()", () => {
  const cases: Array<[string, string, boolean]> = [
    ["redis", "docker.io/library/redis:latest", true],
    ["redis", "redis:latest", true],
    ["redis", "redis:7", false],
    ["bitnami/redis", "redis", false],
    ["localhost:5000/redis", "redis", false],
    ["alpine@sha256:abc", "alpine:latest", false],
  ];
  for (const [a, b, same] of cases) {
    it(`"${a}" and "${b}": ${same ? "same" : "different"}`, () => {
      assert.equal(sameImageRef(a, b), same);
    });
  }
});
