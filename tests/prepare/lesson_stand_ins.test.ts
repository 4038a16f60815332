import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { imagesDir } from "../../lib/prepare/_stand_ins.ts";
import { prepareImages, standInsFor } from "../../lib/prepare/prepare.ts";
import { captureIo } from "../_cli.ts";
import { main } from "../../runner/main.ts";
import { docker, dockerOk, TEST_LABEL } from "./_docker.ts";

const REF = "run-lesson-test/lesson-stand-in:1";

// A lesson's own stand-in, in the format of lib/prepare/images/: an image holding one file,
// built without a download from the shared helpers the runner points it at.
const SCRIPT = `#!/usr/bin/env bash
set -euo pipefail
source "$RUN_LESSON_IMAGES/_common.sh"
revision=1
ref=\${1:-${REF}}
stand_in_begin "$ref" lesson-stand-in-test "$revision"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
echo "made by the lesson's own recipe" >"$root/hello.txt"
import_rootfs "$root" "$ref" "$revision" 'CMD ["/hello.txt"]'
stand_in_done
`;

let scratch = "";
let lesson = "";

/** A digest of every file in lib/prepare/images/ (names and contents). */
function libDigest(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(imagesDir).sort()) {
    hash.update(name);
    try {
      hash.update(readFileSync(join(imagesDir, name)));
    } catch {
      // A folder (files/): its name is enough here.
    }
  }
  return hash.digest("hex");
}

before(async () => {
  await docker(["image", "rm", REF]);
  scratch = mkdtempSync(join(tmpdir(), "run-lesson-stand-ins-"));
  lesson = join(scratch, "course/own-image");
  mkdirSync(join(lesson, "stand-ins"), { recursive: true });
  mkdirSync(join(lesson, "steps"));
  writeFileSync(
    join(lesson, "lesson.ts"),
    `export default { title: "Own image", target: "docker", images: ["${REF}"],` +
      ` steps: ["steps/one.ts"] };\n`,
  );
  writeFileSync(
    join(lesson, "steps/one.ts"),
    `export default { id: "one", title: "One", commands: [{ run: "true" }] };\n`,
  );
  writeFileSync(
    join(lesson, "stand-ins/stand-ins.txt"),
    `# this lesson's images\n${REF}  tiny.sh\nalpine:latest  tiny.sh\n`,
  );
  writeFileSync(join(lesson, "stand-ins/tiny.sh"), SCRIPT);
});

after(async () => {
  await docker(["image", "rm", REF]);
  rmSync(scratch, { recursive: true, force: true });
});

describe("a lesson's own stand-in recipes", () => {
  it("standInsFor() lists the lesson's recipes first, so they win over the shipped ones", async () => {
    const recipes = await standInsFor([lesson]);
    const dir = join(lesson, "stand-ins");
    assert.deepEqual(recipes.slice(0, 2), [
      { ref: REF, script: "tiny.sh", dir },
      { ref: "alpine:latest", script: "tiny.sh", dir },
    ]);
    assert.ok(recipes.slice(2).some((r) => r.ref === "alpine:latest" && r.dir === undefined));
  });

  it("standInsFor() names the lesson's table when it does not parse", async () => {
    const bad = join(scratch, "bad");
    mkdirSync(join(bad, "stand-ins"), { recursive: true });
    writeFileSync(join(bad, "stand-ins/stand-ins.txt"), "alpine\n");
    await assert.rejects(standInsFor([bad]), {
      name: "LessonError",
      message: `Cannot parse stand-in table line 1 "alpine": expected "REF SCRIPT.sh" (in ${
        join(bad, "stand-ins/stand-ins.txt")
      })`,
    });
  });

  it("run-lesson prepare --offline builds it from the lesson's folder, lib/ untouched", async () => {
    const before = libDigest();
    const { io, captured } = captureIo();
    const code = await main(["prepare", lesson, "--offline"], io);
    assert.equal(code, 0, captured.err);
    assert.match(captured.err, new RegExp(`^${REF}: built stand-in`, "m"));
    const labels = JSON.parse(
      await dockerOk(["image", "inspect", "--format", "{{json .Config.Labels}}", REF]),
    );
    assert.equal(labels["run-lesson.stand-in"], "true");
    assert.equal(labels["run-lesson.stand-in.revision"], "1");
    assert.equal(libDigest(), before);
  });

  it("prepareImages() then finds it present, by the lesson script's revision", async () => {
    const [result] = await prepareImages([REF], {
      offline: true,
      recipes: await standInsFor([lesson]),
      labels: { [TEST_LABEL.split("=")[0]]: "1" },
    });
    assert.deepEqual(result, {
      ref: REF,
      status: "present",
      message: "offline stand-in, revision 1",
    });
  });
});
