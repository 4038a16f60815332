import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs `run-lesson <args> | head -1` in bash; resolves with run-lesson's own exit status. */
function intoHead(args: string): Promise<{ status: number; first: string; err: string }> {
  // PIPESTATUS[0] is run-lesson's status, whatever head did.
  const script = `node runner/bin.js ${args} 2>"$ERR_FILE" | head -1; s=\${PIPESTATUS[0]}; ` +
    `cat "$ERR_FILE" >&2; rm -f "$ERR_FILE"; exit $s`;
  const errFile = `/tmp/run-lesson-pipe-${process.pid}-${Math.random().toString(36).slice(2)}`;
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", script], {
      cwd: ROOT,
      env: { ...process.env, ERR_FILE: errFile },
    });
    let first = "";
    let err = "";
    child.stdout.on("data", (chunk) => first += chunk);
    child.stderr.on("data", (chunk) => err += chunk);
    child.on("error", reject);
    child.on("close", (status) => resolve({ status: status ?? -1, first, err }));
  });
}

describe("run-lesson in a pipeline", () => {
  for (const reporter of ["tap", "pretty"]) {
    it(`ends quietly when the reader goes away (--reporter ${reporter} | head -1)`, async () => {
      const r = await intoHead(`demo --reporter ${reporter}`);
      assert.equal(r.status, 0, r.err);
      assert.notEqual(r.first.trim(), "");
      assert.doesNotMatch(r.err, /EPIPE|Error|\n\s+at /);
    });
  }
});
