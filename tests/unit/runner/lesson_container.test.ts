import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { hostname } from "node:os";
import { validateIndex } from "../../../lib/lesson/validate.ts";
import type { Lesson, LessonIndex } from "../../../lib/lesson/types.ts";
import { ownerOf, throwawayName } from "../../../lib/target/throwaway_container.ts";
import { lessonContainer } from "../../../runner/lesson_container.ts";
import { captureIo } from "../../_cli.ts";

const INDEX = {
  title: "Linux",
  steps: ["steps/one.ts"],
  container: { image: "linux-basics-lab:bookworm", capabilities: ["SYS_PTRACE"] },
};

/** A loaded lesson with this index and no steps (enough for lessonContainer's decision). */
function lesson(index: LessonIndex): Lesson {
  return { id: "linux", dir: "/nowhere", index, steps: [] } as unknown as Lesson;
}

describe("the lesson index's container field", () => {
  it("validateIndex() accepts an image with capabilities", () => {
    assert.deepEqual(validateIndex(structuredClone(INDEX), "lesson.ts"), INDEX);
  });

  it("validateIndex() refuses an unknown field, an empty image and a lower-case capability", () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ image: "x:1", privileged: true }, /"container\.privileged"/],
      [{ image: "" }, /"container\.image"/],
      [{ image: "x:1", capabilities: ["sys_ptrace"] }, /"container\.capabilities\[0\]"/],
    ];
    for (const [container, message] of cases) {
      assert.throws(() => validateIndex({ ...INDEX, container }, "lesson.ts"), message);
    }
  });
});

describe("lessonContainer()", () => {
  // Every case decides before any engine is asked: there is none in this tier.
  const cases: Array<[string, LessonIndex, Record<string, unknown>]> = [
    ["a lesson without container", { title: "x", steps: ["s.ts"] }, {}],
    ["a docker lesson", { ...INDEX, target: "docker" }, {}],
    ["--target", INDEX, { target: "local" }],
    ["an SSH host as the target", INDEX, { ssh: "ssh://root@lab" }],
    ["a read-only run (check, tutor)", INDEX, { readOnly: true }],
  ];
  for (const [what, index, choice] of cases) {
    it(`makes none for ${what}`, async () => {
      const { io, captured } = captureIo();
      const made = await lessonContainer(lesson(index), { offline: true, ...choice }, "r-1", io);
      assert.equal(made, undefined);
      assert.equal(captured.err, "");
    });
  }
});

describe("throwaway container names and owners", () => {
  it("throwawayName() prefixes the run id and replaces what Docker refuses", () => {
    assert.equal(throwawayName("linux-basics-0a1b2c3d"), "run-lesson-linux-basics-0a1b2c3d");
    assert.equal(throwawayName("course/linux@1"), "run-lesson-course-linux-1");
  });

  it("ownerOf() names this machine and a process", () => {
    assert.equal(ownerOf(42), `${hostname()}:42`);
    assert.equal(ownerOf(), `${hostname()}:${process.pid}`);
  });
});
