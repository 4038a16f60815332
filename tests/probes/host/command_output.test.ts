/**
 * The `command` probe on output cut at the output bound (`RUN_LESSON_MAX_OUTPUT`), on the local
 * target and over a real sshd: like a `shell` probe, it fails saying the output was too big,
 * instead of matching the part kept as if it were the whole.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type HostWorld, makeHostWorld } from "./_host_world.ts";

let world: HostWorld;
const saved = process.env.RUN_LESSON_MAX_OUTPUT;
before(async () => {
  world = await makeHostWorld();
  process.env.RUN_LESSON_MAX_OUTPUT = "1K";
});
after(async () => {
  if (saved === undefined) delete process.env.RUN_LESSON_MAX_OUTPUT;
  else process.env.RUN_LESSON_MAX_OUTPUT = saved;
  await world?.remove();
});

for (const where of ["local", "ssh"] as const) {
  describe(`command probe on the ${where} target`, () => {
    it("fails on a stream cut at the output bound, naming its size", async () => {
      // 1000 lines "a", then "END": the first KiB kept ends with "a", the whole with "END".
      const r = await world.check(world.targets[where], {
        kind: "command",
        run: "i=0; while [ $i -lt 1000 ]; do echo a; i=$((i+1)); done; echo END; echo x >&2",
        stdout: "...\na",
      });
      assert.equal(r.status, "fail");
      assert.match(
        r.message!,
        /^command "i=0; .*": stdout: the output was 2\.0 KiB; only the first 1 KiB are kept/,
      );
      const whole = await world.check(world.targets[where], {
        kind: "command",
        run: "i=0; while [ $i -lt 1000 ]; do echo a; i=$((i+1)); done; echo END",
        stdout: { kind: "any" },
        stderr: "",
      });
      assert.equal(whole.status, "pass", whole.message);
    });
  });
}
