/**
 * Preparation over SSH prepares the remote engine: a Docker-in-Docker student host (its own
 * engine, empty, behind its own sshd) runs a docker lesson with `--target ssh://… --offline`.
 * The image the lesson needs is built as a stand-in here and must arrive on the remote engine,
 * and so must the lesson's own offline build, whose context has a subfolder. The local engine
 * is left as it was.
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { cli } from "../_cli.ts";
import { type SimulatedClass, startClass } from "../grade/_class.ts";
import { docker, dockerOk } from "./_docker.ts";

const LESSON = "tests/prepare/remote_lesson";
const BUILT = "run-lesson-test/nested-context:1";
const LABELS =
  `{{index .Config.Labels "run-lesson.stand-in"}} {{index .Config.Labels "run-lesson.stand-in.for"}}`;

/** The local engine's id of an image, or "" when it has none. */
async function localImageId(ref: string): Promise<string> {
  const r = await docker(["image", "inspect", "--format", "{{.Id}}", ref]);
  return r.code === 0 ? r.stdout.trim() : "";
}

describe("preparing images over --target ssh://", { timeout: 600_000 }, () => {
  let klass: SimulatedClass;
  let knownHosts: string;

  before(async () => {
    klass = await startClass([{ id: "remote", images: [] }]);
    const host = klass.machines.get("remote")!;
    knownHosts = join(klass.dir, "known_hosts");
    await writeFile(knownHosts, `[127.0.0.1]:${host.port} ${host.hostKey}\n`);
  });

  after(async () => {
    await klass?.stop();
  });

  it("builds the missing image and the offline build on the remote engine, not the local one", async () => {
    const host = klass.machines.get("remote")!;
    const remoteImages = () =>
      klass.sh("remote", "docker image ls --format '{{.Repository}}:{{.Tag}}'");
    assert.equal((await remoteImages()).trim(), "", "the remote engine starts with no images");
    const localAlpine = await localImageId("alpine:latest");

    const started = performance.now();
    const r = await cli(
      "run",
      LESSON,
      "--offline",
      "--target",
      `ssh://root@127.0.0.1:${host.port}`,
      "--identity",
      klass.keyPath,
      "--known-hosts",
      knownHosts,
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.err, /^run-lesson: preparing 1 image\(s\): alpine:latest$/m);
    assert.match(r.err, /^ {2}alpine:latest: built stand-in \(\d+\.\d s\)$/m);
    assert.match(
      r.err,
      /^run-lesson: built run-lesson-test\/nested-context:1 offline from context\/Dockerfile\.offline \(\d+\.\d s\)$/m,
    );
    assert.match(r.out, /\n1 passed, 0 failed\n$/);

    // On the remote engine, as the lesson's own commands saw: the stand-in and the build.
    const labels = await klass.sh(
      "remote",
      `docker image inspect --format '${LABELS}' alpine:latest`,
    );
    assert.equal(labels.trim(), "true alpine:latest");
    const copied = await klass.sh("remote", `docker run --rm ${BUILT} cat /sub/deep/file.txt`);
    assert.equal(copied, "from a subfolder of the build context\n");
    // The run removed what it made there; the images stay.
    assert.equal((await klass.sh("remote", "docker ps -aq")).trim(), "");
    assert.deepEqual(
      (await remoteImages()).trim().split("\n").sort(),
      ["alpine:latest", BUILT],
    );

    // The local engine was not the one prepared (its own stand-in is the same image).
    assert.equal(await localImageId("alpine:latest"), localAlpine);
    console.log(`# remote preparation and run took ${seconds} s`);
  });

  it("prepare again finds both images present on the remote engine", async () => {
    const host = klass.machines.get("remote")!;
    const r = await cli(
      "run",
      LESSON,
      "--offline",
      "--target",
      `ssh://root@127.0.0.1:${host.port}`,
      "--identity",
      klass.keyPath,
      "--known-hosts",
      knownHosts,
    );
    assert.equal(r.code, 0, r.out + r.err);
    assert.doesNotMatch(r.err, /preparing/);
    assert.ok(await dockerOk(["image", "inspect", "--format", "{{.Id}}", "alpine:latest"]));
  });
});
