/**
 * The test scripts' Node run (node_test in runner/setup/_tiers.sh) ends with one line for each
 * failed test just before Node's summary, so that a failure can be found from the last lines
 * of a long run's output (runner/setup/tap-failures.mjs).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, describe, it } from "node:test";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const dir = mkdtempSync(join(tmpdir(), "rl-tap-failures-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes test files into the temporary folder and returns their paths. */
function files(sources: Record<string, string>): string[] {
  return Object.entries(sources).map(([name, source]) => {
    const path = join(dir, name);
    writeFileSync(path, source);
    return path;
  });
}

/** Runs node_test over the files, one at a time, and returns its status and stdout lines. */
function nodeTest(paths: string[]): { status: number | null; lines: string[] } {
  // Without NODE_TEST_CONTEXT: a node --test run inside a test file would report to its parent.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const script = 'source runner/setup/_tiers.sh\nnode_test "$@"';
  const r = spawnSync("bash", ["-c", script, "-", ...paths], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...env, RUN_LESSON_TEST_JOBS: "1", RUN_LESSON_TEST_TIMES: "" },
  });
  return { status: r.status, lines: r.stdout.split("\n") };
}

const HEADER =
  'import { describe, it } from "node:test";\nimport assert from "node:assert/strict";\n';

describe("node_test's failure lines", () => {
  it("name each failed test by file, suites and name, with its error's first line, before the summary", () => {
    const [tests, crash] = files({
      "a.test.mjs": HEADER + [
        'describe("outer", () => {',
        '  it("passes", () => {});',
        '  it("fails here", () => assert.equal(1, 2, "one is not two"));',
        "});",
        'it("top fails", () => { throw new Error("boom\\nsecond line"); });',
      ].join("\n"),
      "b.test.mjs": 'throw new Error("it never loads");\n',
    });
    const { status, lines } = nodeTest([tests, crash]);
    assert.equal(status, 1);
    const summary = lines.indexOf("# tests 4");
    assert.ok(summary > 3, lines.slice(-15).join("\n"));
    assert.deepEqual(lines.slice(summary - 3, summary), [
      `# failed: ${relative(ROOT, tests)} › outer › fails here: one is not two`,
      `# failed: ${relative(ROOT, tests)} › top fails: boom`,
      `# failed: ${relative(ROOT, crash)}: test failed`,
    ]);
    assert.equal(lines.filter((line) => line.startsWith("# failed: ")).length, 3);
    assert.ok(lines.includes("# fail 3"));
  });

  it("are absent when every test passes", () => {
    const { status, lines } = nodeTest(
      files({ "c.test.mjs": HEADER + 'it("passes", () => {});\n' }),
    );
    assert.equal(status, 0);
    assert.ok(lines.includes("# pass 1"), lines.join("\n"));
    assert.deepEqual(lines.filter((line) => line.includes("failed: ")), []);
  });
});
