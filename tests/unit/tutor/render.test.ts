import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LoadedStep } from "../../../lib/lesson/types.ts";
import { tutorReduce, tutorStart, type TutorStep } from "../../../lib/tutor/state.ts";
import { stepSections } from "../../../lib/tutor/step_doc.ts";
import { palette } from "../../../runner/reporters/_color.ts";
import { fit, renderStatus } from "../../../runner/tutor/render_status.ts";
import { renderSolution, renderStep, wrap } from "../../../runner/tutor/render_step.ts";

const plain = palette(false);

const STEP: LoadedStep = {
  id: "svc",
  title: "Start the services",
  file: "steps/svc.ts",
  commands: [
    { run: "docker run -d \\\n  --name redis-cache \\\n  redis:7-alpine" },
    { run: "redis-cli ping", where: { kind: "session", session: "client" } },
  ],
};

const TUTOR_STEPS: TutorStep[] = [{
  id: "svc",
  title: "Start the services",
  checks: [
    { id: "redis", title: "redis-cache runs", hint: "Start it with docker run." },
    { id: "pg", title: "postgres-db runs", hint: "Start Postgres too." },
  ],
}];

describe("renderStep()", () => {
  it("shows the doc section: prose reflowed, inline code plain, commands as $ lines", () => {
    const doc = [
      "## Services",
      "",
      "<!-- step: svc -->",
      "",
      "Start `redis-cache` on the",
      "network, then [read more](https://example.com).",
      "",
      "```sh",
      "docker run -d \\",
      "  --name redis-cache \\",
      "  redis:7-alpine",
      "```",
      "",
      "Output:",
      "",
      "```text",
      ...Array.from({ length: 10 }, (_, i) => `line ${i}`),
      "```",
      "",
    ].join("\n");
    const text = renderStep(
      {
        step: STEP,
        position: { index: 2, total: 9 },
        section: stepSections(doc, [STEP]).get("svc"),
      },
      plain,
      40,
    );
    assert.equal(
      text,
      [
        "",
        "Step 3/9 · Start the services",
        "─".repeat(33),
        "",
        "Start redis-cache on the network, then",
        "read more.",
        "",
        "  $ docker run -d \\",
        "      --name redis-cache \\",
        "      redis:7-alpine",
        "",
        "Output:",
        "",
        ...Array.from({ length: 8 }, (_, i) => `    line ${i}`),
        "    … (2 more lines)",
        "",
        "",
      ].join("\n"),
    );
  });

  it("removes the marks of inline code and links that the reflow breaks across lines", () => {
    const doc = "<!-- step: svc -->\n\nThe step writes `grep -c {{token}} file` here; see " +
      "[the manual page](https://example.com) for more.\n";
    const view = { step: STEP, position: { index: 0, total: 1 } };
    const section = stepSections(doc, [STEP]).get("svc");
    assert.equal(
      renderStep({ ...view, section }, plain, 30).split("\n").slice(4).join("\n"),
      "The step writes grep -c\n{{token}} file here; see the\nmanual page for more.\n\n",
    );
    // Widths count what shows, not the colour codes.
    const bold = palette(true).bold;
    assert.deepEqual(renderStep({ ...view, section }, palette(true), 30).split("\n").slice(4, 7), [
      `The step writes ${bold("grep -c").slice(0, -5)}`,
      `{{token}} file${bold("").slice(4)} here; see the`,
      "manual page for more.",
    ]);
  });

  it("lists the step's commands when the doc has no section for it", () => {
    const text = renderStep({ step: STEP, position: { index: 0, total: 1 } }, plain, 80);
    assert.match(
      text,
      /Type these commands in your shell:\n\n {2}\$ docker run -d \\\n {6}--name redis-cache \\\n {6}redis:7-alpine\n {2}# at the prompt of client:\n {2}\$ redis-cli ping\n\n$/,
    );
  });
});

describe("renderSolution()", () => {
  it("shows the step's commands", () => {
    assert.equal(
      renderSolution(STEP, plain),
      '\nSolution: the commands of "Start the services"\n\n' +
        "  $ docker run -d \\\n      --name redis-cache \\\n      redis:7-alpine\n" +
        "  # at the prompt of client:\n  $ redis-cli ping\n\n",
    );
  });
});

describe("renderStatus()", () => {
  it("shows each check's verdict, the hints once shown, the poll, and the keys", () => {
    let t = tutorStart(TUTOR_STEPS, { now: 0 });
    assert.deepEqual(renderStatus(t.state, plain, 100, 0), [
      "Step 1/1 · Start the services",
      "  · redis-cache runs",
      "  · postgres-db runs",
      "checking…",
      "[n] next  [p] previous  [c] check now  [h] hint  [s] solution  [q] quit",
    ]);
    t = tutorReduce(t.state, {
      type: "poll-result",
      token: 1,
      outcomes: [{ id: "redis", status: "pass" }, {
        id: "pg",
        status: "fail",
        message: 'no container named "postgres-db"',
      }],
      now: 1000,
    });
    t = tutorReduce(t.state, { type: "key", key: "h", now: 1000 });
    assert.deepEqual(renderStatus(t.state, plain, 100, 4000), [
      "Step 1/1 · Start the services",
      "  ✔ redis-cache runs",
      '  ✖ postgres-db runs: no container named "postgres-db"',
      "      hint: Start Postgres too.",
      "checked 3 s ago: 1 of 2 still to do",
      "[n] next  [p] previous  [c] check now  [h] hint  [s] solution  [q] quit",
    ]);
    const end = tutorReduce(t.state, { type: "key", key: "n", now: 5000 });
    assert.match(renderStatus(end.state, plain, 100, 5000)[0], /End of the lesson/);
  });

  it("fits every line to the terminal's width, colours included", () => {
    const c = palette(true);
    const line = fit(c.red("x".repeat(50)), 20);
    const open = c.red("").slice(0, c.red("").length / 2);
    assert.equal(line, `${open}${"x".repeat(18)}…\x1b[0m`);
    assert.equal(fit("short", 20), "short");
    assert.deepEqual(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
  });
});
