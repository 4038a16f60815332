import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { palette, useColor } from "../../../runner/reporters/_color.ts";

const ESC = String.fromCharCode(27);

describe("useColor()", () => {
  const cases: Array<[string, boolean, Record<string, string | undefined>, boolean]> = [
    ["a terminal", true, {}, true],
    ["a pipe", false, {}, false],
    ["NO_COLOR on a terminal", true, { NO_COLOR: "1" }, false],
    ["an empty NO_COLOR", true, { NO_COLOR: "" }, true],
    ["NO_COLOR beats FORCE_COLOR", true, { NO_COLOR: "1", FORCE_COLOR: "1" }, false],
    ["FORCE_COLOR on a pipe", false, { FORCE_COLOR: "1" }, true],
    ["an empty FORCE_COLOR on a pipe", false, { FORCE_COLOR: "" }, true],
    ["FORCE_COLOR=0 on a terminal", true, { FORCE_COLOR: "0" }, false],
    ["FORCE_COLOR=false on a terminal", true, { FORCE_COLOR: "false" }, false],
    ["TERM=dumb on a terminal", true, { TERM: "dumb" }, false],
    ["FORCE_COLOR beats TERM=dumb", false, { TERM: "dumb", FORCE_COLOR: "1" }, true],
  ];
  for (const [name, tty, env, expected] of cases) {
    it(`${expected ? "colours" : "does not colour"} ${name}`, () => {
      assert.equal(useColor(tty, env), expected);
    });
  }
});

describe("palette()", () => {
  it("wraps text in SGR codes when on, and leaves it alone when off", () => {
    assert.equal(palette(true).green("ok"), `${ESC}[32mok${ESC}[39m`);
    assert.equal(palette(true).red("no"), `${ESC}[31mno${ESC}[39m`);
    assert.equal(palette(true).dim("x"), `${ESC}[2mx${ESC}[22m`);
    assert.equal(palette(false).bold("plain"), "plain");
  });
});
