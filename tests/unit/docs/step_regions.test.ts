import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseMarkdown, stepRegions } from "../../../lib/docs/mod.ts";
import { step } from "./_render_steps.ts";

const STEPS = [step("a"), step("b"), step("c")];

function regions(doc: string): Array<[string, string]> {
  const elements = parseMarkdown(doc);
  const found = stepRegions(elements, doc, STEPS);
  assert.deepEqual(found.problems, []);
  return found.regions.map((r) => [r.step.id, doc.slice(r.marker.start, r.end)]);
}

describe("stepRegions()", () => {
  it("a region ends at the next step marker", () => {
    assert.deepEqual(regions("<!-- step: a -->\nx\n\n<!--step:b-->\ny\n"), [
      ["a", "<!-- step: a -->\nx\n\n"],
      ["b", "<!--step:b-->\ny\n"],
    ]);
  });

  it("a region ends at the next heading of its section's level or higher, not at a deeper one", () => {
    const doc = "## A\n\n<!-- step: a -->\n\n### detail\n\nx\n\n## B\n\ny\n";
    assert.deepEqual(regions(doc), [["a", "<!-- step: a -->\n\n### detail\n\nx\n\n"]]);
  });

  it("setext headings count with their level", () => {
    const doc = "A\n---\n\n<!-- step: a -->\n\nx\n\nB\n===\n";
    assert.deepEqual(regions(doc), [["a", "<!-- step: a -->\n\nx\n\n"]]);
  });

  it("before any heading, a region ends at any heading", () => {
    assert.deepEqual(regions("<!-- step: a -->\nx\n\n#### h\n"), [[
      "a",
      "<!-- step: a -->\nx\n\n",
    ]]);
  });

  it("a marker naming an unknown step, or a step marked twice, is a problem", () => {
    const doc = "<!-- step: zz -->\n\n<!-- step: a -->\n\n<!-- step: a -->\n";
    const found = stepRegions(parseMarkdown(doc), doc, STEPS);
    assert.deepEqual(found.problems, [
      {
        line: 1,
        message:
          'step marker "<!-- step: zz -->" names an unknown step "zz": known steps are a, b, c',
      },
      { line: 5, message: 'step "a" is marked twice, here and at line 3' },
    ]);
  });

  it("run-lesson markers and other comments are not step markers", () => {
    assert.deepEqual(regions("<!-- run-lesson: a#0 -->\n```sh\nx\n```\n<!-- note -->\n"), []);
  });
});
