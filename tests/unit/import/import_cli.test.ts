import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadLesson } from "../../../lib/lesson/load.ts";
import { cli } from "../../_cli.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const TUTORIAL = join(ROOT, "tests/fixtures/import/container-networking-tutorial.txt");
let scratch = "";

before(() => {
  scratch = mkdtempSync(join(tmpdir(), "run-lesson-import-"));
});

after(() => rmSync(scratch, { recursive: true, force: true }));

const DOC = `# Hello files

## Make a file

\`\`\`sh
# the greeting
echo "hello" > greeting.txt
cat greeting.txt
\`\`\`

Output:

\`\`\`text
hello
\`\`\`

## Follow it

\`\`\`console
$ tail -f greeting.txt
hello
^C
\`\`\`
`;

describe("run-lesson import", () => {
  it("writes lesson.ts, a step module per section and the doc with step markers", async () => {
    const source = join(scratch, "hello.md");
    writeFileSync(source, DOC);
    const out = join(scratch, "hello");
    const r = await cli("import", source, "--out", out);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Imported .*hello\.md into .*hello \(markdown\): 2 steps, 3 commands$/m);
    assert.deepEqual(readdirSync(join(out, "steps")), ["01_make_a_file.ts", "02_follow_it.ts"]);
    const lesson = await loadLesson(out);
    assert.equal(lesson.index.title, "Hello files");
    assert.equal(lesson.index.target, "local");
    assert.deepEqual(lesson.steps[0].commands, [
      { run: 'echo "hello" > greeting.txt' },
      { run: "cat greeting.txt", stdout: "hello" },
    ]);
    assert.deepEqual(lesson.steps[1].commands, [
      { run: "tail -f greeting.txt", stdout: "hello", stop: { kind: "lines", count: 1 } },
    ]);
    const step = readFileSync(join(out, "steps/01_make_a_file.ts"), "utf8");
    assert.match(step, /^import type \{ Step \} from "run-lesson";\n/);
    assert.match(step, / {4}\/\/ the greeting\n {4}\{ run: 'echo "hello" > greeting.txt' \},\n/);
    assert.match(step, /\} satisfies Step;\n$/);
    const doc = readFileSync(join(out, "README.md"), "utf8");
    assert.equal(
      doc,
      DOC.replace("## Make a file\n", "## Make a file\n\n<!-- step: make-a-file -->\n")
        .replace("## Follow it\n", "## Follow it\n\n<!-- step: follow-it -->\n"),
    );
  });

  it("writes the text tutorial's lesson in deno fmt's layout, and says which lines were commands", async () => {
    const out = join(scratch, "from-text");
    const r = await cli("import", TUTORIAL, "--from", "text", "--out", out);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Commands taken from lines: 48, 56, 75-78, 86-90, 98, 150-154, /m);
    assert.match(r.out, /^Review \(\d+, marked \/\/ review: in the files\):$/m);
    assert.match(
      r.out,
      /^ {2}steps\/10_step_5_build_and_run_the_agent\.ts: agent\.py lost its indentation/m,
    );
    const files = ["lesson.ts", ...readdirSync(join(out, "steps")).map((f) => `steps/${f}`)];
    assert.equal(files.length, 12);
    const fmt = spawnSync(
      join(ROOT, "node_modules/deno/deno"),
      ["fmt", "--check", "--line-width", "100", ...files],
      { cwd: out, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    assert.equal(fmt.status, 0, fmt.stdout + fmt.stderr);
    assert.match(readFileSync(join(out, "ai-agent/agent.py"), "utf8"), /\n {8}return \{"source"/);
  });

  it("refuses a folder that exists, in one line with exit code 2, and writes nothing", async () => {
    const out = join(scratch, "taken");
    mkdirSync(out);
    writeFileSync(join(out, "keep.txt"), "mine\n");
    const r = await cli("import", TUTORIAL, "--from", "text", "--out", out);
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      `run-lesson: Cannot import into "${out}": it exists (--force writes over it)\n`,
    );
    assert.deepEqual(readdirSync(out), ["keep.txt"]);
    const forced = await cli("import", TUTORIAL, "--from", "text", "--out", out, "--force");
    assert.equal(forced.code, 0, forced.err);
    assert.ok(existsSync(join(out, "lesson.ts")));
  });

  it("refuses a file without shell blocks, and a text without command lines", async () => {
    const source = join(scratch, "prose.md");
    writeFileSync(source, "# Just prose\n\nNothing to type.\n\n```text\noutput only\n```\n");
    const out = join(scratch, "prose");
    const r = await cli("import", source, "--out", out);
    assert.equal(r.code, 2);
    assert.match(r.err, /^run-lesson: Cannot import ".*prose\.md": it has no shell blocks .*\n$/);
    const t = await cli("import", source, "--from", "text", "--out", out);
    assert.equal(t.code, 2);
    assert.match(t.err, /no line of it starts like a shell command\n$/);
    assert.equal(existsSync(out), false);
  });

  it("refuses an unknown format and a missing --out", async () => {
    const r = await cli("import", TUTORIAL, "--from", "html", "--out", join(scratch, "x"));
    assert.equal(r.code, 2);
    assert.equal(r.err, 'run-lesson: Unknown format "html": import reads markdown or text\n');
    const missing = await cli("import", TUTORIAL);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /run-lesson import <file> --out <dir>/);
  });
});
