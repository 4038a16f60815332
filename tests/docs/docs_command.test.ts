import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { Buffer } from "node:buffer";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { docs } from "../../runner/commands/docs.ts";
import { captureIo, type CliRun } from "../_cli.ts";
import { LESSONS_DIR } from "../../lib/lesson/load.ts";

/** Runs the docs command itself (so that its usage errors reach the test as rejections). */
async function cli(...argv: string[]): Promise<CliRun> {
  const { io, captured } = captureIo();
  const code = await docs.run(argv, io);
  return { code, ...captured };
}

const DEMO = join(LESSONS_DIR, "demo");
const COMMITTED = readFileSync(join(DEMO, "README.md"));
const scratch = mkdtempSync(join(tmpdir(), "run-lesson-docs-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the demo lesson whose README has `from` replaced by `to` (once). */
function demoCopy(name: string, from: string, to: string): string {
  const dir = join(scratch, name);
  cpSync(DEMO, dir, { recursive: true });
  const text = COMMITTED.toString("utf8");
  assert.ok(text.includes(from), `the demo README shows ${JSON.stringify(from)}`);
  writeFileSync(join(dir, "README.md"), text.replace(from, to));
  return dir;
}

const STALE_FIX = "```text\nstopped at 4\n```";
const FRESH = "```text\nstopped at 3\n```";

describe("run-lesson docs", () => {
  it("--help describes both modes, the linking rules and the exit codes", async () => {
    const r = await cli("--help");
    assert.equal(r.code, 0);
    assert.match(r.out, /^Usage: run-lesson docs <lesson> --check \[options\]\n/);
    assert.match(r.out, /--update {14}rewrite only the stale blocks/);
    assert.match(r.out, /<!-- run-lesson: <step-id>#<command-index> -->/);
    assert.match(r.out, /Exit codes: 0 the doc is fresh/);
  });

  const USAGE: Array<[string[], string]> = [
    [["demo"], "Missing mode: pass --check or --update"],
    [["demo", "--check", "--update"], "Cannot use --check and --update together: pick one"],
    [
      ["--check"],
      "Missing lesson: run-lesson docs <lesson> --check (run-lesson list shows the lessons)",
    ],
    [["demo", "other", "--check"], "Expected one lesson, got 2: demo other"],
    [
      ["demo", "--check", "--timeout", "soon"],
      'Invalid value for --timeout: "soon": use a duration such as 500ms, 30s or 2m',
    ],
  ];
  for (const [argv, message] of USAGE) {
    it(`${argv.join(" ")}: usage error "${message}"`, async () => {
      await assert.rejects(cli(...argv), { name: "UsageError", message });
    });
  }

  it("--check passes on the committed demo doc", async () => {
    const r = await cli("demo", "--check");
    assert.equal(r.err, "");
    assert.equal(
      r.out,
      "lessons/demo/README.md: 10 blocks fresh, 0 stale, 0 not compared, 0 unlinked\n",
    );
    assert.equal(r.code, 0);
    assert.deepEqual(readFileSync(join(DEMO, "README.md")), COMMITTED);
  });

  it("--check lists a stale block with a diff and the command that fixes it", async () => {
    const dir = demoCopy("check", FRESH, STALE_FIX);
    const r = await cli(dir, "--check", "--timeout", "20s");
    assert.equal(r.code, 1);
    assert.equal(
      r.out,
      `stale: ${dir}/README.md:107 step "ticker" command 1 "echo "stopped at $i"" (stdout)\n` +
        '  line 1: expected "stopped at 3", got "stopped at 4"\n' +
        "  --- doc\n" +
        "  +++ real stdout\n" +
        "  @@ -1,1 +1,1 @@\n" +
        "  -stopped at 4\n" +
        "  +stopped at 3\n" +
        "\n" +
        `${dir}/README.md: 9 blocks fresh, 1 stale, 0 not compared, 0 unlinked\n` +
        `To update the doc, run: run-lesson docs ${dir} --update --timeout 20s\n`,
    );
  });

  it("--update rewrites exactly the stale block; a second --update writes nothing", async () => {
    const dir = demoCopy("update", FRESH, STALE_FIX);
    const file = join(dir, "README.md");
    const first = await cli(dir, "--update");
    assert.equal(first.err, "");
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /^updated: .*README\.md:107 step "ticker" command 1 /);
    assert.match(first.out, /README\.md: 9 blocks fresh, 1 updated, 0 not compared, 0 unlinked\n$/);
    // The one stale block is back to the real output; every other byte is as committed.
    assert.deepEqual(readFileSync(file), COMMITTED);
    const written = statSync(file);

    const second = await cli(dir, "--update");
    assert.equal(second.code, 0);
    assert.equal(second.out, `${file}: 10 blocks fresh, 0 updated, 0 not compared, 0 unlinked\n`);
    assert.deepEqual(readFileSync(file), COMMITTED);
    assert.equal(statSync(file).mtimeMs, written.mtimeMs);
    assert.equal(statSync(file).ino, written.ino, "not even rewritten with the same bytes");

    const check = await cli(dir, "--check");
    assert.equal(check.code, 0, check.out);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith(".tmp")), []);
  });

  it("--update refuses to write a doc that changed on disk while the lesson ran", async () => {
    const dir = demoCopy("concurrent", FRESH, STALE_FIX);
    const file = join(dir, "README.md");
    // One more step edits the doc in the middle of the run, as an editor would.
    writeFileSync(
      join(dir, "steps", "07_edit.ts"),
      `export default { id: "edit", title: "Edit the doc meanwhile", commands: [\n` +
        `  { run: ${JSON.stringify(`printf 'edited\\n' >> '${file}'`)}, doc: false },\n` +
        `] };\n`,
    );
    const index = readFileSync(join(dir, "lesson.ts"), "utf8");
    writeFileSync(
      join(dir, "lesson.ts"),
      index.replace('"steps/06_cleanup.ts",', '"steps/06_cleanup.ts",\n    "steps/07_edit.ts",'),
    );
    const before = readFileSync(file);
    const r = await cli(dir, "--update");
    assert.equal(r.code, 1);
    assert.equal(
      r.err,
      `run-lesson: Cannot update doc "${file}": it changed on disk after it was read; nothing was written, run the command again\n`,
    );
    assert.match(r.out, /: 9 blocks fresh, 0 updated, 0 not compared, 0 unlinked\n$/);
    assert.deepEqual(readFileSync(file), Buffer.concat([before, Buffer.from("edited\n")]));
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith(".tmp")), []);
  });

  it("--check exits 1 and names a command that failed", async () => {
    const dir = join(scratch, "failing");
    mkdirSync(join(dir, "steps"), { recursive: true });
    writeFileSync(
      join(dir, "lesson.ts"),
      'export default { title: "Failing", steps: ["steps/01_greet.ts"] };\n',
    );
    writeFileSync(
      join(dir, "steps", "01_greet.ts"),
      'export default { id: "greet", title: "Greet", commands: [\n' +
        '  { run: "echo hello", stdout: "goodbye" },\n  { run: "echo fine", stdout: "fine" },\n] };\n',
    );
    writeFileSync(
      join(dir, "README.md"),
      "```sh\necho hello\n```\n\nOutput:\n\n```\ngoodbye\n```\n\n```sh\necho fine\n```\n\nOutput:\n\n```\nfine\n```\n",
    );
    const r = await cli(dir, "--check");
    assert.equal(r.code, 1);
    assert.equal(
      r.out,
      'failed: step "greet" command 0 "echo hello": stdout: expected "goodbye", got "hello"\n' +
        `not compared (the command failed): ${dir}/README.md:7 step "greet" command 0 "echo hello" (stdout)\n` +
        "\n" +
        `${dir}/README.md: 1 blocks fresh, 0 stale, 1 not compared, 0 unlinked\n` +
        "The doc cannot be verified while a command fails: make the lesson pass first (run-lesson run shows why).\n",
    );
  });

  it("a doc with a bad marker stops before anything runs", async () => {
    const dir = demoCopy("marker", "<!-- run-lesson: reuse#1 -->", "<!-- run-lesson: reuse#9 -->");
    await assert.rejects(cli(dir, "--check"), {
      name: "LessonError",
      message:
        `Cannot link doc "${dir}/README.md" line 58: marker "<!-- run-lesson: reuse#9 -->" names command 9 of step "reuse", which has 3 (0-based)`,
    });
  });

  it("a doc that is not UTF-8 is a lesson error (it could not be rewritten byte for byte)", async () => {
    const dir = demoCopy("latin1", "# Shell warm-up", "# Shell warm-up");
    writeFileSync(join(dir, "README.md"), Buffer.from("# caf\xe9\n", "latin1"));
    await assert.rejects(cli(dir, "--check"), {
      name: "LessonError",
      message: `Cannot read doc "${dir}/README.md": it is not valid UTF-8`,
    });
  });

  it("a lesson without its doc is a lesson error", async () => {
    await assert.rejects(cli("tests/fixtures/lessons/failing", "--check"), {
      name: "LessonError",
      message: 'Cannot read doc "tests/fixtures/lessons/failing/README.md": no such file',
    });
  });
});
