import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadLesson } from "../../../lib/lesson/load.ts";
import type { Check, Lesson } from "../../../lib/lesson/types.ts";
import {
  clearProgress,
  loadProgress,
  type Progress,
  progressDir,
  progressFile,
  saveProgress,
} from "../../../lib/tutor/progress.ts";
import { stepChecks } from "../../../lib/tutor/step_checks.ts";
import { headingText, stepSections } from "../../../lib/tutor/step_doc.ts";

const check = (id: string, extra: Partial<Check> = {}): Check =>
  ({ id, title: id, hint: `fix ${id}`, probe: { kind: "shell", run: "true" }, ...extra }) as Check;

const LESSON: Lesson = {
  id: "l",
  dir: "/nowhere",
  index: { title: "L", steps: [] },
  steps: [
    { id: "a", title: "A", commands: [], checks: [check("dns")], file: "a.ts" },
    { id: "b", title: "B", commands: [], file: "b.ts" },
    {
      id: "c",
      title: "C",
      commands: [],
      checks: [check("iso", { control: "dns", retry: { withinMs: 5000 } }), check("other")],
      file: "c.ts",
    },
  ],
};

describe("stepChecks()", () => {
  it("runs a step's checks after the controls they name, without retries", () => {
    const { shown, run } = stepChecks(LESSON, "c");
    assert.deepEqual(shown.map((c) => c.id), ["iso", "other"]);
    assert.deepEqual(run.map((c) => c.id), ["dns", "iso", "other"]);
    assert.ok(run.every((c) => c.retry === undefined));
  });

  it("gives nothing for a step without checks, and names an unknown step", () => {
    assert.deepEqual(stepChecks(LESSON, "b"), { shown: [], run: [] });
    assert.throws(
      () => stepChecks(LESSON, "zz"),
      { message: 'Unknown step "zz" in --step for lesson "l": known steps are a, b, c' },
    );
  });
});

const DOC = [
  "# Lesson",
  "",
  "Intro.",
  "",
  "## First part",
  "",
  "<!-- step: one -->",
  "",
  "Type this:",
  "",
  "```sh",
  "echo one",
  "```",
  "",
  "### A detail",
  "",
  "Still step one.",
  "",
  "<!-- step: two -->",
  "",
  "Step two in the same section.",
  "",
  "## Second part",
  "",
  "<!-- step: three -->",
  "",
  "Three.",
  "",
  "## Not a step",
  "",
  "Tail.",
  "",
].join("\n");

const DOC_STEPS = ["one", "two", "three"].map((id) => ({ id, title: id, commands: [] }));

describe("stepSections()", () => {
  it("cuts the doc at step markers and at headings of the section's level", () => {
    const sections = stepSections(DOC, DOC_STEPS);
    assert.deepEqual([...sections.keys()], ["one", "two", "three"]);
    const one = sections.get("one")!;
    assert.equal(one.heading, "First part");
    assert.deepEqual(one.elements.map((e) => e.kind), [
      "paragraph",
      "fenced",
      "heading",
      "paragraph",
    ]);
    assert.equal(sections.get("two")!.heading, "A detail");
    assert.deepEqual(sections.get("two")!.elements.map((e) => e.kind), ["paragraph"]);
    const three = sections.get("three")!;
    assert.equal(three.heading, "Second part");
    assert.deepEqual(three.elements.map((e) => e.kind === "paragraph" && e.text), ["Three."]);
  });

  it("finds the markers of the bundled container-networking doc", async () => {
    const doc = readFileSync(
      new URL("../../../lessons/container-networking/README.md", import.meta.url),
      "utf8",
    );
    const lesson = await loadLesson("container-networking");
    const sections = stepSections(doc, lesson.steps);
    assert.equal(sections.size, 9);
    assert.equal(sections.get("aliases")!.heading, "Aliases: several names for one container");
  });

  it("leaves out markers that name no step", () => {
    assert.deepEqual([...stepSections(DOC, DOC_STEPS.slice(1)).keys()], ["two", "three"]);
  });

  it("headingText() reads ATX and setext headings", () => {
    assert.equal(headingText("## Title ##"), "Title");
    assert.equal(headingText("#"), "");
    assert.equal(headingText("Title\n-----"), "Title");
    assert.equal(headingText("Two\nlines"), "Two lines");
  });
});

describe("progress files", () => {
  it("live under XDG_STATE_HOME when it is absolute, else under ~/.local/state", () => {
    assert.equal(progressDir({ XDG_STATE_HOME: "/s", HOME: "/h" }), "/s/run-lesson");
    assert.equal(progressDir({ XDG_STATE_HOME: "rel", HOME: "/h" }), "/h/.local/state/run-lesson");
    const a = progressFile({ XDG_STATE_HOME: "/s" }, "container-networking", "container://x y");
    assert.match(
      a,
      /^\/s\/run-lesson\/tutor-container-networking@container_x_y-[0-9a-f]{8}\.json$/,
    );
    assert.notEqual(a, progressFile({ XDG_STATE_HOME: "/s" }, "container-networking", "local"));
  });

  it("are written atomically, read back, refused for another pair, and cleared", () => {
    const dir = mkdtempSync(join(tmpdir(), "tutor-progress-"));
    try {
      const file = progressFile({ XDG_STATE_HOME: dir }, "demo", "local");
      assert.equal(loadProgress(file, "demo", "local"), undefined);
      const progress: Progress = {
        version: 1,
        lesson: "demo",
        target: "local",
        step: "reuse",
        finished: false,
        savedAt: "2026-01-01T00:00:00.000Z",
      };
      saveProgress(file, progress);
      saveProgress(file, { ...progress, step: "ticker" });
      assert.deepEqual(loadProgress(file, "demo", "local"), { ...progress, step: "ticker" });
      assert.equal(loadProgress(file, "demo", "ssh://a@b"), undefined);
      assert.deepEqual(readdirSync(join(dir, "run-lesson")), [file.split("/").at(-1)]);
      writeFileSync(file, "{half");
      assert.equal(loadProgress(file, "demo", "local"), undefined);
      clearProgress(file);
      clearProgress(file);
      assert.deepEqual(readdirSync(join(dir, "run-lesson")), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
