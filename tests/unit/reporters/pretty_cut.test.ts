import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { CommandOutcome, RunEvent } from "../../../lib/engine/events.ts";
import { compareExit } from "../../../lib/engine/compare_exit.ts";
import { prettyRun } from "../../../runner/reporters/pretty_run.ts";

/** What the pretty reporter prints for a step of one command with this outcome. */
function render(outcome: Omit<CommandOutcome, "index" | "command" | "ran">): string {
  const render = prettyRun({ color: false, tty: false });
  const step = { step: "s", title: "S" };
  const events: RunEvent[] = [
    { type: "run:start", lesson: "l", title: "L", target: "local", steps: [] },
    { type: "step:start", ...step },
    {
      type: "command:end",
      step: "s",
      outcome: { index: 0, command: "cmd", ran: "cmd", ...outcome },
    },
    {
      type: "step:end",
      ...step,
      status: outcome.status === "passed" ? "passed" : "failed",
      durationMs: 1,
    },
  ];
  return events.map(render).join("");
}

const result = (stderr: string, exitCode: number, truncated?: { stdout?: number }) => ({
  stdout: "",
  stderr,
  exitCode,
  durationMs: 1,
  timedOut: false,
  stopped: false,
  ...(truncated ? { truncated } : {}),
});

describe("the pretty reporter and long output", () => {
  it("says when a passing command's output went past the bound, and how big it was", () => {
    const out = render({
      status: "passed",
      result: result("", 0, { stdout: 200 * 1024 * 1024 }),
      comparisons: [{ stream: "exit", result: compareExit(0, 0) }],
    });
    assert.match(
      out,
      /\n {4}note \$ cmd: stdout was 200 MiB; only its first [\d.]+ [KMG]iB were kept \(RUN_LESSON_MAX_OUTPUT\)\n/,
    );
  });

  it("shows the last five lines of stderr for an unexpected exit code", () => {
    const stderr = `  first\n${Array.from({ length: 10 }, (_, i) => `line ${i}`).join("\n")}\n\n  `;
    const out = render({
      status: "failed",
      result: result(stderr, 1),
      comparisons: [{ stream: "exit", result: compareExit(0, 1) }],
      reason: "exit: expected exit code 0, got 1",
    });
    assert.match(
      out,
      /\n {4}stderr:\n {4}line 5\n {4}line 6\n {4}line 7\n {4}line 8\n {4}line 9\n/,
    );
    const short = render({
      status: "failed",
      result: result("\n  only\n", 1),
      comparisons: [{ stream: "exit", result: compareExit(0, 1) }],
      reason: "exit: expected exit code 0, got 1",
    });
    assert.match(short, /\n {4}stderr:\n {4}only\n/);
    assert.doesNotMatch(short, /note/);
  });
});
