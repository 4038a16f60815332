/**
 * `run-lesson check --step` and `--upto` on this machine: the demo's steps typed by hand in a
 * real shell and then checked one step at a time, the scores of what was asked only (in every
 * reporter), a scratch lesson whose later checks need earlier ones (a control, a capture found
 * read-only), and the one-line refusals: an unknown step, a check only a run could feed, and a
 * run's --only that leaves out the step binding its captures.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../_cli.ts";

// The demo's checks look for the newest demo.* folder in $TMPDIR: a folder of our own keeps
// other tests' runs of the demo out of sight. The target's shell inherits process.env.
const dir = mkdtempSync(join(tmpdir(), "run-lesson-check-step-"));
const TMP = join(dir, "tmp");
let savedTmpdir: string | undefined;
before(() => {
  mkdirSync(TMP);
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = TMP;
});
after(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  rmSync(dir, { recursive: true, force: true });
});

/** Types the commands in one bash, as a learner would, and returns what it printed. */
function byHand(...commands: string[]): string {
  return execFileSync("bash", ["-e", "-c", commands.join("\n")], {
    env: { ...process.env, TMPDIR: TMP },
    encoding: "utf8",
  });
}

/** The demo's scratch folders left in our $TMPDIR. */
const scratch = () => readdirSync(TMP).filter((name) => name.startsWith("demo."));

describe("run-lesson check demo, steps typed by hand", () => {
  it("fails the step's check, with its hint, before the step is done", async () => {
    const r = await cli("check", "demo", "--step", "workspace");
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /✖ token\.txt exists in the scratch folder 0\/1: found no "workdir"/);
    assert.match(r.out, /hint: Run the two commands of this step in the same shell, in order\.\n/);
    assert.match(r.out, /score 0\/1\n0 passed, 1 failed\n$/);
  });

  it("passes --step and --upto after the steps, scoring only what was asked", async () => {
    const printed = byHand(
      'cd "$(mktemp -d -t demo.XXXXXX)" && pwd',
      "head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \\n' > token.txt && cat token.txt",
      "echo",
      'echo "token $(cat token.txt) in $(pwd)"',
    );
    assert.match(printed, new RegExp(`^${TMP}/demo\\.\\w{6}\\n[0-9a-f]{12}\\ntoken `));
    const step = await cli("check", "demo", "--step", "workspace");
    assert.equal(step.code, 0, step.out + step.err);
    assert.equal(
      step.out,
      "Shell warm-up: captures, stop conditions, tables and JSON (local)\n" +
        "✔ token.txt exists in the scratch folder 1/1\nscore 1/1\n1 passed, 0 failed\n",
    );
    const upto = await cli("check", "demo", "--upto", "reuse");
    assert.equal(upto.code, 0, upto.out + upto.err);
    assert.match(upto.out, /score 1\/1\n/);

    // Every check of the lesson: the folder is there, so "gone" cannot pass yet.
    const all = await cli("check", "demo");
    assert.equal(all.code, 1);
    assert.match(all.out, /✔ token\.txt exists in the scratch folder 1\/1\n/);
    assert.match(all.out, /✖ the scratch folder is gone 0\/1: expected exit code 0, got 1\n/);
    assert.match(all.out, /score 1\/2\n/);
  });

  it("reports a step's checks alone in every reporter", async () => {
    const json = JSON.parse((await cli("check", "demo", "--step", "workspace", "--json")).out);
    assert.deepEqual(
      [json.score, json.maxScore, json.checks.map((c: { id: string }) => c.id)],
      [1, 1, ["token-file"]],
    );
    const tap = await cli("check", "demo", "--step", "workspace", "--reporter", "tap");
    assert.equal(tap.code, 0);
    assert.match(tap.out, /^1\.\.1$/m);
    assert.match(tap.out, /^ok 1 - token\.txt exists in the scratch folder/m);
    const junit = await cli("check", "demo", "--step", "workspace", "--reporter", "junit");
    assert.equal(junit.code, 0);
    assert.match(junit.out, /tests="1"/);
    assert.doesNotMatch(junit.out, /the scratch folder is gone/);
  });

  it("passes the clean-up's check once the folder is removed by hand", async () => {
    const [folder] = scratch();
    byHand(`cd / && rm -rf ${join(TMP, folder)}`);
    const r = await cli("check", "demo", "--step", "cleanup");
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /✔ the scratch folder is gone 1\/1\nscore 1\/1\n/);
    const workspace = await cli("check", "demo", "--step", "workspace");
    assert.equal(workspace.code, 1);
  });

  it("says so when the step asked for has no checks", async () => {
    const r = await cli("check", "demo", "--step", "reuse");
    assert.equal(r.code, 0);
    assert.match(r.out, /score 0\/0\n/);
    assert.equal(
      r.err,
      'run-lesson: step "reuse" has no checks; steps with checks: workspace, cleanup\n',
    );
  });

  it("refuses an unknown step in one line naming the known ones (exit 2)", async () => {
    const r = await cli("check", "demo", "--step", "nope");
    assert.equal(r.code, 2);
    assert.equal(r.out, "");
    assert.equal(
      r.err,
      'run-lesson: Unknown step "nope" in --step for lesson "demo": known steps are ' +
        "workspace, reuse, ticker, table, json, cleanup\n",
    );
    const both = await cli("check", "demo", "--step", "reuse", "--upto", "json");
    assert.equal(both.code, 2);
    assert.equal(both.err, "run-lesson: Use --step or --upto, not both\n");
  });

  it("run --only refuses a step whose captures an earlier step binds, before running", async () => {
    const before = scratch();
    const r = await cli("run", "demo", "--only", "reuse");
    assert.equal(r.code, 2);
    assert.equal(r.out, "");
    assert.equal(
      r.err,
      'run-lesson: Cannot run --only reuse: step "reuse" uses captures that earlier steps bind ' +
        '(step "workspace" binds "token", "workdir"); run those steps too: --only workspace,reuse\n',
    );
    assert.deepEqual(scratch(), before);
  });
});

/** Writes a lesson folder from step data; returns its path. */
function writeLesson(name: string, steps: Record<string, unknown>[]): string {
  const folder = join(dir, name);
  mkdirSync(join(folder, "steps"), { recursive: true });
  const files = steps.map((step, i) => `steps/0${i + 1}_${step.id}.ts`);
  writeFileSync(
    join(folder, "lesson.ts"),
    `export default ${JSON.stringify({ title: `Scratch ${name}`, steps: files })};\n`,
  );
  steps.forEach((step, i) => {
    writeFileSync(join(folder, files[i]), `export default ${JSON.stringify(step, null, 2)};\n`);
  });
  return folder;
}

describe("run-lesson check --step on a scratch lesson", () => {
  const box = join(dir, "crate");
  const mark = join(dir, "probed");
  const shell = (run: string, stdout?: string) => ({ kind: "shell", run, stdout });
  const check = (id: string, fields: Record<string, unknown>) => ({
    id,
    title: id,
    hint: `hint for ${id}`,
    ...fields,
  });
  let lesson = "";
  before(() => {
    lesson = writeLesson("packing", [
      {
        id: "make",
        title: "Make a box",
        commands: [{ run: `mkdir -p ${box} && echo ${box}`, stdout: "{{box:/\\S+/}}" }],
        checks: [
          check("box-made", {
            find: shell(`touch ${mark} && ls -d ${dir}/cra*`, "{{box:/\\S+/}}"),
            probe: shell("test -d {{box}}"),
          }),
        ],
      },
      {
        id: "fill",
        title: "Fill it",
        commands: [{ run: "touch {{box}}/item" }],
        checks: [check("box-full", { probe: shell("test -e {{box}}/item") })],
      },
      {
        id: "seal",
        title: "Seal it",
        commands: [{ run: "touch {{box}}/seal" }],
        checks: [
          check("sealed", { points: 2, probe: shell("test -e {{box}}/seal") }),
          check("no-junk", { control: "box-full", probe: shell("test ! -e {{box}}/junk") }),
        ],
      },
    ]);
    mkdirSync(box);
    writeFileSync(join(box, "item"), "");
  });

  it("scores one step's checks; the earlier checks they need run unscored", async () => {
    const r = await cli("check", lesson, "--step", "seal");
    assert.equal(r.code, 1);
    assert.equal(
      r.out,
      "Scratch packing (local)\n" +
        "✖ sealed 0/2: expected exit code 0, got 1\n    hint: hint for sealed\n" +
        "✔ no-junk 1/1\nscore 1/3\n1 passed, 1 failed\n",
    );
  });

  it("scores a step and the steps before it with --upto", async () => {
    const r = await cli("check", lesson, "--upto", "fill");
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /✔ box-made 1\/1\n✔ box-full 1\/1\nscore 2\/2\n/);
    const all = await cli("check", lesson);
    assert.match(all.out, /score 3\/5\n/);
  });

  it("fails a negative check whose control does not pass, also when only its step is asked", async () => {
    rmSync(join(box, "item"));
    try {
      const r = await cli("check", lesson, "--step", "seal");
      assert.match(r.out, /✖ no-junk 0\/1: its positive control "box-full" did not pass/);
    } finally {
      writeFileSync(join(box, "item"), "");
    }
  });

  it("runs nothing for an unknown step", async () => {
    rmSync(mark, { force: true });
    const r = await cli("check", lesson, "--upto", "nope");
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /^run-lesson: Unknown step "nope" in --upto for lesson ".*": known steps are make, fill, seal\n$/,
    );
    assert.equal(existsSync(mark), false);
  });

  it("refuses at load, in one line, a check that uses a capture only a run binds", async () => {
    const runOnly = writeLesson("run-only", [
      {
        id: "make",
        title: "Make a folder",
        commands: [{ run: "mktemp -d", stdout: "{{folder:/\\S+/}}" }],
        checks: [check("folder-made", { probe: shell("test -d {{folder}}") })],
      },
    ]);
    const expected = `run-lesson: Cannot load step "${runOnly}/steps/01_make.ts": ` +
      `"checks[0].probe.run" of check "folder-made" uses capture "folder", which only a run ` +
      `binds: give the check a "find" whose stdout binds it from the target's state\n`;
    for (const command of ["check", "validate", "run"]) {
      const r = await cli(command, runOnly);
      assert.equal(r.code, 2, command);
      assert.equal(r.err, expected, command);
      assert.equal(r.out, "", command);
    }
  });
});
