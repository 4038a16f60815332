/**
 * `tarDirectory()` packs a whole folder for a build context: subfolders, modes and links, with
 * paths left out on request. GNU tar reads the result back.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { tarDirectory } from "../../lib/docker/mod.ts";

/** `tar -tv` of an archive: one "mode name[ -> target]" line per entry. */
function listing(archive: Buffer): string[] {
  const r = spawnSync("tar", ["-tvf", "-"], { input: archive, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split("\n").map((line) => {
    const fields = line.split(/\s+/);
    return `${fields[0]} ${fields.slice(5).join(" ")}`;
  });
}

describe("tarDirectory()", () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "rl-tar-"));
    mkdirSync(join(dir, "sub/deep"), { recursive: true });
    writeFileSync(join(dir, "Dockerfile"), "FROM scratch\n");
    writeFileSync(join(dir, "sub/deep/file.txt"), "deep\n");
    writeFileSync(join(dir, "run.sh"), "#!/bin/sh\n");
    chmodSync(join(dir, "run.sh"), 0o755);
    writeFileSync(join(dir, "notes.md"), "left out\n");
    symlinkSync("deep/file.txt", join(dir, "sub/link"));
    // Modes as stated, whatever the umask.
    for (const folder of ["sub", "sub/deep"]) chmodSync(join(dir, folder), 0o755);
    for (const file of ["Dockerfile", "sub/deep/file.txt", "notes.md"]) {
      chmodSync(join(dir, file), 0o644);
    }
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("packs subfolders, file modes and symlinks in name order", () => {
    assert.deepEqual(listing(tarDirectory(dir)), [
      "-rw-r--r-- Dockerfile",
      "-rw-r--r-- notes.md",
      "-rwxr-xr-x run.sh",
      "drwxr-xr-x sub/",
      "drwxr-xr-x sub/deep/",
      "-rw-r--r-- sub/deep/file.txt",
      "lrwxrwxrwx sub/link -> deep/file.txt",
    ]);
  });

  it("leaves out what skip names, and everything below a skipped folder", () => {
    const archive = tarDirectory(dir, { skip: (path) => path.endsWith(".md") || path === "sub" });
    assert.deepEqual(listing(archive), ["-rw-r--r-- Dockerfile", "-rwxr-xr-x run.sh"]);
  });
});
