/**
 * Validation of lesson modules, table-driven: good steps and indexes load as written; each bad
 * one is refused with a LessonError naming the file and the field.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LessonError, validateIndex, validateStep } from "../../../lib/lesson/validate.ts";
import { BAD_INDEXES, BAD_STEPS, GOOD_INDEXES, GOOD_STEPS } from "./_validate_cases.ts";

const FILE = "lessons/demo/steps/01_a.ts";
const INDEX = "lessons/demo/lesson.ts";

/** The LessonError message `f` throws; fails when it throws nothing or something else. */
function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    assert.ok(error instanceof LessonError, `not a LessonError: ${error}`);
    assert.ok(error instanceof TypeError, "a LessonError is a TypeError");
    return error.message;
  }
  assert.fail("accepted");
}

describe("validateStep()", () => {
  for (const [what, step] of GOOD_STEPS) {
    it(`accepts ${what}`, () => {
      assert.equal(validateStep(step, FILE), step);
    });
  }
  for (const [what, step, field, problem] of BAD_STEPS) {
    it(`refuses ${what}, naming ${field || "the module"}`, () => {
      const message = messageOf(() => validateStep(step, FILE));
      const subject = field ? `"${field}"` : "";
      assert.ok(
        message.startsWith(`Cannot load step "${FILE}": ${subject}`),
        `${message} does not name "${field}"`,
      );
      assert.match(message, problem);
    });
  }

  it("knows the captures of earlier steps, and adds the ones this step binds", () => {
    const known = new Set<string>();
    validateStep(
      {
        id: "a",
        title: "A",
        commands: [{ run: "docker network create app", stdout: "{{net_id:hex}}" }],
      },
      FILE,
      known,
    );
    assert.ok(known.has("net_id"));
    const later = { id: "b", title: "B", commands: [{ run: "docker network rm {{net_id}}" }] };
    assert.equal(validateStep(later, FILE, known), later);
    assert.match(
      messageOf(() => validateStep(later, FILE)),
      /"commands\[0\]\.run" refers to capture "net_id"/,
    );
  });
});

describe("validateIndex()", () => {
  for (const [what, index] of GOOD_INDEXES) {
    it(`accepts ${what}`, () => {
      assert.equal(validateIndex(index, INDEX), index);
    });
  }
  for (const [what, index, field, problem] of BAD_INDEXES) {
    it(`refuses ${what}, naming ${field || "the module"}`, () => {
      const message = messageOf(() => validateIndex(index, INDEX));
      const subject = field ? `"${field}"` : "";
      assert.ok(
        message.startsWith(`Cannot load lesson "${INDEX}": ${subject}`),
        `${message} does not name "${field}"`,
      );
      assert.match(message, problem);
    });
  }
});
