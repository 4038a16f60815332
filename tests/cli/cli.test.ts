import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { cli } from "../_cli.ts";

describe("run-lesson CLI", () => {
  it("the package bin (what npx run-lesson runs) starts the CLI through tsx", () => {
    const root = fileURLToPath(new URL("../../", import.meta.url));
    const r = spawnSync("node_modules/.bin/run-lesson", ["--version"], {
      cwd: root,
      encoding: "utf8",
    });
    assert.equal(r.stdout, "run-lesson 0.1.0\n", r.stderr);
    assert.equal(r.status, 0);
  });

  it("list shows the lessons with their step counts", async () => {
    const r = await cli("list");
    assert.equal(r.code, 0);
    assert.match(
      r.out,
      /^demo +Shell warm-up: captures, stop conditions, tables and JSON \(6 steps\)$/m,
    );
  });

  it("--help lists every command, and each command has its own --help", async () => {
    const top = await cli("--help");
    assert.equal(top.code, 0);
    assert.match(top.out, /^ {2}run +run a lesson/m);
    assert.match(top.out, /^ {2}list +list the lessons/m);
    for (const command of ["run", "list"]) {
      const r = await cli(command, "--help");
      assert.equal(r.code, 0);
      assert.match(r.out, new RegExp(`^Usage: run-lesson ${command}`));
    }
  });

  it("runs the demo lesson end to end and ends with the summary line", async () => {
    const r = await cli("demo");
    assert.equal(r.err, "");
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /\n6 passed, 0 failed\n$/);
  });

  it("--only and the json reporter report one step with its commands", async () => {
    const r = await cli("run", "demo", "--only", "table", "--reporter", "json");
    assert.equal(r.code, 0, r.out);
    const report = JSON.parse(r.out);
    assert.deepEqual(report.summary, { passed: 1, failed: 0, skipped: 0 });
    assert.equal(report.steps.length, 1);
    assert.equal(report.steps[0].id, "table");
    assert.equal(report.steps[0].commands[0].exitCode, 0);
    assert.match(report.steps[0].commands[0].stdout, /^NAME {4}SIZE\n/);
  });

  it("exits 1 with a diff when a step fails", async () => {
    const r = await cli("run", "tests/fixtures/lessons/failing", "--reporter", "pretty");
    assert.equal(r.code, 1);
    assert.match(r.out, /expected "goodbye", got "hello"/);
    assert.match(r.out, /\n0 passed, 1 failed\n$/);
  });

  for (
    const [args, message] of [
      [["nope"], 'Unknown lesson "nope": known lessons are '],
      [
        ["demo", "--only", "nope"],
        'Unknown step "nope" in --only for lesson "demo": known steps are ',
      ],
      [["demo", "--from", "json", "--to", "reuse"], 'Cannot run from step "json" to step "reuse"'],
      [
        ["demo", "--reporter", "xml"],
        'Unknown reporter "xml": use one of pretty, json, tap, junit',
      ],
      [["demo", "--timeout", "soon"], 'Invalid value for --timeout: "soon"'],
      [["demo", "--bogus"], "Unknown option '--bogus'"],
      [["run"], "Missing lesson: run-lesson list shows the lessons"],
      [
        ["tests/fixtures/lessons/missing-commands"],
        'Cannot load step "tests/fixtures/lessons/missing-commands/steps/01_a.ts": default export has no "commands" field',
      ],
      [
        ["tests/fixtures/lessons/bad-pattern"],
        'Cannot load step "tests/fixtures/lessons/bad-pattern/steps/01_a.ts": "commands[0].stdout": Cannot parse pattern line 1 "hi {{foo}}": unknown placeholder type "foo"',
      ],
    ] as const
  ) {
    it(`exits 2 with one line and runs nothing for: ${args.join(" ")}`, async () => {
      const r = await cli(...args);
      assert.equal(r.code, 2);
      assert.equal(r.out, "");
      assert.ok(r.err.startsWith(`run-lesson: ${message}`), r.err);
      assert.equal(r.err.trimEnd().split("\n").length, 1, r.err);
    });
  }
});
