/**
 * The README's table of host probes lists every kind of the lesson format's schema, in the
 * schema's order, and each kind's row names every one of its fields: a field added to a probe
 * without a word in the table fails here.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { HOST_PROBE_SCHEMAS } from "../../../lib/lesson/schema/host_probes.ts";

const README = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");

/** The rows of the table under "### Host probes": kind and fields cell, by kind. */
function tableRows(): Map<string, string> {
  const section = README.split("\n### Host probes\n")[1]?.split("\n#")[0] ?? "";
  const rows = new Map<string, string>();
  for (const line of section.split("\n")) {
    const m = /^\| `([a-z.]+)` \| (.*?) \| .* \|$/.exec(line);
    if (m) rows.set(m[1], m[2]);
  }
  return rows;
}

describe("the README's host probe table", () => {
  const rows = tableRows();

  it("lists every host probe kind, in the schema's order", () => {
    const kinds = HOST_PROBE_SCHEMAS.map((s) => s.properties.kind.const as string);
    assert.deepEqual([...rows.keys()], kinds);
  });

  for (const schema of HOST_PROBE_SCHEMAS) {
    const kind = schema.properties.kind.const as string;
    it(`names every field of the ${kind} probe`, () => {
      const fields = Object.keys(schema.properties).filter((f) => f !== "kind");
      const cell = rows.get(kind) ?? "";
      const missing = fields.filter((f) => !cell.includes(`\`${f}\``));
      assert.deepEqual(missing, [], `the ${kind} row lacks ${missing.join(", ")}`);
    });
  }
});
