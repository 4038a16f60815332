/**
 * The phases a test script ran before Node's run (static checks, the Deno tiers) passed. The
 * scripts (runner/setup/_tiers.sh) hand the failed ones' names and output excerpts over in
 * RUN_LESSON_FAILED_PHASES; this file fails with them, so that Node's summary, the end of the
 * output, counts them too. Its name sorts last, so that its verdict prints near that summary.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs bash with the tier functions sourced and returns its stdout. */
function tiers(script: string): { status: number | null; out: string } {
  const r = spawnSync("bash", ["-c", `source runner/setup/_tiers.sh\n${script}`], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, RUN_LESSON_FAILED_PHASES: "" },
  });
  return { status: r.status, out: r.stdout };
}

describe("the phases before Node's run", () => {
  it("passed", () => {
    const failed = process.env.RUN_LESSON_FAILED_PHASES ?? "";
    assert.equal(failed, "", `earlier phases failed:\n${failed}`);
  });

  it("hand a failure's name and excerpt to the last phase, and nothing when all pass", () => {
    const failing = tiers([
      "phase ok true >/dev/null 2>&1",
      "phase 'deno test: x' bash -c 'printf \"a\\n\\033[31m ERRORS \\033[0m\\nboom at x.ts:3\\n\"; exit 1' >/dev/null 2>&1",
      "phase 'static' bash -c 'seq 1 40; exit 2' >/dev/null 2>&1",
      "report_failures 2>/dev/null",
      'printf %s "$RUN_LESSON_FAILED_PHASES"',
      "finish",
    ].join("\n"));
    assert.equal(failing.status, 1);
    const lines = failing.out.split("\n");
    assert.deepEqual(lines.slice(0, 3), ["== deno test: x", " ERRORS ", "boom at x.ts:3"]);
    assert.equal(lines[3], "== static");
    assert.deepEqual(lines.slice(4, 6), ["11", "12"], "the last 30 lines of 40");
    assert.equal(lines.at(-2), "40");

    const passing = tiers([
      "phase ok true >/dev/null 2>&1",
      "report_failures",
      'printf %s "${RUN_LESSON_FAILED_PHASES-unset}"',
      "finish",
    ].join("\n"));
    assert.deepEqual(passing, { status: 0, out: "" });
  });
});
