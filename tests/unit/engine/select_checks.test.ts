/**
 * Which checks --step and --upto score and run (lib/engine/select_checks.ts), and the steps a
 * run's --only or --from would leave out although the selected steps use their captures
 * (lib/engine/select_steps.ts), table-driven.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type CheckSelection,
  checksOfStep,
  checksUpTo,
  selectChecks,
} from "../../../lib/engine/select_checks.ts";
import {
  captureSources,
  selectSteps,
  selectStepsWithCaptures,
  type StepSelection,
} from "../../../lib/engine/select_steps.ts";
import type { Check, Step } from "../../../lib/lesson/types.ts";
import { fakeLesson } from "./_lesson.ts";

const shell = (run: string, stdout?: string) =>
  stdout === undefined ? { kind: "shell" as const, run } : { kind: "shell" as const, run, stdout };
const finder = (run: string, stdout: string) => ({ kind: "shell" as const, run, stdout });
const aCheck = (id: string, fields: Partial<Check> = {}): Check => ({
  id,
  title: id,
  hint: "h",
  probe: shell("true"),
  ...fields,
});

/**
 * make: binds dir (a command); its check finds dir. net: a check that finds net_id. ping: a
 * positive control. isolated: a negative check controlled by ping, using dir (found by
 * "dir-made"). plain: no captures. use: a command that uses dir and token (token from make).
 */
const lesson = fakeLesson([
  {
    id: "make",
    title: "make",
    commands: [{ run: "mktemp -d", stdout: "{{dir:word}}" }, {
      run: "tok",
      stdout: "{{token:id}}",
    }],
    checks: [aCheck("dir-made", {
      find: finder("ls -d /tmp/x.*", "{{dir:word}}"),
      probe: shell("test -d {{dir}}"),
    })],
  },
  {
    id: "net",
    title: "net",
    commands: [],
    checks: [
      aCheck("net-exists", { find: finder("net ls", "{{net_id:word}}") }),
      aCheck("ping"),
    ],
  },
  {
    id: "isolation",
    title: "isolation",
    commands: [],
    checks: [aCheck("isolated", { control: "ping", probe: shell("test -d {{dir}}/x") })],
  },
  { id: "plain", title: "plain", commands: [{ run: "echo hi" }], checks: [aCheck("plain")] },
  {
    id: "use",
    title: "use",
    commands: [{ run: "grep {{token}} {{dir}}/t" }],
    checks: [aCheck("used", { probe: shell("test -s {{dir}}/t") })],
  },
] as Step[]);

const ids = (checks: Check[]) => checks.map((c) => c.id);

describe("selectChecks()", () => {
  const cases: [string, CheckSelection, string[], string[]][] = [
    ["every check when nothing is given", {}, [
      "dir-made",
      "net-exists",
      "ping",
      "isolated",
      "plain",
      "used",
    ], ["dir-made", "net-exists", "ping", "isolated", "plain", "used"]],
    ["one step's checks", { step: "net" }, ["net-exists", "ping"], ["net-exists", "ping"]],
    ["a step with no earlier needs", { step: "plain" }, ["plain"], ["plain"]],
    [
      "a negative check with its control and the check that finds its capture, unscored",
      { step: "isolation" },
      ["isolated"],
      ["dir-made", "ping", "isolated"],
    ],
    ["a check that uses a capture found earlier", { step: "use" }, ["used"], ["dir-made", "used"]],
    ["the steps up to one", { upto: "net" }, ["dir-made", "net-exists", "ping"], [
      "dir-made",
      "net-exists",
      "ping",
    ]],
    ["up to the first step", { upto: "make" }, ["dir-made"], ["dir-made"]],
  ];
  for (const [what, selection, scored, run] of cases) {
    it(`selects ${what}`, () => {
      const selected = selectChecks(lesson, selection);
      assert.deepEqual(ids(selected.scored), scored);
      assert.deepEqual(ids(selected.run), run);
    });
  }

  it("checksOfStep() and checksUpTo() are --step and --upto", () => {
    assert.deepEqual(
      checksOfStep(lesson, "isolation"),
      selectChecks(lesson, { step: "isolation" }),
    );
    assert.deepEqual(checksUpTo(lesson, "plain"), selectChecks(lesson, { upto: "plain" }));
  });

  const errors: [string, CheckSelection, string][] = [
    [
      "an unknown step in --step, listing the known ones",
      { step: "nope" },
      'Unknown step "nope" in --step for lesson "fake": known steps are make, net, isolation, plain, use',
    ],
    ["an unknown step in --upto", { upto: "nope" }, 'Unknown step "nope" in --upto for lesson'],
    ["both --step and --upto", { step: "net", upto: "use" }, "Use --step or --upto, not both"],
  ];
  for (const [what, selection, message] of errors) {
    it(`refuses ${what}`, () => {
      assert.throws(() => selectChecks(lesson, selection), (error: unknown) => {
        assert.ok(error instanceof RangeError);
        assert.ok(error.message.startsWith(message), error.message);
        return true;
      });
    });
  }
});

describe("captureSources() and selectStepsWithCaptures()", () => {
  const sources = (selection: StepSelection) =>
    captureSources(lesson, selectSteps(lesson, selection)).map((s) =>
      `${s.step}: ${s.captures.join(",")} for ${s.usedBy.join(",")}`
    );
  const cases: [string, StepSelection, string[]][] = [
    ["nothing for the whole lesson", {}, []],
    ["nothing for a step that needs no capture", { only: ["plain"] }, []],
    ["nothing for a check that finds its capture", { only: ["make"] }, []],
    ["nothing when the binding step is selected too", { only: ["make", "use"] }, []],
    ["the binding step of a command's captures", { only: ["use"] }, ["make: token,dir for use"]],
    ["the binding step left out by --from", { from: "isolation" }, [
      "make: dir,token for isolation,use",
    ]],
  ];
  for (const [what, selection, expected] of cases) {
    it(`names ${what}`, () => assert.deepEqual(sources(selection), expected));
  }

  it("refuses --only in one line naming the steps, the captures and what works", () => {
    assert.throws(
      () => selectStepsWithCaptures(lesson, { only: ["use"] }),
      {
        name: "RangeError",
        message: 'Cannot run --only use: step "use" uses captures that earlier steps bind ' +
          '(step "make" binds "token", "dir"); run those steps too: --only make,use',
      },
    );
  });

  it("refuses --from, suggesting the first step that binds", () => {
    assert.throws(
      () => selectStepsWithCaptures(lesson, { from: "isolation", to: "use" }),
      {
        name: "RangeError",
        message: 'Cannot run --from isolation: steps "isolation", "use" use captures that ' +
          'earlier steps bind (step "make" binds "dir", "token"); run those steps too: --from make',
      },
    );
  });

  it("returns the selection when nothing is left out", () => {
    assert.deepEqual([...selectStepsWithCaptures(lesson, { only: ["make", "use"] })], [
      "make",
      "use",
    ]);
  });
});
