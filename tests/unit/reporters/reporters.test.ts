import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { RunEvent } from "../../../lib/engine/events.ts";
import { compareExit } from "../../../lib/engine/compare_exit.ts";
import { REPORTERS } from "../../../runner/reporters/mod.ts";
import type { ReporterOptions } from "../../../runner/reporters/types.ts";
import { stripVTControlCharacters } from "node:util";

const result = (stdout: string, exitCode = 0) => ({
  stdout,
  stderr: "",
  exitCode,
  durationMs: 3,
  timedOut: false,
  stopped: false,
});

const EVENTS: RunEvent[] = [
  {
    type: "run:start",
    lesson: "demo",
    title: "Demo",
    target: "local",
    steps: [
      { id: "one", title: "First", file: "lessons/demo/steps/01.ts", selected: true },
      { id: "two", title: "Second <&>", file: "lessons/demo/steps/02.ts", selected: true },
      { id: "three", title: "Third", file: "lessons/demo/steps/03.ts", selected: true },
    ],
  },
  { type: "step:start", step: "one", title: "First" },
  { type: "command:start", step: "one", index: 0, command: "echo hi" },
  {
    type: "command:end",
    step: "one",
    outcome: {
      index: 0,
      command: "echo hi",
      ran: "echo hi",
      status: "passed",
      result: result("hi\n"),
      comparisons: [{ stream: "exit", result: compareExit(0, 0) }],
    },
  },
  { type: "step:end", step: "one", title: "First", status: "passed", durationMs: 10 },
  { type: "step:start", step: "two", title: "Second <&>" },
  {
    type: "command:end",
    step: "two",
    outcome: {
      index: 0,
      command: "false",
      ran: "false",
      status: "failed",
      result: result("", 1),
      comparisons: [{ stream: "exit", result: compareExit(0, 1) }],
      reason: "exit: expected exit code 0, got 1",
    },
  },
  {
    type: "check:end",
    step: "two",
    outcome: {
      id: "file",
      title: "the file exists",
      status: "fail",
      points: 0,
      maxPoints: 2,
      hint: "Create it",
      evidence: "$ test -f x",
      message: "expected exit code 0, got 1",
      durationMs: 1,
      attempts: 1,
    },
  },
  { type: "step:end", step: "two", title: "Second <&>", status: "failed", durationMs: 1500 },
  { type: "step:start", step: "three", title: "Third" },
  {
    type: "step:end",
    step: "three",
    title: "Third",
    status: "skipped",
    durationMs: 0,
    reason: "interrupted",
  },
  {
    type: "run:end",
    lesson: "demo",
    summary: { passed: 1, failed: 1, skipped: 1 },
    durationMs: 1510,
  },
];

async function render(
  name: string,
  options: ReporterOptions = { color: false, tty: false },
): Promise<string> {
  let text = "";
  for await (const chunk of REPORTERS[name](EVENTS, options)) text += chunk;
  return text;
}

describe("reporters", () => {
  it("pretty() prints one line per step, the failures, and the summary line last", async () => {
    const text = await render("pretty");
    assert.match(
      text,
      /^Demo \(demo, local\)\n✔ 1\/3 one {2}First {2}10 ms\n✖ 2\/3 two {2}Second <&> {2}1\.5 s\n/,
    );
    assert.match(text, /expected exit code 0, got 1/);
    assert.match(
      text,
      / {4}✖ the file exists \[fail\]: expected exit code 0, got 1\n {6}hint: Create it\n/,
    );
    assert.match(text, /﹣ 3\/3 three {2}Third {2}0 ms \(interrupted\)\n/);
    assert.ok(text.endsWith("1.5 s in all\n1 passed, 1 failed, 1 skipped\n"));
    assert.ok(!text.includes("\x1b["), "no ANSI codes");
  });

  it("pretty() colours only when asked and redraws the step line on a TTY", async () => {
    const text = await render("pretty", { color: true, tty: true });
    assert.ok(text.includes("\x1b[32m✔\x1b[39m"), "green tick");
    assert.ok(text.includes("\r\x1b[2K"), "line redraw");
  });

  it("pretty() cuts the live step line to the terminal's width, colours not counted", async () => {
    for (const columns of [12, 16, 60]) {
      const text = await render("pretty", { color: true, tty: true, columns: () => columns });
      // A live line is what lies between one clear and the next, with no line end: it is
      // redrawn. A step's closing line ends with one and stays, wrapped if need be.
      const live = text.split("\r\x1b[2K").slice(1).filter((part) => !part.includes("\n"));
      assert.ok(live.length > 0);
      for (const line of live) {
        const shown = stripVTControlCharacters(line);
        assert.ok(
          shown.length <= columns - 1,
          `${JSON.stringify(shown)} is wider than ${columns - 1}`,
        );
      }
      const cut = live.some((line) => stripVTControlCharacters(line).endsWith("…"));
      assert.equal(cut, columns < 60, "cut with … where too wide, and only there");
    }
  });

  it("tap() yields TAP 14 with one point per step and the plan at the end", async () => {
    assert.equal(
      await render("tap"),
      [
        "TAP version 14",
        "ok 1 one - First",
        "not ok 2 two - Second <&>",
        "  ---",
        '  file: "lessons/demo/steps/02.ts"',
        "  failures:",
        '    - "false: exit: expected exit code 0, got 1"',
        '    - "check file fail: expected exit code 0, got 1"',
        "  ...",
        "ok 3 three - Third # SKIP interrupted",
        "1..3",
        "",
      ].join("\n"),
    );
  });

  it("junit() yields one suite with a test case per step, escaped", async () => {
    const xml = await render("junit");
    assert.match(
      xml,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="run-lesson" tests="3" failures="1" skipped="1" time="1.510">/,
    );
    assert.match(
      xml,
      /<testcase classname="demo" name="one: First" file="lessons\/demo\/steps\/01.ts" time="0.010"\/>/,
    );
    assert.match(xml, /name="two: Second &lt;&amp;&gt;"/);
    assert.match(xml, /<failure message="\$ false: exit: expected exit code 0, got 1">/);
    assert.match(xml, /<skipped message="interrupted"\/>/);
  });

  it("json() yields the documented schema", async () => {
    const report = JSON.parse(await render("json"));
    assert.equal(report.schema, 1);
    assert.equal(report.status, "failed");
    assert.deepEqual(report.summary, { passed: 1, failed: 1, skipped: 1 });
    assert.deepEqual(report.steps.map((s: { id: string; status: string }) => [s.id, s.status]), [
      ["one", "passed"],
      ["two", "failed"],
      ["three", "skipped"],
    ]);
    assert.deepEqual(report.steps[1].commands[0], {
      command: "false",
      ran: "false",
      status: "failed",
      exitCode: 1,
      stdout: "",
      stderr: "",
      durationMs: 3,
      timedOut: false,
      stopped: false,
      reason: "exit: expected exit code 0, got 1",
      mismatches: [{
        stream: "exit",
        expectedLine: 1,
        actualLine: 1,
        message: "expected exit code 0, got 1",
      }],
    });
    assert.equal(report.steps[1].checks[0].maxPoints, 2);
  });
});
