/**
 * `run-lesson tutor` in a real terminal (tmux), quit while a slow check runs: the poll in flight
 * ends before the target closes, and meanwhile the tutor says why it has not ended yet instead
 * of leaving its keys on screen as if it still listened.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { Tmux } from "./_tmux.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A one-step lesson whose check takes `seconds` and fails. */
function slowLesson(dir: string, seconds: number): void {
  mkdirSync(join(dir, "steps"), { recursive: true });
  writeFileSync(
    join(dir, "lesson.ts"),
    'export default {"title":"Slow","steps":["steps/01.ts"]};\n',
  );
  const step = {
    id: "slow",
    title: "A slow check",
    commands: [{ run: "true" }],
    checks: [{
      id: "slow",
      title: "a check that takes its time",
      hint: "Wait.",
      probe: { kind: "shell", run: `sleep ${seconds}; false` },
    }],
  };
  writeFileSync(join(dir, "steps", "01.ts"), `export default ${JSON.stringify(step)};\n`);
}

describe("run-lesson tutor quit while a check runs", () => {
  it("says it waits for the check in flight, then quits", async () => {
    const base = mkdtempSync(join(tmpdir(), "tutor-quit-"));
    slowLesson(join(base, "lesson"), 6);
    const tmux = new Tmux("tutor", ROOT, { XDG_STATE_HOME: join(base, "state"), NO_COLOR: "1" });
    try {
      tmux.type("tutor", `node runner/bin.js tutor ${join(base, "lesson")}`);
      await tmux.waitFor("tutor", /· a check that takes its time\nchecking…/);
      tmux.keys("tutor", "q");
      const started = Date.now();
      let screen = await tmux.waitFor("tutor", /Quitting once the check running now ends…/, 3_000);
      assert.doesNotMatch(screen, /Saved: /);
      screen = await tmux.waitFor("tutor", /Saved: step 1 of 1\./, 15_000);
      assert.ok(Date.now() - started > 1_000, "it quit before the check ended");
      assert.match(screen, /Quitting once the check running now ends…\nSaved: step 1 of 1\./);
    } finally {
      tmux.kill();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
