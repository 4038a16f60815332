/**
 * `run-lesson tutor --target container://NAME` in a real terminal (tmux): the tutor checks the
 * state inside a running container through the Engine API, while the learner changes it with
 * `docker exec` in a second window.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { connectDocker } from "../../lib/docker/mod.ts";
import {
  ensureBusyboxImage,
  removeTestResources,
  startSleeper,
  uniqueName,
} from "../docker/_fixtures.ts";
import { requireEngine } from "../_services.ts";
import { boxesLesson } from "./_boxes_lesson.ts";
import { Tmux } from "./_tmux.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("run-lesson tutor --target container://NAME in a terminal", () => {
  it("watches the container's state and saves progress for that target", async () => {
    requireEngine();
    const docker = await connectDocker();
    await ensureBusyboxImage(docker);
    const name = uniqueName("tutor");
    const base = mkdtempSync(join(tmpdir(), "tutor-container-"));
    const lesson = join(base, "lesson");
    const state = join(base, "state");
    // The checks read this folder inside the container; this machine has none.
    const work = `/tmp/${name}`;
    boxesLesson(lesson, work);
    await startSleeper(docker, name);
    const tmux = new Tmux("tutor", ROOT, { XDG_STATE_HOME: state, NO_COLOR: "1" });
    try {
      tmux.window("learner", base);
      tmux.type(
        "tutor",
        `node runner/bin.js tutor ${lesson} --target container://${name} --interval 300ms`,
      );
      let screen = await tmux.waitFor("tutor", /✖ the folder box exists/, 60_000);
      assert.match(screen, /Step 1\/3 · Make a box\n/);

      await tmux.run("learner", `docker exec ${name} mkdir -p ${work}/box`);
      screen = await tmux.waitFor("tutor", /✖ box\/greeting says hello/);
      assert.match(screen, /Step 2\/3 · Put a greeting in it/);
      assert.match(tmux.screen("tutor", true), /✔ Step 1 done: every check passes\./);
      assert.equal(existsSync(work), false);

      tmux.keys("tutor", "q");
      await tmux.waitFor(
        "tutor",
        new RegExp(
          `Saved: step 2 of 3\\. Resume with: run-lesson tutor .* --target container://${name}\\n`,
        ),
      );
      const [file] = readdirSync(join(state, "run-lesson"));
      const saved = JSON.parse(readFileSync(join(state, "run-lesson", file), "utf8"));
      assert.equal(saved.target, `container://${name}`);
      assert.equal(saved.step, "fill");
    } finally {
      tmux.keys("tutor", "q");
      await tmux.waitFor("tutor", /Saved: /, 30_000).catch(() => {});
      tmux.kill();
      await removeTestResources(docker, [name]);
      rmSync(base, { recursive: true, force: true });
    }
  });
});
