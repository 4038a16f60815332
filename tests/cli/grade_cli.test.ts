/** `run-lesson grade` and `run-lesson report`: bad input is one line, exit 2, nothing run. */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { cli } from "../_cli.ts";
import { sampleReport } from "../grade/_sample.ts";

let dir: string;
let inventory: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "rl-grade-cli-"));
  inventory = join(dir, "class.csv");
  await writeFile(inventory, "id,host,port,user,identity_file\nada,127.0.0.1,9,root,key\n");
});
after(() => rm(dir, { recursive: true, force: true }));

async function usage(argv: string[], message: RegExp) {
  const r = await cli(...argv);
  assert.equal(r.code, 2, r.out + r.err);
  assert.equal(r.out, "");
  assert.match(r.err, message);
  assert.equal(r.err.trimEnd().split("\n").length, 1, r.err);
}

describe("run-lesson grade: usage errors", () => {
  it("needs a lesson and an inventory", async () => {
    await usage(["grade", "container-networking"], /Missing --hosts <inventory>/);
    await usage(["grade", "--hosts", inventory], /Expected one lesson/);
  });

  it("refuses a bad inventory, naming the line and the column", async () => {
    const bad = join(dir, "bad.csv");
    await writeFile(bad, "id,host,port,user,identity_file\nada,h,99999,root,k\n");
    await usage(
      ["grade", "container-networking", "--hosts", bad],
      /Cannot read inventory ".*bad\.csv": line 2, column 7: "port" must be a decimal number from 1 to 65535, got "99999"/,
    );
    await usage(
      ["grade", "container-networking", "--hosts", join(dir, "none.csv")],
      /Cannot read inventory ".*none\.csv": ENOENT/,
    );
  });

  it("refuses bad options before connecting anywhere", async () => {
    const out = join(dir, "never");
    const base = ["grade", "container-networking", "--hosts", inventory, "--out", out];
    await usage([...base, "--jobs", "0"], /Invalid value for --jobs: "0"/);
    await usage([...base, "--shard", "3/2"], /Invalid value for --shard: "3\/2"/);
    await usage([...base, "--timeout", "soon"], /Invalid value for --timeout: "soon"/);
    await usage([...base, "--resume", "--overwrite"], /--resume or --overwrite, not both/);
    await usage(["grade", "no-such-lesson", "--hosts", inventory], /no-such-lesson/);
    assert.equal(existsSync(out), false);
  });

  it("shows help", async () => {
    const r = await cli("grade", "--help");
    assert.equal(r.code, 0);
    assert.match(r.out, /^Usage: run-lesson grade <lesson> --hosts <inventory>/);
    assert.match(r.out, /--shard K\/N/);
  });
});

describe("run-lesson report merge", () => {
  it("merges reports and refuses to mix lessons or count a student twice", async () => {
    const a = join(dir, "a.json");
    const b = join(dir, "b.json");
    const report = sampleReport();
    await writeFile(a, JSON.stringify({ ...report, hosts: report.hosts.slice(0, 2) }));
    await writeFile(b, JSON.stringify({ ...report, hosts: report.hosts.slice(2) }));
    const out = join(dir, "merged");
    const ok = await cli("report", "merge", "--out", out, b, a);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /^merged 2 inputs: 3 students, 2 graded, mean 3\/6\n/);
    for (const f of ["grades.json", "junit.xml", "grades.tap", "gradebook.csv", "report.html"]) {
      assert.ok(existsSync(join(out, f)), f);
    }
    await usage(
      ["report", "merge", "--out", join(dir, "m2"), a, a],
      /Student "ada" is in both ".*a\.json" and ".*a\.json"/,
    );
    const other = join(dir, "other.json");
    await writeFile(other, JSON.stringify({ ...report, lesson: { id: "x", title: "X" } }));
    await usage(["report", "merge", "--out", join(dir, "m3"), a, other], /grades lesson "x"/);
    await writeFile(join(dir, "junk.json"), "{}");
    await usage(
      ["report", "merge", "--out", join(dir, "m4"), join(dir, "junk.json")],
      /not a run-lesson\/grade@1 document/,
    );
    await usage(["report", "merge", a], /Missing --out DIR/);
    await usage(["report", "split", "--out", out, a], /Unknown action "split"/);
  });
});
