import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cli } from "../../_cli.ts";
import { terminalSize } from "../../../runner/cli_io.ts";

describe("run-lesson tutor off a terminal", () => {
  it("refuses in one line pointing to check --step, exit 2, before loading anything", async () => {
    const r = await cli("tutor", "no-such-lesson");
    assert.equal(r.code, 2);
    assert.equal(r.out, "");
    assert.equal(
      r.err,
      "run-lesson: tutor needs an interactive terminal (stdin and stdout a TTY); in a script, run: run-lesson check no-such-lesson --step <id>\n",
    );
  });

  it("reports bad arguments first, as usage errors", async () => {
    assert.deepEqual(await cli("tutor"), {
      code: 2,
      out: "",
      err: "run-lesson: Expected one lesson: run-lesson tutor <lesson>\n",
    });
    const r = await cli("tutor", "demo", "--interval", "soon");
    assert.equal(r.code, 2);
    assert.match(r.err, /^run-lesson: Invalid value for --interval: "soon"/);
  });

  it("prints its help with the keys and where progress is kept", async () => {
    const r = await cli("tutor", "--help");
    assert.equal(r.code, 0);
    assert.match(r.out, /^Usage: run-lesson tutor <lesson> \[options\]\n/);
    assert.match(r.out, /Keys: n next step, p previous step, c check now, h hint, s solution/);
    assert.match(r.out, /\$XDG_STATE_HOME\/run-lesson\//);
  });
});

describe("terminalSize(), for the tutor and live progress", () => {
  it("is asked of the terminal, not taken from a resize not yet handled", () => {
    // Made 100 x 4 an instant ago: the stream's fields still say 40 x 30.
    const stream = { columns: 40, rows: 30, getWindowSize: (): [number, number] => [100, 4] };
    assert.deepEqual(terminalSize(stream), { columns: 100, rows: 4 });
  });

  it("falls back to the last known size, and to none off a terminal", () => {
    const last = { columns: 40, rows: 30 };
    assert.deepEqual(terminalSize({ ...last, getWindowSize: () => [0, 0] }), last);
    const broken = () => {
      throw new Error("EBADF");
    };
    assert.deepEqual(terminalSize({ ...last, getWindowSize: broken }), last);
    assert.equal(terminalSize({}), undefined);
  });
});
