import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import {
  connectDocker,
  createTar,
  type DockerClient,
  DockerError,
  type ProgressEvent,
  splitReference,
} from "../../lib/docker/mod.ts";
import {
  BUSYBOX_IMAGE,
  busyboxRootfs,
  ensureBusyboxImage,
  removeTestResources,
  TEST_FILTER,
  TEST_LABELS,
  uniqueName,
} from "./_fixtures.ts";

describe("splitReference()", () => {
  const cases: Array<[string, { name: string; tag: string }]> = [
    ["busybox:1.36", { name: "busybox", tag: "1.36" }],
    ["localhost:5000/app:v2", { name: "localhost:5000/app", tag: "v2" }],
    ["app@sha256:abc", { name: "app", tag: "sha256:abc" }],
  ];
  for (const [ref, expected] of cases) {
    it(`splits "${ref}"`, () => assert.deepEqual(splitReference(ref), expected));
  }
  const refused: Array<[string, string]> = [
    [
      "busybox",
      'Cannot pull image "busybox": the reference has no tag and would pull every tag: add one, e.g. "busybox:latest"',
    ],
    [
      "localhost:5000/app",
      'Cannot pull image "localhost:5000/app": the reference has no tag and would pull every tag: add one, e.g. "localhost:5000/app:latest"',
    ],
    [
      "busybox:",
      'Cannot pull image "busybox:": the reference has no tag and would pull every tag: add one, e.g. "busybox:latest"',
    ],
  ];
  for (const [ref, message] of refused) {
    it(`refuses "${ref}"`, () =>
      assert.throws(() => splitReference(ref), { name: "DockerError", message }));
  }
});

describe("DockerClient.images", () => {
  let docker: DockerClient;
  const repo = `run-lesson-test/${uniqueName("img")}`;
  const built = `${repo}:built`;
  const streamed = `${repo}:streamed`;
  const imported = `${repo}:imported`;
  const retagged = `${repo}:retagged`;
  const runner = uniqueName("img-run");

  before(async () => {
    docker = await connectDocker();
    await ensureBusyboxImage(docker);
  });

  after(async () => {
    await removeTestResources(docker, [runner]);
    for (const ref of [built, streamed, imported, retagged]) {
      await docker.images.remove(ref, { force: true }).catch(() => {});
    }
  });

  it("build() builds from a tar context with build args and labels, reporting progress", async () => {
    const context = createTar([
      {
        name: "Dockerfile",
        content:
          `FROM ${BUSYBOX_IMAGE}\nARG GREETING\nCOPY greet.sh /greet.sh\nRUN echo "$GREETING" > /greeting\nCMD ["sh", "/greet.sh"]\n`,
      },
      { name: "greet.sh", content: 'echo "$(cat /greeting) from the image"\n' },
    ]);
    const events: ProgressEvent[] = [];
    const id = await docker.images.build(context, {
      tag: built,
      buildArgs: { GREETING: "hello" },
      labels: { ...TEST_LABELS, stage: "built" },
      onProgress: (event) => events.push(event),
    });
    assert.match(id, /^sha256:[0-9a-f]{64}$/);
    assert.ok(
      events.some((e) => e.stream?.startsWith("Step 1/")),
      "build output arrived as progress",
    );
    const info = await docker.images.inspect(built);
    assert.equal(info.Id, id);
    assert.equal(info.Config.Labels?.stage, "built");
    const container = await docker.containers.create({
      image: built,
      name: runner,
      labels: TEST_LABELS,
    });
    await docker.containers.start(container);
    await docker.containers.wait(container);
    assert.deepEqual(await docker.containers.logs(container), {
      stdout: "hello from the image\n",
      stderr: "",
    });
  });

  it("build() accepts a stream as context", async () => {
    const context = createTar([{
      name: "Dockerfile",
      content: `FROM ${BUSYBOX_IMAGE}\nLABEL stage=streamed\n`,
    }]);
    const id = await docker.images.build(
      Readable.from([context.subarray(0, 700), context.subarray(700)]),
      {
        tag: streamed,
        labels: TEST_LABELS,
      },
    );
    assert.equal((await docker.images.inspect(streamed)).Id, id);
  });

  it("build() turns an error line of the 200 stream into a DockerError", async () => {
    const context = createTar([{
      name: "Dockerfile",
      content: `FROM ${BUSYBOX_IMAGE}\nRUN echo failing; exit 3\n`,
    }]);
    const tag = `${repo}:broken`;
    await assert.rejects(docker.images.build(context, { tag, labels: TEST_LABELS }), (error) => {
      assert.ok(error instanceof DockerError);
      assert.equal(
        error.message,
        `Cannot build image "${tag}": The command '/bin/sh -c echo failing; exit 3' returned a non-zero code: 3`,
      );
      assert.equal(error.statusCode, 200);
      assert.equal((error.json as ProgressEvent).errorDetail?.code, 3);
      return true;
    });
    await assert.rejects(docker.images.inspect(tag), { statusCode: 404 });
  });

  it("build() reports a Dockerfile the engine cannot parse", async () => {
    const context = createTar([{ name: "Dockerfile", content: "FROMM scratch\n" }]);
    await assert.rejects(docker.images.build(context, { labels: TEST_LABELS }), {
      name: "DockerError",
      message: "Cannot build image: dockerfile parse error line 1: unknown instruction: FROMM",
    });
  });

  it("importImage() imports a root filesystem with changes", async () => {
    const id = await docker.images.importImage(Readable.from([busyboxRootfs()]), {
      repo,
      tag: "imported",
      changes: [
        "LABEL run-lesson.test=1",
        "LABEL stage=imported",
        'CMD ["sh"]',
        "ENV MODE=imported",
      ],
    });
    assert.match(id, /^sha256:[0-9a-f]{64}$/);
    const info = await docker.images.inspect(imported);
    assert.equal(info.Id, id);
    assert.deepEqual(info.Config.Cmd, ["sh"]);
    assert.ok(info.Config.Env?.includes("MODE=imported"));
    assert.equal(info.Config.Labels?.stage, "imported");
  });

  it("tag(), list() by reference and label, and remove()", async () => {
    await docker.images.tag(imported, repo, "retagged");
    const tags = (await docker.images.list({ reference: `${repo}:*`, labels: [TEST_FILTER] }))
      .flatMap((i) => i.RepoTags ?? []);
    for (const ref of [built, streamed, imported, retagged]) {
      assert.ok(tags.includes(ref), `${ref} in ${tags}`);
    }
    await docker.images.remove(retagged);
    // Engine 20.10 repeats itself; newer engines say only the second half.
    const ref = retagged.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    await assert.rejects(docker.images.inspect(retagged), {
      message: new RegExp(
        `^Cannot inspect image "${ref}": (no such image: ${ref}: )?No such image: ${ref}$`,
      ),
      statusCode: 404,
    });
    assert.ok(
      (await docker.images.inspect(imported)).RepoTags.includes(imported),
      "the other tag stays",
    );
  });

  it("pull() refuses a reference without a tag before asking the engine", async () => {
    await assert.rejects(docker.images.pull("run-lesson-test/anything"), {
      message:
        'Cannot pull image "run-lesson-test/anything": the reference has no tag and would pull every tag: add one, e.g. "run-lesson-test/anything:latest"',
    });
  });

  it("pull() from a registry that does not answer names the image", async () => {
    // 127.0.0.1:9 is loopback's discard port, closed here: the engine fails without leaving the host.
    const ref = "127.0.0.1:9/run-lesson-test/none:1";
    await assert.rejects(docker.images.pull(ref), (error) => {
      assert.ok(error instanceof DockerError);
      assert.match(
        error.message,
        /^Cannot pull image "127\.0\.0\.1:9\/run-lesson-test\/none:1": .*connection refused$/,
      );
      return true;
    });
  });
});
