/** The grade report's exports: JUnit, TAP, Gradescope, the CSV gradebook and file names. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeName, toCsv, toGradescope, toJUnit, toTap } from "../../../lib/grade/export.ts";
import { toHtml } from "../../../lib/grade/html.ts";
import { sampleReport } from "../../grade/_sample.ts";

const report = sampleReport();

describe("grade exports", () => {
  it("the report's summary counts ungraded hosts as zero", () => {
    assert.deepEqual(report.summary, {
      hosts: 3,
      graded: 2,
      notGraded: 1,
      fullMarks: 1,
      meanScore: 3,
    });
    assert.equal(report.maxScore, 6);
  });

  it("JUnit: one suite per host, check titles as test names, escaped", () => {
    const xml = toJUnit(report);
    assert.equal(xml.match(/<testsuite /g)?.length, 3);
    assert.match(
      xml,
      /<testsuite name="=bob, &quot;the&quot; &lt;builder&gt;" hostname="=bob, &quot;the&quot; &lt;builder&gt;.lab.example" tests="3" failures="1" errors="1" skipped="0"/,
    );
    assert.match(
      xml,
      /<testcase classname="demo-lesson.ada" name="app &amp; db on &lt;app-net&gt;" time="0.250"\/>/,
    );
    assert.match(
      xml,
      /<failure message="1 of 3 parts pass: no container named &quot;db&quot;" type="fail">2\/3 points\nhint: use --network &quot;app-net&quot;<\/failure>/,
    );
    assert.match(xml, /<testsuite name="cy" [^>]*failures="0" errors="3"/);
    assert.doesNotMatch(xml, /docker network inspect/);
  });

  it("TAP 14: a subtest per host and a point per check", () => {
    const tap = toTap(report);
    assert.match(
      tap,
      /^TAP version 14\n# Subtest: ada\n {4}1\.\.3\n {4}ok 1 - the network exists\n/,
    );
    assert.match(tap, /^ok 1 - ada 6\/6$/m);
    assert.match(
      tap,
      /^ {4}not ok 2 - app & db on <app-net>\n {6}---\n {6}status: fail\n {6}points: 2\/3\n/m,
    );
    assert.match(tap, /^not ok 3 - cy 0\/6 \(unreachable: Cannot connect: ETIMEDOUT\)$/m);
    assert.match(tap, /\n1\.\.3\n$/);
  });

  it("Gradescope: the score, one test per check, hints in the feedback", () => {
    const bob = toGradescope(report.hosts[1]) as {
      score: number;
      tests: Array<
        { name: string; score: number; max_score: number; status: string; output: string }
      >;
    };
    assert.equal(bob.score, 3);
    assert.deepEqual(bob.tests.map((t) => [t.name, t.score, t.max_score, t.status]), [
      ["the network exists", 1, 1, "passed"],
      ["app & db on <app-net>", 2, 3, "failed"],
      ["db resolves", 0, 2, "failed"],
    ]);
    assert.equal(
      bob.tests[1].output,
      '1 of 3 parts pass: no container named "db"\nHint: use --network "app-net"',
    );
    const cy = toGradescope(report.hosts[2]) as { score: number; output: string };
    assert.equal(cy.score, 0);
    assert.match(cy.output, /^Not graded \(unreachable\): Cannot connect: ETIMEDOUT/);
    assert.doesNotMatch(JSON.stringify(bob), /docker network inspect/);
  });

  it("CSV gradebook: CRLF rows, quoted fields, no formula injection", () => {
    const rows = toCsv(report).split("\r\n");
    assert.deepEqual(rows, [
      "id,host,status,score,max_score,percent,net,app,dns,reason",
      "ada,ada.lab.example,graded,6,6,100.0,1,3,2,",
      `"'=bob, ""the"" <builder>","=bob, ""the"" <builder>.lab.example",graded,3,6,50.0,1,2,0,`
        .replace(
          '"=bob, ""the"" <builder>.lab.example"',
          `"'=bob, ""the"" <builder>.lab.example"`,
        ),
      "cy,cy.lab.example,unreachable,0,6,0.0,0,0,0,Cannot connect: ETIMEDOUT",
      "",
    ]);
  });

  it("file names: safe ids as they are, others cleaned and made unique", () => {
    assert.equal(safeName("ada"), "ada");
    assert.equal(safeName("s.1_x-2"), "s.1_x-2");
    assert.match(safeName("../etc/passwd"), /^__etc_passwd-[0-9a-f]{8}$/);
    assert.notEqual(safeName("a/b"), safeName("a:b"));
  });

  it("HTML: self-contained, escaped, feedback without evidence", () => {
    const html = toHtml(report);
    assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/i);
    assert.doesNotMatch(html, /https?:\/\//);
    assert.match(html, /<title>Demo &lt;lesson&gt;: class report<\/title>/);
    assert.doesNotMatch(html, /docker network inspect/);
    assert.match(html, /Hint: use --network &quot;app-net&quot;/);
  });
});
