/**
 * `run-lesson tutor` in a real terminal (tmux) whose progress cannot be saved ($XDG_STATE_HOME
 * under a file): it says so once and goes on teaching, and on q says the step was not saved,
 * instead of ending on a stack trace with the cursor hidden.
 */
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { boxesScratch } from "./_boxes_lesson.ts";
import { Tmux } from "./_tmux.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("run-lesson tutor with a state folder it cannot write", () => {
  it("warns once, keeps going, and says on q that nothing was saved", async () => {
    const { base, lesson, work } = boxesScratch("tutor-unsaved-");
    writeFileSync(join(base, "a-file"), "");
    const tmux = new Tmux("tutor", ROOT, {
      XDG_STATE_HOME: join(base, "a-file", "state"),
      NO_COLOR: "1",
    });
    try {
      tmux.window("learner", work);
      tmux.type("tutor", `node runner/bin.js tutor ${lesson} --interval 300ms; echo code=$?`);
      let screen = await tmux.waitFor("tutor", /✖ the folder box exists/);
      assert.match(screen, /^Progress cannot be saved \(ENOTDIR: .*\): q will not remember/m);
      await tmux.run("learner", "mkdir -p box");
      screen = await tmux.waitFor("tutor", /✖ box\/greeting says hello/);
      assert.equal(screen.match(/Progress cannot be saved/g)?.length, 1, screen);

      tmux.keys("tutor", "q");
      screen = await tmux.waitFor("tutor", /code=\d+/);
      assert.match(screen, /\nrun-lesson: progress not saved: ENOTDIR: .*\ncode=0\n/);
      assert.doesNotMatch(screen, /Saved: | {4}at /);
    } finally {
      tmux.kill();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
