/**
 * `run-lesson tutor --target ssh://…` in a real terminal (tmux): the tutor checks the state of
 * a host over SSH (a real OpenSSH server on loopback, host key verified) while the learner
 * changes it in a second window.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { startSshd } from "../ssh/_sshd.ts";
import { boxesScratch } from "./_boxes_lesson.ts";
import { Tmux } from "./_tmux.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("run-lesson tutor --target ssh://… in a terminal", () => {
  it("watches the host's state over SSH and saves progress for that target", async () => {
    const sshd = await startSshd();
    const { base, lesson, work } = boxesScratch("tutor-ssh-");
    const state = join(base, "state");
    const knownHosts = join(base, "known_hosts");
    writeFileSync(knownHosts, `${sshd.knownHostsLine}\n`);
    const target = `ssh://root@${sshd.host}:${sshd.port}`;
    const tmux = new Tmux("tutor", ROOT, { XDG_STATE_HOME: state, NO_COLOR: "1" });
    try {
      tmux.window("learner", work);
      tmux.type(
        "tutor",
        `node runner/bin.js tutor ${lesson} --target ${target} --identity ${sshd.keyPath} ` +
          `--known-hosts ${knownHosts} --interval 300ms`,
      );
      let screen = await tmux.waitFor("tutor", /✖ the folder box exists/, 60_000);
      assert.match(screen, /Step 1\/3 · Make a box\n/);

      await tmux.run("learner", "mkdir box");
      screen = await tmux.waitFor("tutor", /✖ box\/greeting says hello/);
      assert.match(screen, /Step 2\/3 · Put a greeting in it/);

      tmux.keys("tutor", "q");
      await tmux.waitFor(
        "tutor",
        /Saved: step 2 of 3\. Resume with: run-lesson tutor .* --target ssh:/,
      );
      const [file] = readdirSync(join(state, "run-lesson"));
      const saved = JSON.parse(readFileSync(join(state, "run-lesson", file), "utf8"));
      assert.equal(saved.target, target);
      assert.equal(saved.step, "fill");
    } finally {
      tmux.keys("tutor", "q");
      await tmux.waitFor("tutor", /Saved: /, 30_000).catch(() => {});
      tmux.kill();
      await sshd.stop();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
