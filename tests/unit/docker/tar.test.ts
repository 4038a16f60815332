import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createTar } from "../../../lib/docker/mod.ts";

/** Lists an archive with GNU tar: `mode owner size date name[ -> target]` per entry. */
function gnuTarList(archive: Buffer): string[] {
  const listed = spawnSync("tar", ["-tvf", "-", "--numeric-owner", "--utc"], {
    input: archive,
    encoding: "utf8",
  });
  assert.equal(listed.status, 0, listed.stderr);
  return listed.stdout.trim().split("\n").map((line) => line.replace(/\s+/g, " "));
}

function extract(archive: Buffer, member: string): string {
  const out = spawnSync("tar", ["-xOf", "-", member], { input: archive, encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout;
}

describe("createTar()", () => {
  const longName = `${"deep/".repeat(30)}file.txt`;
  const archive = createTar([
    { name: "dir", type: "directory" },
    { name: "dir/hello.txt", content: "hello\n" },
    { name: "dir/run.sh", content: "#!/bin/sh\necho run\n", mode: 0o755, mtime: 86400 },
    { name: "dir/link", type: "symlink", linkname: "hello.txt" },
    { name: "tmp", type: "directory", mode: 0o1777 },
    { name: "empty", content: "" },
    { name: longName, content: "long\n" },
  ]);

  it("writes entries GNU tar lists with their kinds, modes, sizes and times", () => {
    assert.deepEqual(gnuTarList(archive), [
      "drwxr-xr-x 0/0 0 1970-01-01 00:00 dir/",
      "-rw-r--r-- 0/0 6 1970-01-01 00:00 dir/hello.txt",
      "-rwxr-xr-x 0/0 19 1970-01-02 00:00 dir/run.sh",
      "lrwxrwxrwx 0/0 0 1970-01-01 00:00 dir/link -> hello.txt",
      "drwxrwxrwt 0/0 0 1970-01-01 00:00 tmp/",
      "-rw-r--r-- 0/0 0 1970-01-01 00:00 empty",
      `-rw-r--r-- 0/0 5 1970-01-01 00:00 ${longName}`,
    ]);
  });

  it("stores contents byte-exact, padded to 512-byte blocks, with two end blocks", () => {
    assert.equal(extract(archive, "dir/run.sh"), "#!/bin/sh\necho run\n");
    assert.equal(extract(archive, longName), "long\n");
    assert.equal(archive.length % 512, 0);
    assert.ok(archive.subarray(-1024).every((byte) => byte === 0));
  });

  it("is deterministic, so the builder's cache recognises an unchanged context", () => {
    const entries = [{ name: "Dockerfile", content: "FROM scratch\n" }];
    assert.deepEqual(createTar(entries), createTar(entries));
  });

  it("refuses names ustar cannot hold", () => {
    assert.throws(() => createTar([{ name: "x".repeat(101) }]), {
      name: "RangeError",
      message: `Cannot add tar entry "${"x".repeat(101)}": path too long for ustar`,
    });
  });
});
