import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { editStep } from "../../../lib/accept/edit_step.ts";

const STEP = `import type { Step } from "../../../lib/mod.ts";

// A comment that stays.
export default {
  id: "s",
  title: "S",
  commands: [
    { run: "echo a", stdout: "a" }, // trailing comment
    {
      run: "ls",
      stderr: 'it\\'s {{*}} "gone"',
      exitCode: 2,
    },
    { run: "printf", stdout: { kind: "lines", text: \`one
two\` } },
    {
      run: "ping",
      stdout: [
        "PING {{ip:ipv4}}",
        "done",
      ].join("\\n"),
    },
    { run: "x", stdout: pattern("x") },
  ],
} satisfies Step;
`;

describe("editStep()", () => {
  it("replaces only the expectations' literals, in their own quote style", () => {
    const r = editStep(STEP, "s.ts", [
      { index: 0, stream: "stdout", text: "b" },
      { index: 1, stream: "stderr", text: 'it\'s {{*}} "there"' },
      { index: 2, stream: "stdout", text: "one\nthree `x` ${y}" },
    ]);
    assert.deepEqual(r.skipped, []);
    assert.equal(
      r.text,
      STEP.replace('stdout: "a" }', 'stdout: "b" }')
        .replace(`'it\\'s {{*}} "gone"'`, `'it\\'s {{*}} "there"'`)
        .replace("`one\ntwo`", "`one\nthree \\`x\\` \\${y}`"),
    );
    assert.deepEqual(r.applied.map((a) => [a.index, a.line]), [[0, 8], [1, 11], [2, 14]]);
  });

  it('writes a [...].join("\\n") pattern back one line per element', () => {
    const r = editStep(STEP, "s.ts", [{
      index: 3,
      stream: "stdout",
      text: "PING {{ip:ipv4}}\n\nover",
    }]);
    assert.equal(
      r.text,
      STEP.replace(
        '"PING {{ip:ipv4}}",\n        "done",',
        '"PING {{ip:ipv4}}",\n        "",\n        "over",',
      ),
    );
  });

  it("leaves an expectation that is not a literal alone, saying why", () => {
    const r = editStep(STEP, "s.ts", [{ index: 4, stream: "stdout", text: "y" }]);
    assert.equal(r.text, STEP);
    assert.deepEqual(r.skipped.map((s) => s.reason), [
      'the stdout of command 4 is not a string literal (it is "pattern("x")")',
    ]);
  });

  it("leaves a step that is not a plain object literal alone, saying why", () => {
    const source =
      'const step = { id: "s", commands: [{ run: "a", stdout: "a" }] };\nexport default step;\n';
    const r = editStep(source, "s.ts", [{ index: 0, stream: "stdout", text: "b" }]);
    assert.equal(r.text, source);
    assert.deepEqual(r.skipped.map((s) => s.reason), [
      "its default export is not a plain object literal (export default { ... })",
    ]);
  });

  it("leaves commands that are not object literals alone", () => {
    const source = 'export default { id: "s", commands: [cmd("a")] };\n';
    const r = editStep(source, "s.ts", [{ index: 0, stream: "stdout", text: "b" }]);
    assert.equal(r.text, source);
    assert.deepEqual(r.skipped.map((s) => s.reason), ["command 0 is not an object literal"]);
  });
});
