// The run lock through a real local shell: a lock script that fails is reported with its stderr
// and its exit code.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalTarget } from "../../../lib/target/local.ts";
import { takeRunLock } from "../../../lib/target/run_lock.ts";
import { TargetError } from "../../../lib/target/types.ts";

let dir = "";

before(() => {
  dir = mkdtempSync(join(tmpdir(), "rl-run-lock-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe("takeRunLock()", () => {
  it("names the failing script's stderr and exit code when the lock folder cannot be made", async () => {
    // TMPDIR is a plain file: the folder of locks under it cannot be made.
    const file = join(dir, "not-a-folder");
    writeFileSync(file, "");
    const shell = new LocalTarget({ env: { TMPDIR: file } });
    try {
      await assert.rejects(
        takeRunLock(shell, { lesson: "demo", runId: "demo-00000000" }),
        (error: Error) => {
          assert.ok(error instanceof TargetError, String(error));
          assert.match(
            error.message,
            /^Cannot take the run lock: mkdir: .+ \(exit code 1\)$/,
          );
          return true;
        },
      );
    } finally {
      await shell.close();
    }
  });
});
