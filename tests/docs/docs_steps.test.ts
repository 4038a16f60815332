import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../_cli.ts";
import { scratchLesson, stepSource } from "./_scratch_lesson.ts";

const scratch = mkdtempSync(join(tmpdir(), "run-lesson-docs-steps-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

const GREET = [
  '{ run: "echo hello", stdout: "hello" }',
  '{ run: "ls /no-such-dir", stderr: "{{*}}No such file or directory", exitCode: 2 }',
];

const DOC = [
  "# Scratch",
  "",
  "## Greet",
  "",
  "<!-- step: greet -->",
  "",
  "Say hello:",
  "",
  "```sh",
  "echo hello",
  "```",
  "",
  "Output:",
  "",
  "```text",
  "hello",
  "```",
  "",
  "A directory that is not there:",
  "",
  "```sh",
  "ls /no-such-dir",
  "```",
  "",
  "Output (on stderr, exit code 2):",
  "",
  "```text",
  "ls: cannot access '/no-such-dir': No such file or directory",
  "```",
  "",
  "## After",
  "",
  "The end.",
  "",
].join("\n");

let n = 0;
function lesson(commands: string[] = GREET, doc: string = DOC): string {
  return scratchLesson(
    join(scratch, `l${n++}`),
    { "01_greet.ts": stepSource("greet", commands) },
    doc,
  );
}

describe("run-lesson docs on a doc with step markers", () => {
  it("an up-to-date doc passes --check and is not even rewritten by --update", async () => {
    const dir = lesson();
    const file = join(dir, "README.md");
    const before = statSync(file);
    const check = await cli("docs", dir, "--check");
    assert.equal(check.err, "");
    assert.equal(check.out, `${file}: 2 blocks fresh, 0 stale, 0 not compared, 0 unlinked\n`);
    assert.equal(check.code, 0);
    const update = await cli("docs", dir, "--update");
    assert.equal(update.code, 0, update.out);
    assert.equal(readFileSync(file, "utf8"), DOC);
    assert.equal(statSync(file).mtimeMs, before.mtimeMs);
    assert.equal(statSync(file).ino, before.ino);
  });

  it("a command added to a step: --check names it, --update writes it with its output", async () => {
    const dir = lesson([...GREET, '{ run: "printf \'a\\\\nb\\\\n\'", stdout: "a\\nb" }']);
    const file = join(dir, "README.md");
    const check = await cli("docs", dir, "--check");
    assert.equal(check.code, 1);
    assert.equal(
      check.out,
      `command missing: ${file}:30 step "greet" command 2 "printf 'a\\nb\\n'" is not in the doc\n` +
        "\n" +
        `${file}: 2 blocks fresh, 0 stale, 0 not compared, 0 unlinked, 1 command out of date\n` +
        `To update the doc, run: run-lesson docs ${dir} --update\n`,
    );
    assert.equal(readFileSync(file, "utf8"), DOC, "--check changes nothing");

    const update = await cli("docs", dir, "--update");
    assert.equal(update.code, 0, update.out);
    assert.match(update.out, /^command added: .*README\.md:30 step "greet" command 2 /);
    assert.equal(
      readFileSync(file, "utf8"),
      DOC.replace(
        "No such file or directory\n```\n\n",
        "No such file or directory\n```\n\n```sh\nprintf 'a\\nb\\n'\n```\n\nOutput:\n\n```text\na\nb\n```\n\n",
      ),
    );
    const again = await cli("docs", dir, "--check");
    assert.equal(again.code, 0, again.out);
  });

  it("a changed command is rewritten and a removed one disappears, prose kept", async () => {
    const dir = lesson(['{ run: "echo hi", stdout: "hi" }']);
    const file = join(dir, "README.md");
    const check = await cli("docs", dir, "--check");
    assert.equal(check.code, 1);
    assert.equal(
      check.out,
      `command differs: ${file}:9 step "greet" command 0 "echo hi": the doc shows "echo hello"\n` +
        `command not in the step: ${file}:21 step "greet": the doc shows "ls /no-such-dir", which the step does not run\n` +
        "\n" +
        `${file}: 0 blocks fresh, 0 stale, 0 not compared, 0 unlinked, 2 commands out of date\n` +
        `To update the doc, run: run-lesson docs ${dir} --update\n`,
    );
    const update = await cli("docs", dir, "--update");
    assert.equal(update.code, 0, update.out);
    assert.equal(
      readFileSync(file, "utf8"),
      DOC.replace(
        "echo hello\n```\n\nOutput:\n\n```text\nhello",
        "echo hi\n```\n\nOutput:\n\n```text\nhi",
      )
        .replace(
          "```sh\nls /no-such-dir\n```\n\nOutput (on stderr, exit code 2):\n\n```text\nls: cannot access '/no-such-dir': No such file or directory\n```\n\n",
          "",
        ),
    );
  });

  it("a doc without step markers gets a one-line note on how to add them", async () => {
    const dir = lesson(GREET, DOC.replace("<!-- step: greet -->\n\n", ""));
    const r = await cli("docs", dir, "--check");
    assert.equal(r.code, 0, r.out);
    assert.equal(
      r.err,
      `run-lesson: note: ${dir}/README.md has no step markers, so only its Output blocks are kept: put <!-- step: <step-id> --> where each step's commands go, and docs --update writes them there\n`,
    );
  });

  it("a step marker naming an unknown step stops before anything runs", async () => {
    const dir = lesson(GREET, DOC.replace("<!-- step: greet -->", "<!-- step: gret -->"));
    const r = await cli("docs", dir, "--update");
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      `run-lesson: Cannot link doc "${dir}/README.md" line 5: step marker "<!-- step: gret -->" names an unknown step "gret": known steps are greet\n`,
    );
    assert.equal(
      readFileSync(join(dir, "README.md"), "utf8"),
      DOC.replace("greet -->", "gret -->"),
    );
  });

  it("--reporter json lists the command changes", async () => {
    const dir = lesson(['{ run: "echo hi", stdout: "hi" }', GREET[1]]);
    const r = await cli("docs", dir, "--check", "--reporter", "json");
    assert.equal(r.code, 1);
    const report = JSON.parse(r.out);
    assert.equal(report.status, "stale");
    assert.deepEqual(report.commands, [{
      kind: "changed",
      step: "greet",
      index: 0,
      command: "echo hi",
      was: "echo hello",
      line: 9,
    }]);
  });

  it("keeps CRLF line endings", async () => {
    const crlf = DOC.replace(/\n/g, "\r\n");
    const dir = lesson([...GREET, '{ run: "echo more", stdout: "more" }'], crlf);
    const r = await cli("docs", dir, "--update");
    assert.equal(r.code, 0, r.out);
    const text = readFileSync(join(dir, "README.md"), "utf8");
    assert.ok(
      text.includes("```sh\r\necho more\r\n```\r\n\r\nOutput:\r\n\r\n```text\r\nmore\r\n```\r\n"),
    );
    assert.doesNotMatch(text, /[^\r]\n/);
  });
});
