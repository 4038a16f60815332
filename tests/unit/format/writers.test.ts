import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { junitSeconds, junitXml, xmlAttributes } from "../../../lib/format/junit.ts";
import { tapDocument, tapEscape, tapPoint } from "../../../lib/format/tap.ts";

describe("junitXml()", () => {
  it("writes suites of cases, with properties, escaped attributes and outcomes", () => {
    assert.equal(
      junitXml({
        attributes: [["name", "a<b"]],
        suites: [{
          attributes: [["name", "s"], ["tests", 3], ["hostname", undefined]],
          properties: [["status", "graded"]],
          cases: [
            { attributes: [["name", "ok"], ["time", junitSeconds(1234)]] },
            { attributes: [["name", "skip"]], outcome: { tag: "skipped", attributes: [] } },
            {
              attributes: [["name", "bad"]],
              outcome: { tag: "failure", attributes: [["message", '"x"']], text: "1 < 2 & 3" },
            },
          ],
        }],
      }),
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="a&lt;b">',
        '  <testsuite name="s" tests="3">',
        '    <properties><property name="status" value="graded"/></properties>',
        '    <testcase name="ok" time="1.234"/>',
        '    <testcase name="skip">\n      <skipped/>\n    </testcase>',
        '    <testcase name="bad">\n      <failure message="&quot;x&quot;">1 &lt; 2 &amp; 3</failure>\n    </testcase>',
        "  </testsuite>",
        "</testsuites>",
        "",
      ].join("\n"),
    );
  });

  it("xmlAttributes() leaves out undefined values and keeps the order", () => {
    assert.equal(xmlAttributes([["b", 1], ["a", undefined], ["c", "&"]]), ' b="1" c="&amp;"');
  });
});

describe("tap writer", () => {
  it("tapPoint() writes a point with a directive and indented YAML diagnostics", () => {
    assert.equal(
      tapPoint(2, { ok: false, description: "a # b", yaml: ["x: 1"] }, "    "),
      "    not ok 2 a \\# b\n      ---\n      x: 1\n      ...\n",
    );
    assert.equal(
      tapPoint(1, { ok: true, description: "s", directive: "SKIP " }),
      "ok 1 s # SKIP\n",
    );
  });

  it("tapDocument() writes subtests before their point and the plan last", () => {
    assert.equal(
      tapDocument([{
        ok: false,
        description: "- host",
        subtest: { name: "host", points: [{ ok: true, description: "- check" }] },
      }]),
      "TAP version 14\n# Subtest: host\n    1..1\n    ok 1 - check\nnot ok 1 - host\n1..1\n",
    );
  });

  it("tapEscape() escapes # and joins lines", () => {
    assert.equal(tapEscape("a#b\nc"), "a\\#b c");
  });
});
