import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BUNDLED_LESSONS_DIR,
  findLesson,
  findLessons,
  isLessonPath,
  lessonPath,
} from "../../../lib/lesson/lesson_path.ts";
import { listLessons, loadLesson } from "../../../lib/lesson/load.ts";
import { main } from "../../../runner/main.ts";
import { captureIo } from "../../_cli.ts";

let scratch = "";

/** Writes a one-step lesson titled `title` into `dir`. */
function writeLesson(dir: string, title: string): void {
  mkdirSync(join(dir, "steps"), { recursive: true });
  writeFileSync(
    join(dir, "lesson.ts"),
    `import type { LessonIndex } from "run-lesson";\n` +
      `export default { title: ${
        JSON.stringify(title)
      }, steps: ["steps/one.ts"] } satisfies LessonIndex;\n`,
  );
  writeFileSync(
    join(dir, "steps/one.ts"),
    `import type { Step } from "run-lesson";\n` +
      `export default { id: "one", title: "One", commands: [{ run: "echo hi", stdout: "hi" }] } satisfies Step;\n`,
  );
}

before(() => {
  scratch = mkdtempSync(join(tmpdir(), "run-lesson-path-"));
  writeLesson(join(scratch, "course/hello"), "Hello from the course");
  writeLesson(join(scratch, "course/demo"), "The course's own demo");
  mkdirSync(join(scratch, "course/notes"));
  writeLesson(join(scratch, "more/extra"), "Extra");
  // A course folder with a package.json of its own, without "type": "module".
  writeFileSync(join(scratch, "package.json"), `{ "name": "course", "private": true }\n`);
});

after(() => rmSync(scratch, { recursive: true, force: true }));

describe("lessonPath()", () => {
  it("lessonPath() is the bundled lessons alone by default", () => {
    assert.deepEqual(lessonPath({ env: {} }), [BUNDLED_LESSONS_DIR]);
  });

  it("lessonPath() puts --lessons first, then RUN_LESSON_PATH, then the bundled lessons", () => {
    const path = lessonPath({
      lessons: ["course", "/abs/one"],
      env: { RUN_LESSON_PATH: "/srv/a::rel/b:" },
      cwd: "/home/me",
      bundled: "/pkg/lessons",
    });
    assert.deepEqual(path, [
      "/home/me/course",
      "/abs/one",
      "/srv/a",
      "/home/me/rel/b",
      "/pkg/lessons",
    ]);
  });

  it("lessonPath() names a folder once, at its first place", () => {
    const path = lessonPath({
      lessons: ["/c", "/c/"],
      env: { RUN_LESSON_PATH: "/c:/pkg/lessons" },
      bundled: "/pkg/lessons",
    });
    assert.deepEqual(path, ["/c", "/pkg/lessons"]);
  });
});

describe("findLessons() and findLesson()", () => {
  it("findLessons() lists folders holding lesson.ts, sorted; an earlier folder's id wins", () => {
    const course = join(scratch, "course");
    const found = findLessons([course, join(scratch, "missing"), BUNDLED_LESSONS_DIR]);
    const ids = found.map((l) => l.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.ok(!ids.includes("notes"));
    assert.equal(found.find((l) => l.id === "hello")?.dir, join(course, "hello"));
    assert.equal(found.find((l) => l.id === "demo")?.dir, join(course, "demo"));
    assert.ok(ids.includes("container-networking"), "the bundled lessons stay available");
  });

  it("findLesson() takes a path relative to cwd, or an id on the path", () => {
    const path = [join(scratch, "course"), join(scratch, "more")];
    assert.equal(findLesson("./course/hello", [], scratch), join(scratch, "course/hello"));
    assert.equal(findLesson("course/hello", [], scratch), join(scratch, "course/hello"));
    assert.equal(findLesson("extra", path), join(scratch, "more/extra"));
    assert.equal(findLesson("nope", path), undefined);
    assert.equal(findLesson("./course/notes", [], scratch), undefined);
  });

  it("isLessonPath() tells a path from an id", () => {
    assert.deepEqual(
      ["demo", "./demo", "..", "a/b", "/abs"].map(isLessonPath),
      [false, true, true, true, true],
    );
  });
});

describe("loadLesson() outside the repository", () => {
  it("loadLesson() loads a lesson by path from a folder whose package.json has no type", async () => {
    const lesson = await loadLesson(join(scratch, "course/hello"));
    assert.equal(lesson.index.title, "Hello from the course");
    assert.deepEqual(lesson.steps.map((s) => s.id), ["one"]);
    assert.equal(lesson.dir, join(scratch, "course/hello"));
  });

  it("loadLesson() finds an id on the search path, the course shadowing a bundled lesson", async () => {
    const path = lessonPath({ lessons: [join(scratch, "course")], env: {} });
    const demo = await loadLesson("demo", path);
    assert.equal(demo.id, "demo");
    assert.equal(demo.index.title, "The course's own demo");
    assert.ok(listLessons(path).includes("container-networking"));
  });

  it("loadLesson() names the search path's lessons when the id is unknown", async () => {
    await assert.rejects(loadLesson("nope", [join(scratch, "course")]), {
      name: "LessonError",
      message: 'Unknown lesson "nope": known lessons are demo, hello',
    });
    await assert.rejects(loadLesson(join(scratch, "course/notes")), {
      name: "LessonError",
      message: `Unknown lesson "${join(scratch, "course/notes")}": the folder has no lesson.ts`,
    });
  });
});

describe("the CLI's --lessons and RUN_LESSON_PATH", () => {
  /** `run-lesson list --json` with `args` and `env`: the listed ids and titles. */
  async function listed(args: string[], env: Record<string, string>) {
    const { io, captured } = captureIo();
    io.env = env;
    const code = await main(["list", "--json", ...args], io);
    assert.equal(code, 0, captured.err);
    return new Map<string, string>(
      JSON.parse(captured.out).map((l: { id: string; title: string }) => [l.id, l.title]),
    );
  }

  it("list shows a --lessons folder's lessons beside the bundled ones", async () => {
    const lessons = await listed(["--lessons", join(scratch, "course")], {});
    assert.equal(lessons.get("hello"), "Hello from the course");
    assert.equal(lessons.get("demo"), "The course's own demo");
    assert.ok(lessons.has("container-networking"));
    assert.ok(!lessons.has("extra"));
  });

  it("list shows RUN_LESSON_PATH's folders, after the --lessons ones", async () => {
    const env = { RUN_LESSON_PATH: `${join(scratch, "more")}:${join(scratch, "course")}` };
    const lessons = await listed(["--lessons", join(scratch, "more")], env);
    assert.equal(lessons.get("extra"), "Extra");
    assert.equal(lessons.get("hello"), "Hello from the course");
  });
});
