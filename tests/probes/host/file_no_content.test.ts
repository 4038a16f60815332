/**
 * The `file` probe asked for content where the path has none, on the local target and over a
 * real sshd: a directory, or a symlink whose target is not there or is a directory, is a state
 * the probe can tell (a fail naming it), not a probe that cannot tell.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { type HostWorld, makeHostWorld } from "./_host_world.ts";

let world: HostWorld;
let dangling: string;
let toDirectory: string;
before(async () => {
  world = await makeHostWorld();
  dangling = join(world.dir, "dangling");
  symlinkSync("no-such-file", dangling);
  toDirectory = join(world.dir, "to-shared");
  symlinkSync("shared", toDirectory);
});
after(() => world?.remove());

for (const where of ["local", "ssh"] as const) {
  describe(`file probe on the ${where} target, for content where there is none`, () => {
    it("fails on a directory, for content and for JSON", async () => {
      for (const expects of [{ content: "port=8080" }, { json: { port: 8080 } }]) {
        const r = await world.check(world.targets[where], {
          kind: "file",
          path: world.shared,
          ...expects,
        });
        assert.deepEqual(
          [r.status, r.message],
          ["fail", `file "${world.shared}": is a directory, which has no content`],
        );
        assert.match(r.evidence, /shared: directory, mode 2770/);
      }
    });

    it("fails on a symlink whose target is not there or is a directory", async () => {
      const r = await world.check(world.targets[where], {
        kind: "file",
        path: dangling,
        content: "{{*}}",
      });
      assert.equal(r.status, "fail", r.message);
      assert.match(
        r.message!,
        /^file ".*dangling": has no content: its target is not there: head: .*No such file or directory$/,
      );
      const directory = await world.check(world.targets[where], {
        kind: "file",
        path: toDirectory,
        content: "{{*}}",
      });
      assert.equal(directory.status, "fail", directory.message);
      assert.match(
        directory.message!,
        /^file ".*to-shared": has no content: its target is a directory: head: .*Is a directory$/,
      );
    });
  });
}
