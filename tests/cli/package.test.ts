// The package as a course team installs it: `npm pack`, then `npm install <tarball>` in a folder
// of its own, outside this repository, with no "type": "module" in its package.json.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DENO = join(ROOT, "node_modules/deno/deno");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");

let course = "";

/** Runs a program in the course folder; fails the test with its output when it cannot start. */
function run(program: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(program, args, {
    cwd: course,
    encoding: "utf8",
    env: { ...process.env, ...env, NO_COLOR: "1" },
    timeout: 300_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr, all: `${r.stdout}\n${r.stderr}` };
}

before(() => {
  course = mkdtempSync(join(tmpdir(), "run-lesson-course-"));
  const packed = spawnSync("npm", ["pack", "--silent", "--pack-destination", course], {
    cwd: ROOT,
    encoding: "utf8",
  });
  assert.equal(packed.status, 0, packed.stderr);
  const tarball = readdirSync(course).find((name) => name.endsWith(".tgz"));
  assert.ok(tarball, `npm pack wrote no tarball: ${packed.stdout}`);
  writeFileSync(join(course, "package.json"), `{ "name": "course", "private": true }\n`);
  // The dependencies come from npm's cache; from the registry when the cache lacks one.
  const flags = ["install", "--no-audit", "--no-fund", "--ignore-scripts", "-D", `./${tarball}`];
  let installed = run("npm", [...flags, "--offline"]);
  if (installed.code !== 0 && /ENOTCACHED/.test(installed.all)) {
    installed = run("npm", [...flags, "--prefer-offline"]);
  }
  assert.equal(installed.code, 0, installed.all);
});

after(() => rmSync(course, { recursive: true, force: true }));

describe("the installed package", () => {
  it("ships lib, runner, the lessons, the JSON Schemas and the README, and no tests or benches", () => {
    const shipped = readdirSync(join(course, "node_modules/run-lesson")).sort();
    assert.deepEqual(shipped, [
      "README.md",
      "dist",
      "lessons",
      "lib",
      "package.json",
      "runner",
      "schema",
    ]);
    assert.ok(existsSync(join(course, "node_modules/run-lesson/schema/lesson.schema.json")));
    const files = readdirSync(join(course, "node_modules/run-lesson"), { recursive: true });
    assert.deepEqual(files.filter((f) => String(f).endsWith(".test.ts")), []);
  });

  it("npx run-lesson new, then the lesson and its self-test pass on Node", () => {
    const made = run("npx", ["run-lesson", "new", "course/hello"]);
    assert.equal(made.code, 0, made.all);
    assert.match(made.out, /^Next: run-lesson course\/hello, then run-lesson test course\/hello/m);

    const ran = run("npx", ["run-lesson", "course/hello"]);
    assert.equal(ran.code, 0, ran.all);
    assert.match(ran.out, /\n2 passed, 0 failed\n$/);

    const tested = run("npx", ["run-lesson", "test", "course/hello"]);
    assert.equal(tested.code, 0, tested.all);
    assert.match(tested.out, / passed, 0 failed\n$/);
    assert.deepEqual(readdirSync(join(course, "course/hello")).sort(), [
      "README.md",
      "lesson.ts",
      "selftest.ts",
      "steps",
    ]);
  });

  it("new refuses a folder that holds anything, in one line, writing nothing", () => {
    mkdirSync(join(course, "taken"));
    writeFileSync(join(course, "taken/notes.txt"), "mine\n");
    // The bin npx runs, started directly (npx itself takes seconds to start on a busy machine).
    const r = run("node_modules/.bin/run-lesson", ["new", "taken"]);
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      'run-lesson: Cannot make a lesson in "taken": it exists and is not empty\n',
    );
    assert.deepEqual(readdirSync(join(course, "taken")), ["notes.txt"]);
  });

  it("--lessons and RUN_LESSON_PATH find the course's lessons by id, beside the bundled ones", () => {
    const listed = run("node_modules/.bin/run-lesson", ["list", "--lessons", "course"]);
    assert.equal(listed.code, 0, listed.all);
    assert.match(listed.out, /^hello +Hello \(2 steps\)$/m);
    assert.match(listed.out, /^demo +Shell warm-up/m);
    const ran = run("node_modules/.bin/run-lesson", ["hello", "--reporter", "tap"], {
      RUN_LESSON_PATH: "course",
    });
    assert.equal(ran.code, 0, ran.all);
  });

  it("the same lesson and its self-test run under Deno, through npm:run-lesson", () => {
    const r = run(DENO, ["run", "--allow-all", "npm:run-lesson", "course/hello"]);
    assert.equal(r.code, 0, r.all);
    assert.match(r.out, /\n2 passed, 0 failed\n$/);
    const tested = run(DENO, ["run", "--allow-all", "npm:run-lesson", "test", "course/hello"]);
    assert.equal(tested.code, 0, tested.all);
    assert.match(tested.out, / passed, 0 failed\n$/);
  });

  it("under Deno, the bundled lessons run from the JavaScript the package ships", () => {
    assert.ok(existsSync(join(course, "node_modules/run-lesson/dist/lessons/demo/lesson.js")));
    const r = run(DENO, ["run", "--allow-all", "npm:run-lesson", "demo", "--reporter", "tap"]);
    assert.equal(r.code, 0, r.all);
    assert.match(r.out, /^1\.\.6$/m);
  });

  it("deno check type-checks the lesson against the installed package", () => {
    const files = ["lesson.ts", "selftest.ts", "steps/01_first_step.ts", "steps/02_clean_up.ts"];
    const r = run(DENO, ["check", ...files.map((file) => `course/hello/${file}`)]);
    assert.equal(r.code, 0, r.all);
  });

  it("tsc type-checks a step that imports its types from run-lesson", () => {
    mkdirSync(join(course, "typed/steps"), { recursive: true });
    writeFileSync(
      join(course, "typed/steps/01_typed.ts"),
      `import type { LessonIndex, Step } from "run-lesson";

export const index = { title: "Typed", steps: ["steps/01_typed.ts"] } satisfies LessonIndex;

export default {
  id: "typed",
  title: "Typed",
  commands: [{ run: "echo hi", stdout: "hi" }],
} satisfies Step;

// The types are real ones, not any: a number is no step id.
// @ts-expect-error id is a string
export const wrong = { id: 1, title: "x", commands: [] } satisfies Step;
`,
    );
    writeFileSync(
      join(course, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          allowImportingTsExtensions: true,
          noEmit: true,
          strict: true,
          skipLibCheck: true,
          types: [],
        },
        include: ["typed", "course"],
      }),
    );
    assert.ok(existsSync(TSC));
    const r = run("node", [TSC, "-p", "."]);
    assert.equal(r.code, 0, r.all);
  });
});
