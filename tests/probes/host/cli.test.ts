/**
 * Host probes through the command line: a scratch lesson whose checks are `file`, `user` and
 * `command` probes runs on the local target (the runner binds the host probes on every target),
 * passes after its commands, `check` fails with the probe's message and the check's hint once
 * the state is broken by hand, and a bad field is refused at load.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../../_cli.ts";

const dir = mkdtempSync(join(tmpdir(), "rl-host-probe-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const app = join(dir, "app");

/** Writes a one-step lesson folder; returns its path. */
function writeLesson(): string {
  const folder = join(dir, "lesson");
  mkdirSync(join(folder, "steps"), { recursive: true });
  writeFileSync(
    join(folder, "lesson.ts"),
    `export default ${JSON.stringify({ title: "Scratch host", steps: ["steps/01_app.ts"] })};\n`,
  );
  const step = {
    id: "app",
    title: "A private config",
    commands: [
      { run: `mkdir -p ${app} && chmod 2750 ${app}` },
      { run: `echo '{"port":8080}' > ${app}/config.json && chmod 0640 ${app}/config.json` },
    ],
    checks: [
      {
        id: "folder",
        title: "The folder is setgid",
        hint: "chmod 2750 the folder",
        probe: { kind: "file", path: app, type: "directory", mode: "2750" },
      },
      {
        id: "config",
        title: "The config is private and says port 8080",
        hint: "chmod 0640 config.json",
        probe: [
          { kind: "file", path: `${app}/config.json`, mode: "0640", json: { port: 8080 } },
          { kind: "user", name: "root", uid: 0 },
          { kind: "command", run: `grep -c port ${app}/config.json`, stdout: "1" },
        ],
      },
    ],
  };
  writeFileSync(join(folder, "steps/01_app.ts"), `export default ${JSON.stringify(step)};\n`);
  return folder;
}

describe("host probes through run-lesson run and check", () => {
  const lesson = writeLesson();

  it("run passes the lesson's host probe checks on the local target", async () => {
    const r = await cli("run", lesson);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /✔ The folder is setgid/);
    assert.match(r.out, /✔ The config is private and says port 8080/);
  });

  it("check fails with the probe's message and the hint once the state is broken", async () => {
    chmodSync(join(app, "config.json"), 0o644);
    const r = await cli("check", lesson, "--step", "app");
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(
      r.out,
      new RegExp(
        `✖ The config is private and says port 8080 0\\.67/1: 2 of 3 parts pass: file "${app}/config\\.json": mode is 0644, expected 0640\n    hint: chmod 0640 config\\.json\n`,
      ),
    );
  });

  it("refuses at load a host probe with a bad field, naming the file and field", async () => {
    const bad = join(dir, "bad");
    mkdirSync(join(bad, "steps"), { recursive: true });
    writeFileSync(
      join(bad, "lesson.ts"),
      `export default ${JSON.stringify({ title: "Bad", steps: ["steps/01.ts"] })};\n`,
    );
    const step = {
      id: "s",
      title: "S",
      commands: [{ run: "true" }],
      checks: [{ id: "c", title: "c", hint: "h", probe: { kind: "file", path: "/x", mode: "rw" } }],
    };
    writeFileSync(join(bad, "steps/01.ts"), `export default ${JSON.stringify(step)};\n`);
    const r = await cli("run", bad);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /"checks\[0\]\.probe\.mode" must be three or four octal digits, e\.g\. "0640", got "rw"\n$/,
    );
  });
});
