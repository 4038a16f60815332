import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runLesson } from "../../../lib/engine/run_lesson.ts";
import { judgeRun, readDoc, renderDoc, staleReplacements } from "../../../lib/docs/mod.ts";
import type { Lesson } from "../../../lib/lesson/types.ts";
import type { Verdict } from "../../../lib/docs/types.ts";
import { CASES, CORPUS, corpusLesson } from "./_corpus_cases.ts";
import { FakeTarget, type Scripted } from "../../_fake_target.ts";

function shown(v: Verdict): string {
  const head = `${v.link.output.block.line} ${v.status}`;
  if (v.status === "fresh") return head;
  if (v.status === "stale" && v.unwritable) {
    return `${head}: ${v.reason} (cannot update: ${v.unwritable})`;
  }
  return `${head}: ${v.reason}`;
}

async function judged(lesson: Lesson, script: Record<string, Scripted | Scripted[]>) {
  const doc = readDoc(lesson);
  const target = new FakeTarget(script);
  const { verdicts, records } = await judgeRun(doc, runLesson(lesson, { target, checks: false }));
  assert.deepEqual(records.failures, []);
  return { doc, verdicts };
}

describe("the markdown corpus (tests/docs/corpus)", () => {
  for (const c of CASES) {
    it(`${c.file}: links, judges and rewrites exactly the stale blocks`, async () => {
      const { doc, verdicts } = await judged(corpusLesson(c.file, c.commands), c.script);
      assert.deepEqual(verdicts.map(shown), c.verdicts);
      assert.deepEqual(doc.linked.unlinked.map((b) => b.line), c.unlinked);
      assert.deepEqual(
        doc.linked.undocumented.map((u) => `${u.step}#${u.index}`),
        c.undocumented,
      );
      const expectedFile = c.file.replace(/\.md$/, ".expected.md");
      const expected = readFileSync(join(CORPUS, expectedFile));
      const rendered = renderDoc(doc.text, staleReplacements(verdicts));
      assert.deepEqual(new TextEncoder().encode(rendered), new Uint8Array(expected));
      // Nothing to replace: every byte comes back, CRLF and missing final newline included.
      assert.equal(renderDoc(doc.text, []), doc.text);
      assert.deepEqual(new TextEncoder().encode(doc.text), new Uint8Array(doc.snapshot.bytes));
    });

    it(`${c.file}: the updated doc is fresh (a second update changes nothing)`, async () => {
      const expectedFile = c.file.replace(/\.md$/, ".expected.md");
      const lesson = corpusLesson(c.file, c.commands, expectedFile);
      const { doc, verdicts } = await judged(lesson, c.script);
      const stale = verdicts.filter((v) => v.status === "stale");
      assert.deepEqual(
        stale.map((v) => v.status === "stale" && v.unwritable !== undefined),
        stale.map(() => true),
        "only blocks that cannot be written stay stale",
      );
      assert.equal(renderDoc(doc.text, staleReplacements(verdicts)), doc.text);
    });
  }
});
