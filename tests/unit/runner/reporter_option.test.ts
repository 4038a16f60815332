import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../../_cli.ts";

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const dir = mkdtempSync(join(tmpdir(), "run-lesson-reporter-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("--reporter", () => {
  it("check --reporter json prints one JSON document of the outcomes", async () => {
    const r = await cli("check", "demo", "--reporter", "json");
    assert.equal(r.code, 1, r.err);
    const doc = JSON.parse(r.out);
    assert.equal(doc.lesson, "demo");
    assert.deepEqual(Object.keys(doc), ["lesson", "score", "maxScore", "checks"]);
    assert.deepEqual(doc.checks.map((c: { id: string }) => c.id), ["token-file", "workdir-gone"]);
    const alias = JSON.parse((await cli("check", "demo", "--json")).out);
    assert.deepEqual(alias.checks.map((c: { id: string }) => c.id), ["token-file", "workdir-gone"]);
  });

  it("grade --reporter json prints grades.json's document; progress stays on stderr", async () => {
    const inventory = join(dir, "class.csv");
    writeFileSync(
      inventory,
      `id,host,port,user,identity_file\nada,127.0.0.1,${await closedPort()},student,\n`,
    );
    const r = await cli(
      "grade",
      "demo",
      "--hosts",
      inventory,
      "--out",
      join(dir, "out"),
      "--reporter",
      "json",
    );
    assert.equal(r.code, 1, r.err);
    const doc = JSON.parse(r.out);
    assert.equal(doc.schema, "run-lesson/grade@1");
    assert.deepEqual(doc.hosts.map((h: { id: string; status: string }) => [h.id, h.status]), [
      ["ada", "unreachable"],
    ]);
    assert.match(r.err, /^\[1\/1\] ada unreachable: Cannot connect to "student@127\.0\.0\.1:\d+"/);
  });

  it("an unknown or unoffered reporter is a usage error", async () => {
    const unknown = await cli("check", "demo", "--reporter", "xml");
    assert.equal(unknown.code, 2);
    assert.equal(
      unknown.err,
      'run-lesson: Unknown reporter "xml": use one of pretty, json, tap, junit\n',
    );
    const docs = await cli("docs", "demo", "--check", "--reporter", "tap");
    assert.equal(docs.code, 2);
    assert.equal(docs.err, 'run-lesson: Unknown reporter "tap": use one of pretty, json\n');
    const both = await cli("check", "demo", "--json", "--reporter", "tap");
    assert.equal(both.err, "run-lesson: Use --json or --reporter, not both\n");
  });
});
