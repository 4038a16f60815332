import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { CheckOutcome, CommandEvent, SelfTestPhase } from "../../../lib/engine/events.ts";
import { type DocsReportInput, formatDocsReport } from "../../../lib/docs/format_docs_report.ts";
import type { FencedBlock, Verdict } from "../../../lib/docs/types.ts";
import { toJUnit, toTap } from "../../../lib/grade/export.ts";
import { REPORTERS } from "../../../runner/reporters/mod.ts";
import { progress } from "../../../runner/reporters/progress.ts";
import type { Reporter, ReporterOptions } from "../../../runner/reporters/types.ts";
import { sampleReport } from "../../grade/_sample.ts";

const outcome = (id: string, status: CheckOutcome["status"], points: number): CheckOutcome => ({
  id,
  title: `the ${id} # check`,
  status,
  points,
  maxPoints: 1,
  hint: `Make ${id}.`,
  evidence: "$ probe",
  ...(status === "pass" ? {} : { message: `no ${id}` }),
  durationMs: 1500,
  attempts: 1,
});

const CHECK_EVENTS: CommandEvent[] = [
  { type: "checks:start", lesson: "demo", title: "Demo lesson", target: "local" },
  { type: "checks:outcome", outcome: outcome("net", "pass", 1) },
  { type: "checks:outcome", outcome: outcome("box", "fail", 0) },
  { type: "checks:end", lesson: "demo", score: 1, maxScore: 2, passed: 1, failed: 1 },
];

const phase = (id: string, ok: boolean, outcomes: CheckOutcome[] = []): SelfTestPhase => ({
  id,
  title: `${id} phase`,
  ok,
  problems: ok ? [] : [`check "box" passes but should fail`],
  outcomes,
});

const SELFTEST_EVENTS: CommandEvent[] = [
  { type: "selftest:start", lesson: "demo", target: "docker" },
  { type: "selftest:phase", phase: phase("clean", true) },
  { type: "selftest:phase", phase: phase("broken:net", false, [outcome("net", "fail", 0)]) },
  { type: "selftest:end", lesson: "demo", passed: 1, failed: 1 },
];

const report = sampleReport();
const GRADE_EVENTS: CommandEvent[] = [
  { type: "grade:start", lesson: "demo-lesson", title: "Demo <lesson>", hosts: 3, kept: 0 },
  { type: "grade:host-start", host: "ada", elapsedMs: 0 },
  { type: "grade:tick", elapsedMs: 1200 },
  { type: "grade:host-end", result: report.hosts[0], elapsedMs: 2000 },
  { type: "grade:host-start", host: "cy", elapsedMs: 2000 },
  { type: "grade:host-end", result: report.hosts[2], elapsedMs: 4000 },
  { type: "grade:end", report, hosts: 3, out: "/tmp/grades", interrupted: [] },
];

async function render(
  reporter: Reporter,
  events: CommandEvent[],
  options: ReporterOptions = { color: false, tty: false },
): Promise<string> {
  let text = "";
  for await (const chunk of reporter(events, options)) text += chunk;
  return text;
}

describe("reporters: check events", () => {
  it("pretty() lists each check with its points, a hint for failures, and the score", async () => {
    assert.equal(
      await render(REPORTERS.pretty, CHECK_EVENTS),
      [
        "Demo lesson (local)",
        "✔ the net # check 1/1",
        "✖ the box # check 0/1: no box",
        "    hint: Make box.",
        "score 1/2",
        "1 passed, 1 failed",
        "",
      ].join("\n"),
    );
  });

  it("json() yields the lesson, the score and every outcome", async () => {
    const doc = JSON.parse(await render(REPORTERS.json, CHECK_EVENTS));
    assert.deepEqual(Object.keys(doc), ["lesson", "score", "maxScore", "checks"]);
    assert.equal(doc.score, 1);
    assert.deepEqual(doc.checks.map((c: CheckOutcome) => c.status), ["pass", "fail"]);
  });

  it("tap() yields a point per check, escaped, with diagnostics for a failure", async () => {
    assert.equal(
      await render(REPORTERS.tap, CHECK_EVENTS),
      [
        "TAP version 14",
        "ok 1 - the net \\# check",
        "not ok 2 - the box \\# check",
        "  ---",
        "  status: fail",
        "  points: 0/1",
        '  message: "no box"',
        '  hint: "Make box."',
        "  ...",
        "1..2",
        "",
      ].join("\n"),
    );
  });

  it("junit() yields one suite with a test case per check", async () => {
    const xml = await render(REPORTERS.junit, CHECK_EVENTS);
    assert.match(xml, /<testsuite name="demo" tests="2" failures="1" errors="0" skipped="0">/);
    assert.match(xml, /<testcase classname="demo" name="the net # check" time="1.500"\/>/);
    assert.match(
      xml,
      /<failure message="no box" type="fail">0\/1 points\nhint: Make box\.<\/failure>/,
    );
  });
});

describe("reporters: self-test events", () => {
  it("pretty() shows each phase, its problems and the failing checks of a broken state", async () => {
    assert.equal(
      await render(REPORTERS.pretty, SELFTEST_EVENTS),
      [
        "Self-test of demo (docker)",
        "✔ clean phase",
        "✖ broken:net phase",
        '    check "box" passes but should fail',
        "    ✖ net: no net (hint: Make net.)",
        "1 passed, 1 failed",
        "",
      ].join("\n"),
    );
  });

  it("json() yields the status, the counts and the phases", async () => {
    const doc = JSON.parse(await render(REPORTERS.json, SELFTEST_EVENTS));
    assert.equal(doc.status, "failed");
    assert.equal(doc.target, "docker");
    assert.deepEqual(doc.summary, { passed: 1, failed: 1 });
    assert.deepEqual(doc.phases.map((p: SelfTestPhase) => p.id), ["clean", "broken:net"]);
  });

  it("tap() and junit() yield a point and a test case per phase", async () => {
    assert.equal(
      await render(REPORTERS.tap, SELFTEST_EVENTS),
      'TAP version 14\nok 1 clean - clean phase\nnot ok 2 broken:net - broken:net phase\n  ---\n  problems:\n    - "check \\"box\\" passes but should fail"\n  ...\n1..2\n',
    );
    const xml = await render(REPORTERS.junit, SELFTEST_EVENTS);
    assert.match(xml, /<testcase classname="demo" name="clean: clean phase"\/>/);
    assert.match(xml, /<failure message="check &quot;box&quot; passes but should fail">/);
  });
});

describe("reporters: grade events", () => {
  it("pretty() yields the class summary at the end, the hosts not graded and the folder", async () => {
    assert.equal(
      await render(REPORTERS.pretty, GRADE_EVENTS),
      [
        "Demo <lesson>: 2/3 hosts graded, 1 with full marks, mean 3/6",
        "  cy: unreachable: Cannot connect: ETIMEDOUT",
        "results: /tmp/grades",
        "",
      ].join("\n"),
    );
  });

  it("json() yields the grades.json document; tap() and junit() the class exports", async () => {
    assert.deepEqual(JSON.parse(await render(REPORTERS.json, GRADE_EVENTS)), report);
    assert.equal(await render(REPORTERS.tap, GRADE_EVENTS), toTap(report));
    assert.equal(await render(REPORTERS.junit, GRADE_EVENTS), toJUnit(report));
  });

  it("progress() writes one line per host as it ends when not on a terminal", async () => {
    assert.equal(
      await render(progress, GRADE_EVENTS),
      "[1/3] ada 6/6 (0.0 s)\n[2/3] cy unreachable: Cannot connect: ETIMEDOUT (0.0 s)\n",
    );
  });

  it("progress() redraws a status line on a terminal and clears it at the end", async () => {
    const text = await render(progress, GRADE_EVENTS, { color: false, tty: true });
    const clear = "\r\x1b[2K";
    assert.equal(
      text,
      [
        `${clear}graded 0/3 · running 1 (ada) · not graded 0 · 0 s`,
        `${clear}graded 0/3 · running 1 (ada) · not graded 0 · 1 s`,
        `${clear}[1/3] ada 6/6 (0.0 s)\n${clear}graded 1/3 · running 0 · not graded 0 · 2 s`,
        `${clear}graded 1/3 · running 1 (cy) · not graded 0 · 2 s`,
        `${clear}[2/3] cy unreachable: Cannot connect: ETIMEDOUT (0.0 s)\n`,
        `${clear}graded 1/3 · running 0 · not graded 1 · 4 s`,
        clear,
      ].join(""),
    );
  });

  it("progress() cuts its status line to the terminal's width", async () => {
    const text = await render(progress, GRADE_EVENTS, {
      color: false,
      tty: true,
      columns: () => 24,
    });
    const live = text.split("\r\x1b[2K").slice(1).map((part) => part.split("\n").at(-1)!);
    assert.ok(live.includes("graded 0/3 · running 1…"), JSON.stringify(live));
    for (const line of live) assert.ok(line.length <= 23, JSON.stringify(line));
  });

  it("progress() ignores the events of other commands", async () => {
    assert.equal(await render(progress, CHECK_EVENTS), "");
  });
});

describe("reporters: docs events", () => {
  const block = (line: number, text: string) => ({ line, text }) as unknown as FencedBlock;
  const stale = {
    status: "stale",
    reason: 'expected line 1: expected "hi", got "ho"',
    actual: "ho\n",
    link: {
      step: "greet",
      index: 0,
      command: { run: "echo ho" },
      output: { block: block(12, "hi\n"), stream: "stdout" },
    },
  } as unknown as Verdict;
  const report: DocsReportInput = {
    doc: { shown: "lessons/demo/README.md", linked: { unlinked: [], undocumented: [] } } as never,
    verdicts: [stale],
    failures: [],
    mode: "check",
    updated: 0,
    fix: "run-lesson docs demo --update",
  };
  const DOCS_EVENTS: CommandEvent[] = [{ type: "docs:end", report }];

  it("pretty() prints the docs report as it always has", async () => {
    assert.equal(await render(REPORTERS.pretty, DOCS_EVENTS), formatDocsReport(report));
  });

  it("json() yields the verdict block by block", async () => {
    assert.deepEqual(JSON.parse(await render(REPORTERS.json, DOCS_EVENTS)), {
      doc: "lessons/demo/README.md",
      mode: "check",
      status: "stale",
      counts: { fresh: 0, stale: 1, notCompared: 0, unlinked: 0 },
      updated: 0,
      blocks: [{
        line: 12,
        step: "greet",
        index: 0,
        command: "echo ho",
        stream: "stdout",
        status: "stale",
        reason: 'expected line 1: expected "hi", got "ho"',
        actual: "ho\n",
      }],
      failures: [],
      fix: "run-lesson docs demo --update",
    });
  });
});
