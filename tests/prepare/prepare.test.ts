import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { prepareImages } from "../../lib/prepare/prepare.ts";
import { docker, dockerOk } from "./_docker.ts";

const LESSON_IMAGES = [
  "alpine:latest",
  "redis:7-alpine",
  "postgres:16-alpine",
  "python:3.12-alpine",
];
// A registry on a closed loopback port: the pull fails at once and nothing leaves the machine.
const FALLBACK_REF = "127.0.0.1:9/run-lesson-test/alpine:pull-fallback";

describe("prepareImages()", () => {
  after(async () => {
    await docker(["image", "rm", FALLBACK_REF]);
  });

  it("prepareImages() provides every image of the networking lesson offline", async () => {
    const results = await prepareImages(LESSON_IMAGES, { offline: true });
    assert.deepEqual(results.map((r) => r.ref), LESSON_IMAGES);
    for (const result of results) {
      assert.ok(
        result.status === "present" || result.status === "built-stand-in",
        `${result.ref}: ${result.status} ${result.message ?? ""}`,
      );
      const labels = JSON.parse(
        await dockerOk(["image", "inspect", "--format", "{{json .Config.Labels}}", result.ref]),
      );
      assert.equal(labels["run-lesson.stand-in"], "true");
      assert.equal(labels["run-lesson.stand-in.for"], result.ref);
    }
  });

  it("prepareImages() a second time reports every image present in under 5 s", async () => {
    const lines: string[] = [];
    const started = performance.now();
    const results = await prepareImages(LESSON_IMAGES, {
      offline: false,
      onProgress: (line) => lines.push(line),
    });
    const seconds = (performance.now() - started) / 1000;
    assert.ok(seconds < 5, `took ${seconds.toFixed(1)} s`);
    assert.deepEqual(
      results.map((r) => ({ ...r, message: r.message?.replace(/revision \d+$/, "revision N") })),
      LESSON_IMAGES.map((ref) => ({
        ref,
        status: "present",
        message: "offline stand-in, revision N",
      })),
    );
    assert.deepEqual(
      lines.map((line) => line.replace(/\(\d+\.\d s\)$/, "(N s)")),
      LESSON_IMAGES.map((ref) => `${ref}: present (N s)`),
    );
  });

  it("prepareImages() adds :latest to a reference without a tag", async () => {
    const [result] = await prepareImages(["alpine"], { offline: true });
    assert.equal(result.ref, "alpine:latest");
    assert.equal(result.status, "present");
  });

  it("prepareImages() fails, as a value, for a reference without a recipe offline", async () => {
    const results = await prepareImages(["run-lesson-test/no-recipe:1"], { offline: true });
    assert.deepEqual(results, [{
      ref: "run-lesson-test/no-recipe:1",
      status: "failed",
      message:
        'Cannot provide image "run-lesson-test/no-recipe:1": no stand-in recipe in lib/prepare/images/stand-ins.txt (offline)',
    }]);
  });

  it("prepareImages() says why a pull failed when no registry is reachable and there is no recipe", async () => {
    const [result] = await prepareImages(["127.0.0.1:9/run-lesson-test/no-recipe:1"], {
      offline: false,
    });
    assert.equal(result.status, "failed");
    assert.match(
      result.message ?? "",
      /^Cannot provide image "127\.0\.0\.1:9\/run-lesson-test\/no-recipe:1": no stand-in recipe in lib\/prepare\/images\/stand-ins\.txt \(no registry is reachable: .+\)$/,
    );
  });

  it("prepareImages() falls through to the stand-in when a pull finds no registry", async () => {
    const lines: string[] = [];
    const results = await prepareImages([FALLBACK_REF], {
      offline: false,
      recipes: [{ ref: FALLBACK_REF, script: "alpine.sh" }],
      labels: { "run-lesson.test": "1" },
      onProgress: (line) => lines.push(line),
    });
    assert.equal(results[0].status, "built-stand-in", results[0].message);
    assert.match(
      results[0].message ?? "",
      /^built from Debian packages by lib\/prepare\/images\/alpine\.sh \(no registry is reachable: .+\)$/,
    );
    assert.equal(lines[0], `${FALLBACK_REF}: pulling`);
    assert.match(
      lines[1],
      /^127\.0\.0\.1:9\/run-lesson-test\/alpine:pull-fallback: built stand-in \(\d+\.\d s\)$/,
    );
    const labels = JSON.parse(
      await dockerOk(["image", "inspect", "--format", "{{json .Config.Labels}}", FALLBACK_REF]),
    );
    assert.equal(labels["run-lesson.test"], "1");
    assert.equal(labels["run-lesson.stand-in.for"], FALLBACK_REF);
    const run = await docker([
      "run",
      "--rm",
      "--label",
      "run-lesson.test=1",
      FALLBACK_REF,
      "sh",
      "-c",
      "echo ok",
    ]);
    assert.deepEqual([run.code, run.stdout], [0, "ok\n"]);
  });

  it("prepareImages() fails, as a value, when a recipe's script is missing", async () => {
    const results = await prepareImages(["run-lesson-test/missing:1"], {
      offline: true,
      recipes: [{ ref: "run-lesson-test/missing:1", script: "missing.sh" }],
    });
    assert.deepEqual(results, [{
      ref: "run-lesson-test/missing:1",
      status: "failed",
      message: 'Cannot read stand-in script "lib/prepare/images/missing.sh": ENOENT',
    }]);
  });

  it("prepareImages() fails, as a value, when no engine answers on the socket", async () => {
    const results = await prepareImages(["alpine:latest"], {
      offline: true,
      socketPath: "/tmp/run-lesson-test-no-engine.sock",
    });
    assert.equal(results.length, 1);
    assert.equal(results[0].status, "failed");
    assert.match(
      results[0].message ?? "",
      /^Cannot connect to Docker at "\/tmp\/run-lesson-test-no-engine\.sock": .+: start dockerd \(bash runner\/setup\/setup-engine\.sh\) or set DOCKER_HOST$/,
    );
  });
});
