/**
 * `run-lesson tutor` in a real terminal (tmux) on a scratch lesson that needs only a shell: one
 * window runs the tutor, another is the learner's shell, where the step's commands are typed.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { boxesScratch } from "./_boxes_lesson.ts";
import { Tmux } from "./_tmux.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("run-lesson tutor in a terminal (local target)", () => {
  it("ticks checks as the learner types, hints, resumes, goes back and starts over", async () => {
    const { base, lesson, work } = boxesScratch("tutor-local-");
    const state = join(base, "state");
    const tutor = `node runner/bin.js tutor ${lesson} --interval 300ms`;
    const tmux = new Tmux("tutor", ROOT, { XDG_STATE_HOME: state, NO_COLOR: "1" });
    try {
      tmux.window("learner", work);
      tmux.type("tutor", tutor);
      let screen = await tmux.waitFor("tutor", /✖ the folder box exists/);
      assert.match(screen, /Step 1\/3 · Make a box\n/);
      assert.match(screen, /Every good lesson starts with an empty box\./);
      assert.match(screen, new RegExp(`  \\$ mkdir -p ${work}/box\n`));
      assert.doesNotMatch(screen, /hint:/);

      tmux.keys("tutor", "h");
      await tmux.waitFor("tutor", new RegExp(`hint: Make it with: mkdir -p ${work}/box`));
      tmux.keys("tutor", "s");
      await tmux.waitFor("tutor", /Solution: the commands of "Make a box"\n\n {2}\$ mkdir -p/);

      await tmux.run("learner", "mkdir -p box");
      screen = await tmux.waitFor("tutor", /✖ box\/greeting says hello/);
      assert.match(screen, /✔ Step 1 done: every check passes\./);
      assert.match(screen, /Step 2\/3 · Put a greeting in it\n/);

      // A wrong command: the check stays failing and its hint comes after three polls.
      await tmux.run("learner", "echo helo > box/greeting");
      screen = await tmux.waitFor("tutor", /hint: Write the word hello, spelt with two l\./);
      assert.match(screen, /✖ box\/greeting says hello/);

      tmux.keys("tutor", "q");
      screen = await tmux.waitFor("tutor", /Saved: step 2 of 3\. Resume with: run-lesson tutor /);
      const files = readdirSync(join(state, "run-lesson"));
      assert.equal(files.length, 1);
      const saved = JSON.parse(readFileSync(join(state, "run-lesson", files[0]), "utf8"));
      assert.equal(saved.step, "fill");
      assert.equal(saved.target, "local");
      assert.equal(saved.finished, false);

      // Back again: it resumes at the same step.
      await tmux.clear("tutor");
      tmux.type("tutor", tutor);
      screen = await tmux.waitFor("tutor", /✖ box\/greeting says hello/);
      assert.match(screen, /Step 2\/3 · Put a greeting in it/);
      assert.doesNotMatch(screen, /Step 1\/3/);

      await tmux.run("learner", "echo hello > box/greeting");
      screen = await tmux.waitFor("tutor", /Nothing to check in this step/);
      assert.match(screen, /✔ Step 2 done/);
      assert.match(screen, /Step 3\/3 · Read it back\n[─]+\n\nType these commands in your shell:/);

      // p goes back to a passing step and stays there; n goes on; n past the end finishes.
      tmux.keys("tutor", "p");
      await tmux.waitFor("tutor", /every check passes, press n to go on/);
      tmux.keys("tutor", "n");
      await tmux.waitFor("tutor", /Step 3\/3 · Read it back\nNothing to check/);
      tmux.keys("tutor", "n");
      await tmux.waitFor("tutor", /End of the lesson: you went through all 3 steps\./);
      tmux.keys("tutor", "q");
      await tmux.waitFor("tutor", /Saved: the end of the lesson\./);

      await tmux.clear("tutor");
      tmux.type("tutor", `${tutor} --restart`);
      // Starts over at step 1, whose work is done already: it waits there for n, unskipped.
      screen = await tmux.waitFor("tutor", /every check passes, press n to go on/);
      assert.match(screen, /Step 1\/3 · Make a box\n {2}✔ the folder box exists\n/);
      tmux.keys("tutor", "q");
      await tmux.waitFor("tutor", /Saved: step 1 of 3\./);
    } finally {
      tmux.kill();
      rmSync(base, { recursive: true, force: true });
    }
  });

  it("refuses a terminal that is not interactive, pointing to check --step", async () => {
    const tmux = new Tmux("tutor", ROOT, {});
    try {
      const screen = await tmux.run(
        "tutor",
        "node runner/bin.js tutor demo < /dev/null; echo code=$?",
      );
      assert.match(
        screen,
        /\nrun-lesson: tutor needs an interactive terminal \(stdin and stdout a TTY\); in a script, run: run-lesson check demo --step <id>\ncode=2\n/,
      );
    } finally {
      tmux.kill();
    }
  });
});
