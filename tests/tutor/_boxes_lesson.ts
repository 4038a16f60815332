/**
 * A three-step scratch lesson for the tutor's terminal tests: make a folder, write a greeting in
 * it, read it back (no checks). Its checks read files under a folder given by the test, and its
 * doc has step markers.
 * @module
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A scratch folder (`base`) holding the lesson (`lesson`) and the folder its checks read (`work`). */
export function boxesScratch(prefix: string): { base: string; lesson: string; work: string } {
  const base = mkdtempSync(join(tmpdir(), prefix));
  const lesson = join(base, "lesson");
  const work = join(base, "work");
  mkdirSync(work);
  boxesLesson(lesson, work);
  return { base, lesson, work };
}

/** A three-step lesson whose checks read files under `work`, with a doc that has step markers. */
export function boxesLesson(dir: string, work: string): void {
  mkdirSync(join(dir, "steps"), { recursive: true });
  const step = (file: string, data: unknown) =>
    writeFileSync(join(dir, "steps", file), `export default ${JSON.stringify(data, null, 2)};\n`);
  writeFileSync(
    join(dir, "lesson.ts"),
    `export default ${
      JSON.stringify({
        title: "Boxes",
        steps: ["steps/01_make.ts", "steps/02_fill.ts", "steps/03_read.ts"],
      })
    };\n`,
  );
  step("01_make.ts", {
    id: "make",
    title: "Make a box",
    commands: [{ run: `mkdir -p ${work}/box` }],
    checks: [{
      id: "box",
      title: "the folder box exists",
      hint: `Make it with: mkdir -p ${work}/box`,
      probe: { kind: "shell", run: `test -d ${work}/box` },
    }],
  });
  step("02_fill.ts", {
    id: "fill",
    title: "Put a greeting in it",
    commands: [{ run: `echo hello > ${work}/box/greeting` }],
    checks: [{
      id: "greeting",
      title: "box/greeting says hello",
      hint: "Write the word hello, spelt with two l.",
      probe: { kind: "shell", run: `cat ${work}/box/greeting`, stdout: "hello" },
    }],
  });
  step("03_read.ts", {
    id: "read",
    title: "Read it back",
    commands: [{ run: `cat ${work}/box/greeting`, stdout: "hello" }],
  });
  writeFileSync(
    join(dir, "README.md"),
    [
      "# Boxes",
      "",
      "## A box",
      "",
      "<!-- step: make -->",
      "",
      "Every good lesson starts with an empty `box`.",
      "",
      "```sh",
      `mkdir -p ${work}/box`,
      "```",
      "",
      "## A greeting",
      "",
      "<!-- step: fill -->",
      "",
      "Now fill it.",
      "",
      "```sh",
      `echo hello > ${work}/box/greeting`,
      "```",
      "",
    ].join("\n"),
  );
}
