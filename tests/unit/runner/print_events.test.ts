import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { CommandEvent } from "../../../lib/engine/events.ts";
import type { CliIo } from "../../../runner/cli_io.ts";
import { printEvents } from "../../../runner/print_events.ts";
import { progress } from "../../../runner/reporters/progress.ts";
import { sampleReport } from "../../grade/_sample.ts";

const report = sampleReport();
const ESC = String.fromCharCode(27);
const EVENTS: CommandEvent[] = [
  { type: "grade:start", lesson: "demo-lesson", title: "Demo", hosts: 1, kept: 0 },
  { type: "grade:host-start", host: "ada", elapsedMs: 0 },
  { type: "grade:tick", elapsedMs: 1200 },
  { type: "grade:host-end", result: report.hosts[0], elapsedMs: 2000 },
  { type: "grade:end", report, hosts: 1, out: "/tmp/grades", interrupted: [] },
];

/** Prints the events through the progress reporter (on stderr) and returns what stderr got. */
async function stderrOf(
  terminals: { isTTY: boolean; errIsTTY?: boolean },
  env: Record<string, string> = {},
): Promise<string> {
  let err = "";
  const io: CliIo = { out: () => {}, err: (t) => err += t, env, ...terminals };
  await printEvents(io, [{ reporter: progress, stream: "err" }], EVENTS);
  return err;
}

describe("printEvents()", () => {
  it("draws live progress on stderr only when stderr is a terminal", async () => {
    const redirected = await stderrOf({ isTTY: true, errIsTTY: false });
    assert.ok(!redirected.includes(ESC) && !redirected.includes("\r"), JSON.stringify(redirected));
    assert.match(redirected, /ada/);
    const terminal = await stderrOf({ isTTY: false, errIsTTY: true });
    assert.ok(terminal.includes(`${ESC}[2K`), JSON.stringify(terminal));
  });

  it("draws no live line on a terminal that cannot move its cursor (TERM=dumb)", async () => {
    const dumb = await stderrOf({ isTTY: true, errIsTTY: true }, { TERM: "dumb" });
    assert.ok(!dumb.includes(ESC) && !dumb.includes("\r"), JSON.stringify(dumb));
    assert.match(dumb, /\[1\/1\] ada/);
  });

  it("treats an I/O that says nothing of stderr as no terminal", async () => {
    const unknown = await stderrOf({ isTTY: true });
    assert.ok(!unknown.includes(ESC) && !unknown.includes("\r"), JSON.stringify(unknown));
  });
});
