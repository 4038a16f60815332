import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../_cli.ts";
import { scratchLesson, stepSource } from "./_scratch_lesson.ts";

const scratch = mkdtempSync(join(tmpdir(), "run-lesson-accept-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A step whose expectations all pass: captures, references, placeholders and literals. */
const PASSING = stepSource("info", [
  '{ run: "printf \'id %s\\\\n\' 3f2a9c1b7d4e", stdout: "id {{tok:id}}" }',
  '{ run: "echo again 3f2a9c1b7d4e; echo took 0.3 ms", stdout: "again {{tok}}\\ntook {{duration}}" }',
  '{ run: "ls /no-such-dir", stderr: "ls: cannot access {{*}}: No such file or directory", exitCode: 2 }',
]);

let n = 0;
function lesson(source: string): { dir: string; file: string } {
  const dir = scratchLesson(join(scratch, `l${n++}`), { "01_info.ts": source });
  return { dir, file: join(dir, "steps", "01_info.ts") };
}

describe("run-lesson <lesson> --accept", () => {
  it("restores a changed literal and keeps every placeholder and capture", async () => {
    const changed = PASSING.replace(
      '"again {{tok}}\\ntook {{duration}}"',
      '"AGAIN {{tok}}\\ntook {{duration}}"',
    )
      .replace("No such file or directory", "No such file");
    assert.notEqual(changed, PASSING);
    const { dir, file } = lesson(changed);
    const r = await cli("run", dir, "--accept");
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(readFileSync(file, "utf8"), PASSING);
    const accepted = r.out.slice(r.out.indexOf(`${file}:`));
    assert.equal(
      accepted,
      `${file}:6: step "info" command 1 "echo again 3f2a9c1b7d4e; echo took 0.3 ms": stdout accepted\n` +
        "@@ -6,1 +6,1 @@\n" +
        `- 6 |     { run: "echo again 3f2a9c1b7d4e; echo took 0.3 ms", stdout: "AGAIN {{tok}}\\ntook {{duration}}" },\n` +
        `+ 6 |     { run: "echo again 3f2a9c1b7d4e; echo took 0.3 ms", stdout: "again {{tok}}\\ntook {{duration}}" },\n` +
        `${file}:7: step "info" command 2 "ls /no-such-dir": stderr accepted\n` +
        "@@ -7,1 +7,1 @@\n" +
        `- 7 |     { run: "ls /no-such-dir", stderr: "ls: cannot access {{*}}: No such file", exitCode: 2 },\n` +
        `+ 7 |     { run: "ls /no-such-dir", stderr: "ls: cannot access {{*}}: No such file or directory", exitCode: 2 },\n` +
        "2 expectations accepted\n",
    );
    // A fresh copy: this process keeps the step module it imported before the change.
    const copy = join(scratch, `copy${n++}`);
    cpSync(dir, copy, { recursive: true });
    const again = await cli("run", copy);
    assert.equal(again.code, 0, again.out);
  });

  it("--dry-run prints the hunks and changes nothing", async () => {
    const changed = PASSING.replace('"id {{tok:id}}"', '"ID {{tok:id}}"');
    const { dir, file } = lesson(changed);
    const before = statSync(file);
    const r = await cli("run", dir, "--accept", "--dry-run");
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /01_info\.ts:5: step "info" command 0 "printf 'id %s\\n' 3f2a9c1b7d4e": stdout to accept\n/,
    );
    assert.match(r.out, /\+ 5 \| .*stdout: "id \{\{tok:id\}\}" \},\n/);
    assert.match(r.out, /\n1 expectation would be accepted \(--dry-run: nothing written\)\n$/);
    assert.equal(readFileSync(file, "utf8"), changed);
    assert.equal(statSync(file).mtimeMs, before.mtimeMs);
  });

  it("leaves a failed exit code and a step that is not an object literal alone, saying why", async () => {
    const exit = lesson(PASSING.replace("exitCode: 2", "exitCode: 3"));
    const r = await cli("run", exit.dir, "--accept");
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /\nnot accepted: step "info" command 2 "ls \/no-such-dir": exit: expected exit code 3, got 2 \(--accept changes expected output, never an exit code\)\n0 expectations accepted, 1 left alone\n$/,
    );
    const indirect = lesson(
      PASSING.replace("export default {", "const step = {").replace(
        /};\n$/,
        "};\nexport default step;\n",
      )
        .replace('"id {{tok:id}}"', '"ID {{tok:id}}"'),
    );
    const before = readFileSync(indirect.file, "utf8");
    const s = await cli("run", indirect.dir, "--accept");
    assert.equal(s.code, 1);
    assert.match(
      s.out,
      /not accepted: .*01_info\.ts: step "info" stdout: its default export is not a plain object literal \(export default \{ \.\.\. \}\)\n/,
    );
    assert.equal(readFileSync(indirect.file, "utf8"), before);
  });

  it("--dry-run without --accept is a usage error", async () => {
    const { dir } = lesson(PASSING);
    const r = await cli("run", dir, "--dry-run");
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      "run-lesson: --dry-run needs --accept: run-lesson <lesson> --accept --dry-run\n",
    );
  });

  it("a passing run changes nothing", async () => {
    const { dir, file } = lesson(PASSING);
    const r = await cli("run", dir, "--accept");
    assert.equal(r.code, 0, r.out);
    assert.equal(readFileSync(file, "utf8"), PASSING);
  });
});
