/**
 * `run-lesson tutor` in a real terminal (tmux) made narrower while it runs: the terminal rewraps
 * the status block's lines onto more rows, and the next redraw clears all of them, leaving one
 * status block on screen rather than the top of the old one above the new. Made shorter than
 * the status block, the block is cut to fit, keeping the scrollback free of its copies.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { boxesScratch } from "./_boxes_lesson.ts";
import { Tmux } from "./_tmux.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** How many times `pattern` occurs in `text`. */
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe("run-lesson tutor in a terminal made smaller", () => {
  it("redraws one status block over the rewrapped old one, and cuts it to the height", async () => {
    const { base, lesson } = boxesScratch("tutor-resize-");
    const tmux = new Tmux("tutor", ROOT, { XDG_STATE_HOME: join(base, "state"), NO_COLOR: "1" });
    try {
      tmux.type("tutor", `node runner/bin.js tutor ${lesson} --interval 300ms`);
      await tmux.waitFor("tutor", /✖ the folder box exists: expected exit code 0, got 1/);
      tmux.keys("tutor", "h");
      await tmux.waitFor("tutor", /hint: Make it with: mkdir -p /);

      tmux.resize("tutor", 40, 30);
      // The status redraws at the new width: its keys line is cut to 39 columns.
      const screen = await tmux.waitFor(
        "tutor",
        /^\[n\] next {2}\[p\] previous {2}\[c\] check now …$/m,
      );
      assert.equal(count(screen, /✖ the folder box exists/g), 1, screen);
      assert.equal(count(screen, /hint: /g), 1, screen);
      assert.equal(count(screen, /\[q\] quit/g), 0, screen);

      // Shorter than the status block: the block is cut to the screen's height, so that its
      // top does not scroll into the scrollback at every redraw, burying the step's text.
      tmux.resize("tutor", 100, 4);
      // Polls every 300 ms redraw the block with a new "checked … ago" each second.
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      const all = tmux.screen("tutor", true);
      // The step's heading, the copy of the block's top that the resize itself scrolled off,
      // and the block on screen; and at most one more copy, from a poll's redraw that tmux
      // read after its resize although the tutor had drawn it for the old size. Ten polls a
      // block left behind each would leave a dozen.
      const headings = count(all, /^Step 1\/3 · Make a box$/gm);
      assert.ok(headings >= 3 && headings <= 4, `${headings} headings:\n${all}`);
      assert.match(tmux.screen("tutor"), /^… \(2 more lines: a taller terminal shows them\)$/m);
      tmux.resize("tutor", 100, 30);
      await tmux.waitFor("tutor", /^\[n\] next .* \[q\] quit$/m);

      tmux.keys("tutor", "q");
      await tmux.waitFor("tutor", /Saved: step 1 of 3\./);
    } finally {
      tmux.kill();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
