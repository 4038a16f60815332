import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lessonChecks, loadLesson } from "../../../lib/lesson/load.ts";
import { importLessonModule } from "../../../lib/lesson/import_module.ts";
import type { SelfTestSpec } from "../../../lib/lesson/types.ts";
import { main } from "../../../runner/main.ts";
import { captureIo } from "../../_cli.ts";

let scratch = "";

/** `run-lesson new …args` in-process. */
async function runNew(...args: string[]) {
  const { io, captured } = captureIo();
  const code = await main(["new", ...args], io);
  return { code, ...captured };
}

before(() => {
  scratch = mkdtempSync(join(tmpdir(), "run-lesson-new-"));
});

after(() => rmSync(scratch, { recursive: true, force: true }));

describe("run-lesson new", () => {
  for (const target of ["local", "docker"]) {
    it(`new --target ${target} writes a lesson that loads, with a self-test of its own checks`, async () => {
      const dir = join(scratch, `my_${target}-lesson`);
      const r = await runNew(dir, "--target", target);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, new RegExp(`^Next: run-lesson ${dir}, then run-lesson test ${dir}`, "m"));
      const lesson = await loadLesson(dir);
      assert.equal(lesson.index.title, `My ${target} lesson`);
      assert.equal(lesson.index.target, target);
      assert.deepEqual(lesson.steps.map((s) => s.id), ["first-step", "clean-up"]);
      assert.equal(lesson.steps[0].commands.length, 1);
      assert.ok(lesson.steps[0].commands[0].stdout !== undefined);
      const spec = (await importLessonModule(join(dir, "selftest.ts"))).default as SelfTestSpec;
      assert.equal(spec.finishedAfter, "first-step");
      const checks = lessonChecks(lesson).map((c) => c.id);
      assert.equal(checks.length, 1);
      assert.deepEqual(spec.broken.map((b) => b.fails), [checks]);
      assert.match(readFileSync(join(dir, "README.md"), "utf8"), /<!-- step: first-step -->/);
    });
  }

  it("new takes --title, and shows a bare folder name as a path", async () => {
    const { io, captured } = captureIo();
    const cwd = process.cwd();
    process.chdir(scratch);
    try {
      assert.equal(await main(["new", "titled", "--title", "Networks, step by step"], io), 0);
    } finally {
      process.chdir(cwd);
    }
    assert.match(captured.out, /^Made the lesson \.\/titled \(local\)/);
    assert.equal((await loadLesson(join(scratch, "titled"))).index.title, "Networks, step by step");
  });

  it("new refuses a non-empty folder, a file, an unknown target and a missing folder", async () => {
    const full = join(scratch, "full");
    mkdirSync(full);
    writeFileSync(join(full, "keep.txt"), "");
    writeFileSync(join(scratch, "a-file"), "");
    const cases: Array<[string[], string]> = [
      [[full], `Cannot make a lesson in "${full}": it exists and is not empty`],
      [[join(scratch, "a-file")], `it exists and is not empty`],
      [[join(scratch, "x"), "--target", "ssh"], `Unknown target "ssh"`],
      [[], "Expected one folder"],
    ];
    for (const [args, message] of cases) {
      const r = await runNew(...args);
      assert.equal(r.code, 2, r.err);
      assert.equal(r.out, "");
      assert.match(r.err, /^run-lesson: .+\n$/);
      assert.ok(r.err.includes(message), r.err);
    }
    assert.deepEqual(readdirSync(full), ["keep.txt"]);
    assert.ok(!existsSync(join(scratch, "x")));
  });
});
