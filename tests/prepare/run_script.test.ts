/**
 * `runScript()`: a stand-in script's stdout lines, its stderr tail, and the requests it asks of
 * its caller (`@key value` lines, a bare `@verb`, one reply line on stdin).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runScript, type ScriptRequest } from "../../lib/prepare/_run_script.ts";

const SCRIPT = `set -eu
echo "building $1"
echo "a warning" >&2
printf '@ref %s\\n@change %s\\n@change %s\\n@import\\n' "$1" 'ENV A=1' 'CMD ["sh"]'
read -r reply
echo "caller said: $reply"
[ "$reply" = ok ]
`;

describe("runScript()", () => {
  let dir: string;
  let script: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "rl-script-"));
    script = join(dir, "ask.sh");
    writeFileSync(script, SCRIPT);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("hands requests to the caller and its answer back to the script", async () => {
    const lines: string[] = [];
    const requests: ScriptRequest[] = [];
    const run = await runScript(script, ["x:1"], {}, (line) => lines.push(line), (request) => {
      requests.push(request);
      return Promise.resolve("ok");
    });
    assert.deepEqual(requests, [{
      verb: "import",
      fields: [["ref", "x:1"], ["change", "ENV A=1"], ["change", 'CMD ["sh"]']],
    }]);
    assert.deepEqual(lines, ["building x:1", "caller said: ok"]);
    assert.deepEqual(run, {
      exitCode: 0,
      stdout: ["building x:1", "caller said: ok"],
      stderrTail: ["a warning"],
    });
  });

  it("answers 'failed: why' when the caller's handler throws, and the script fails", async () => {
    const run = await runScript(script, ["x:1"], {}, () => {}, () => {
      return Promise.reject(new Error("no engine\nat all"));
    });
    assert.equal(run.exitCode, 1);
    assert.deepEqual(run.stdout, ["building x:1", "caller said: failed: no engine at all"]);
  });

  it("answers 'unsupported' without a handler", async () => {
    const run = await runScript(script, ["x:1"], {}, () => {});
    assert.deepEqual(run.stdout, ["building x:1", "caller said: unsupported"]);
  });
});
