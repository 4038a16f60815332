/**
 * What a run prepares on the local engine before its first step: the lesson's images (present
 * already: nothing to say) and its offline builds, whose whole context reaches the builder.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectDocker, type DockerClient } from "../../lib/docker/mod.ts";
import { loadLesson } from "../../lib/lesson/load.ts";
import type { Lesson } from "../../lib/lesson/types.ts";
import { ensureImages, ensureOfflineBuilds } from "../../lib/prepare/ensure_images.ts";
import { docker as cli, dockerOk, TEST_LABEL } from "./_docker.ts";

const BUILT = "run-lesson-test/nested-context:1";

describe("ensureImages() and ensureOfflineBuilds()", () => {
  let docker: DockerClient;
  let lesson: Lesson;

  before(async () => {
    docker = await connectDocker();
    lesson = await loadLesson("tests/prepare/remote_lesson");
  });

  after(async () => {
    await cli(["image", "rm", BUILT]);
  });

  it("ensureImages() says nothing when every image is present", async () => {
    const lines: string[] = [];
    await ensureImages(docker, lesson, true, (line) => lines.push(line));
    assert.deepEqual(lines, []);
  });

  it("ensureOfflineBuilds() sends the whole context: a file in a subfolder reaches the build", async () => {
    const lines: string[] = [];
    await ensureOfflineBuilds(docker, lesson, (line) => lines.push(line));
    assert.equal(lines.length, 1);
    assert.match(
      lines[0],
      /^run-lesson: built run-lesson-test\/nested-context:1 offline from context\/Dockerfile\.offline \(\d+\.\d s\)$/,
    );
    const copied = await dockerOk([
      "run",
      "--rm",
      "--label",
      TEST_LABEL,
      BUILT,
      "cat",
      "/sub/deep/file.txt",
    ]);
    assert.equal(copied, "from a subfolder of the build context\n");
    const labels = JSON.parse(
      await dockerOk(["image", "inspect", "--format", "{{json .Config.Labels}}", BUILT]),
    );
    assert.equal(labels["run-lesson.stand-in"], "true");
    assert.equal(labels["run-lesson.stand-in.for"], BUILT);
  });

  it("a build that takes the tag of another removes the image it replaced (no <none> left)", async () => {
    const first = (await dockerOk(["image", "inspect", "--format", "{{.Id}}", BUILT])).trim();
    // Another lesson's build of the same reference, from another recipe.
    const dir = mkdtempSync(join(tmpdir(), "rl-replaced-"));
    try {
      writeFileSync(join(dir, "Dockerfile.offline"), "FROM alpine:latest\nLABEL variant=second\n");
      const other: Lesson = {
        ...lesson,
        dir,
        index: {
          ...lesson.index,
          builds: [{ image: BUILT, context: ".", offlineDockerfile: "Dockerfile.offline" }],
        },
      };
      await ensureOfflineBuilds(docker, other, () => {});
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const second = (await dockerOk(["image", "inspect", "--format", "{{.Id}}", BUILT])).trim();
    assert.notEqual(second, first);
    assert.notEqual((await cli(["image", "inspect", first])).code, 0, "the replaced image is left");
    const dangling = await dockerOk([
      "image",
      "ls",
      "-q",
      "--filter",
      "dangling=true",
      "--filter",
      `label=run-lesson.stand-in.for=${BUILT}`,
    ]);
    assert.equal(dangling.trim(), "");
  });
});
