import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { snapshotFile, writeIfUnchanged } from "../../../lib/docs/write_atomic.ts";

const dir = mkdtempSync(join(tmpdir(), "run-lesson-write-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (text: string) => new TextEncoder().encode(text);

describe("writeIfUnchanged()", () => {
  it("writeIfUnchanged() replaces the file, keeps its mode and leaves no temporary file", () => {
    const file = join(dir, "a.md");
    writeFileSync(file, "old\n");
    chmodSync(file, 0o640);
    const snapshot = snapshotFile(file);
    assert.deepEqual(writeIfUnchanged(file, snapshot, bytes("new\r\n")), { written: true });
    assert.equal(readFileSync(file, "utf8"), "new\r\n");
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir), ["a.md"]);
  });

  const CHANGES: Array<[string, (file: string) => void]> = [
    ["its content changed (same size, same mtime)", (file) => {
      const { mtime } = statSync(file);
      writeFileSync(file, "OLD\n");
      utimesSync(file, mtime, mtime);
    }],
    ["its mtime changed (same content)", (file) => {
      utimesSync(file, new Date(2000, 0, 1), new Date(2000, 0, 1));
    }],
    ["it grew", (file) => writeFileSync(file, "old\nmore\n")],
  ];
  for (const [name, change] of CHANGES) {
    it(`writeIfUnchanged() refuses when ${name}, and writes nothing`, () => {
      const file = join(dir, "b.md");
      writeFileSync(file, "old\n");
      const snapshot = snapshotFile(file);
      change(file);
      const before = readFileSync(file);
      assert.deepEqual(writeIfUnchanged(file, snapshot, bytes("new\n")), {
        written: false,
        reason: "it changed on disk after it was read",
      });
      assert.deepEqual(readFileSync(file), before);
      assert.deepEqual(readdirSync(dir).filter((f) => f.includes(".tmp")), []);
    });
  }
});
