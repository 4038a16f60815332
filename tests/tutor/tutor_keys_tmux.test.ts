/**
 * `run-lesson tutor` in a real terminal (tmux): what is not a key press is not taken for keys. A
 * command pasted into the tutor's pane instead of the shell's does not skip steps with its
 * letters n and p nor show hints with its h, and the escape sequences of arrows and Home (which
 * ends in H) press nothing; single keys, typed fast, still do.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { boxesScratch } from "./_boxes_lesson.ts";
import { Tmux } from "./_tmux.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("run-lesson tutor keys in a terminal", () => {
  it("ignores a pasted command and escape sequences, and takes fast keys", async () => {
    const { base, lesson } = boxesScratch("tutor-keys-");
    const tmux = new Tmux("tutor", ROOT, { XDG_STATE_HOME: join(base, "state"), NO_COLOR: "1" });
    try {
      // A poll a minute: no hint comes from failing polls while the test looks.
      tmux.type("tutor", `node runner/bin.js tutor ${lesson} --interval 60s`);
      await tmux.waitFor("tutor", /✖ the folder box exists/);

      tmux.keys("tutor", "-l", "echo hello > box/greeting && mkdir -p next");
      tmux.keys("tutor", "Home", "Right", "Left", "Up", "Down", "End", "F1");
      await sleep(1_500);
      let screen = tmux.screen("tutor");
      assert.match(screen, /\nStep 1\/3 · Make a box\n {2}✖ the folder box exists/, screen);
      assert.doesNotMatch(screen, /hint:|Solution:|Step 2\/3/, screen);

      tmux.keys("tutor", "h");
      await tmux.waitFor("tutor", /hint: Make it with: mkdir -p /);
      tmux.keys("tutor", "n", "n", "p");
      screen = await tmux.waitFor("tutor", /\nStep 2\/3 · Put a greeting in it\n {2}[·✖]/);
      tmux.keys("tutor", "q");
      await tmux.waitFor("tutor", /Saved: step 2 of 3\./);
    } finally {
      tmux.kill();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
