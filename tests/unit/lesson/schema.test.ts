/**
 * The lesson format's schema at load, table-driven: every broken module is refused with one
 * line that names the file and the field and quotes the bad value; every way a module's import
 * can fail (a thrown non-Error, a hang, process.exit) ends with exit 2 and one line.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { Lesson } from "../../../lib/lesson/types.ts";
import {
  LessonError,
  validateIndex,
  validateSelfTest,
  validateStep,
} from "../../../lib/lesson/validate.ts";
import { cli } from "../../_cli.ts";
import { BAD_STEP_SHAPES } from "./_schema_cases.ts";
import { BAD_CHECK_SHAPES, BAD_INDEX_SHAPES, GOOD_STEP_SHAPES } from "./_schema_check_cases.ts";

const FILE = "lessons/x/steps/01.ts";
const INDEX = "lessons/x/lesson.ts";
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The LessonError message `f` throws; fails when it throws nothing or something else. */
function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    assert.ok(error instanceof LessonError, `not a LessonError: ${error}`);
    return error.message;
  }
  assert.fail("accepted");
}

describe("the schema refuses a broken module with one line naming file and field", () => {
  const tables = [
    [
      "step",
      FILE,
      [...BAD_STEP_SHAPES, ...BAD_CHECK_SHAPES],
      (v: unknown) => validateStep(v, FILE),
    ],
    ["lesson", INDEX, BAD_INDEX_SHAPES, (v: unknown) => validateIndex(v, INDEX)],
  ] as const;
  for (const [what, file, cases, validate] of tables) {
    for (const [name, value, field, problem] of cases) {
      it(`${what}: ${name}, naming "${field}"`, () => {
        const message = messageOf(() => validate(value));
        const head = `Cannot load ${what} "${file}": "${field}"`;
        assert.ok(message.startsWith(head), `${message}\ndoes not start with ${head}`);
        assert.match(message.slice(head.length).replace(/^:? /, ""), problem);
        assert.ok(!message.includes("\n"), `more than one line: ${message}`);
      });
    }
  }

  it("words the example of the README exactly", () => {
    const step = {
      id: "a",
      title: "A",
      commands: [{ run: "ls", stdout: { kind: "lines", text: 3 } }],
    };
    assert.equal(
      messageOf(() => validateStep(step, FILE)),
      `Cannot load step "${FILE}": "commands[0].stdout.text" must be a string, got 3`,
    );
  });
});

describe("the schema accepts", () => {
  for (const [name, value] of GOOD_STEP_SHAPES) {
    it(name, () => assert.equal(validateStep(value, FILE), value));
  }
});

describe("a self-test is checked against its schema and its lesson", () => {
  const SPEC = "lessons/x/selftest.ts";
  const lesson = {
    id: "x",
    dir: "/x",
    index: { title: "X", steps: ["01.ts"] },
    steps: [{
      id: "make",
      title: "M",
      commands: [],
      checks: [{ id: "made", title: "t", hint: "h", probe: { kind: "shell", run: "true" } }],
      file: "01.ts",
    }],
  } as unknown as Lesson;
  const state = { id: "gone", title: "G", break: ["rm x"], repair: ["touch x"], fails: ["made"] };
  const cases = [
    [
      "a step that is not there",
      { finishedAfter: "nope", broken: [] },
      "finishedAfter",
      /names no step of lesson "x", got "nope"/,
    ],
    [
      "a check that is not there",
      { finishedAfter: "make", broken: [{ ...state, fails: ["made", "nope"] }] },
      "broken[0].fails[1]",
      /names no check of the lesson, got "nope"/,
    ],
    [
      "break as a string",
      { finishedAfter: "make", broken: [{ ...state, break: "rm x" }] },
      "broken[0].break",
      /must be an array, got "rm x"/,
    ],
    [
      "a broken state used twice",
      { finishedAfter: "make", broken: [state, state] },
      "broken[1].id",
      /"gone" is already used/,
    ],
    ["no broken states", { finishedAfter: "make" }, "broken", /is missing/],
  ] as const;
  for (const [what, spec, field, problem] of cases) {
    it(`refuses ${what}, naming "${field}"`, () => {
      const message = messageOf(() => validateSelfTest(spec, SPEC, lesson));
      assert.ok(message.startsWith(`Cannot load self-test "${SPEC}": "${field}" `), message);
      assert.match(message, problem);
    });
  }
  it("accepts one that names its steps and checks", () => {
    const spec = { finishedAfter: "make", broken: [state] };
    assert.equal(validateSelfTest(spec, SPEC, lesson), spec);
  });
});

describe("a lesson module whose import fails ends with exit 2 and one line", () => {
  const dir = mkdtempSync(join(tmpdir(), "run-lesson-schema-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A scratch lesson whose one step module is `source`. */
  function lesson(name: string, source: string): string {
    const folder = join(dir, name);
    mkdirSync(join(folder, "steps"), { recursive: true });
    writeFileSync(
      join(folder, "lesson.ts"),
      'export default { title: "T", steps: ["steps/01.ts"] };\n',
    );
    writeFileSync(join(folder, "steps", "01.ts"), source);
    return folder;
  }

  const cases = [
    [
      "throws a string",
      'throw "str";\nexport default {};\n',
      /importing it threw "str", not an Error$/,
    ],
    ["throws null", "throw null;\nexport default {};\n", /importing it threw null, not an Error$/],
    [
      "throws an object",
      "throw { code: 7 };\nexport default {};\n",
      /threw \{"code":7\}, not an Error$/,
    ],
    [
      "calls process.exit(3)",
      "process.exit(3);\nexport default {};\n",
      /it called process\.exit\(3\) while being imported$/,
    ],
    [
      "throws an Error of two lines",
      'throw new Error("one\\ntwo");\nexport default {};\n',
      /: one$/,
    ],
  ] as const;
  for (const [what, source, problem] of cases) {
    it(`one that ${what}`, async () => {
      const folder = lesson(what.replaceAll(/\W+/g, "-"), source);
      const r = await cli("validate", folder);
      assert.equal(r.code, 2, r.err);
      assert.equal(r.out, "");
      assert.ok(
        r.err.startsWith(`run-lesson: Cannot load "${join(folder, "steps", "01.ts")}": `),
        r.err,
      );
      assert.match(r.err.trimEnd(), problem);
      assert.equal(r.err.trimEnd().split("\n").length, 1, r.err);
    });
  }

  for (
    const [runtime, program] of [
      ["Node", "node"],
      ["Deno", "node_modules/deno/deno run --allow-all"],
    ] as const
  ) {
    it(`one whose top-level await never settles, after the time limit (the CLI, on ${runtime})`, () => {
      const folder = lesson("hangs", "await new Promise(() => {});\nexport default {};\n");
      const [command, ...args] = program.split(" ");
      const r = spawnSync(command, [...args, "runner/bin.js", "validate", folder], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, RUN_LESSON_IMPORT_TIMEOUT_MS: "3000", NO_COLOR: "1" },
        timeout: 60_000,
      });
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, "");
      assert.match(
        r.stderr,
        /^run-lesson: Cannot load ".*01\.ts": importing it did not finish within 3 s/,
      );
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
    });
  }

  it("and a valid lesson validates with one line", async () => {
    const folder = lesson("valid", 'export default { id: "a", title: "A", commands: [] };\n');
    const r = await cli("validate", folder);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^ok: .*valid \(1 step, 0 checks\)\n$/);
  });
});
