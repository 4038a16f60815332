/**
 * The `user` and `group` probes against a real test user and group, on the local target and
 * over a real sshd: pass, fail naming expected and found, and error when the host's account
 * database cannot be read.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { type HostWorld, makeHostWorld } from "./_host_world.ts";

let world: HostWorld;
before(async () => {
  world = await makeHostWorld();
});
after(() => world?.remove());

for (const where of ["local", "ssh"] as const) {
  describe(`user and group probes on the ${where} target`, () => {
    it("user passes on its uid, home, shell and groups, and on a user that is not there", async () => {
      const r = await world.check(world.targets[where], {
        kind: "user",
        name: "{{who}}",
        uid: world.uid,
        home: `/home/${world.user}`,
        shell: "/bin/sh",
        groups: [world.user, world.group],
      }, { who: world.user });
      assert.equal(r.status, "pass", r.message);
      assert.match(r.evidence, new RegExp(`^${world.user}:x:${world.uid}:\\d+::/home/`));
      assert.match(r.evidence, new RegExp(`\ngroups: ${world.user} ${world.group}$`));
      const none = await world.check(world.targets[where], {
        kind: "user",
        name: `${world.user}x`,
        exists: false,
      });
      assert.equal(none.status, "pass", none.message);
    });

    it("user fails naming what differs", async () => {
      const r = await world.check(world.targets[where], {
        kind: "user",
        name: world.user,
        uid: 4242,
        shell: "/bin/bash",
        groups: ["root", world.group],
      });
      assert.equal(r.status, "fail");
      assert.equal(
        r.message,
        `user "${world.user}": uid is ${world.uid}, expected 4242; shell is "/bin/sh", expected ` +
          `"/bin/bash"; is not in group "root" (its groups: ${world.user} ${world.group})`,
      );
      const missing = await world.check(world.targets[where], { kind: "user", name: "rl-nobody" });
      assert.deepEqual([missing.status, missing.message], [
        "fail",
        'user "rl-nobody" does not exist',
      ]);
      const present = await world.check(world.targets[where], {
        kind: "user",
        name: "root",
        exists: false,
      });
      assert.deepEqual([present.status, present.message], ["fail", 'user "root" exists (uid 0)']);
    });

    it("group passes on its members, counting the users whose primary group it is", async () => {
      const listed = await world.check(world.targets[where], {
        kind: "group",
        name: world.group,
        members: [world.user],
      });
      assert.equal(listed.status, "pass", listed.message);
      const primary = await world.check(world.targets[where], {
        kind: "group",
        name: world.user,
        members: [world.user],
      });
      assert.equal(primary.status, "pass", primary.message);
      assert.match(primary.evidence, new RegExp(`\nprimary group of: ${world.user}$`));
      const gid = await world.check(world.targets[where], { kind: "group", name: "root", gid: 0 });
      assert.equal(gid.status, "pass", gid.message);
    });

    it("group fails naming what differs", async () => {
      const r = await world.check(world.targets[where], {
        kind: "group",
        name: world.group,
        gid: 0,
        members: ["root", world.user],
      });
      assert.equal(r.status, "fail");
      assert.match(
        r.message!,
        new RegExp(
          `^group "${world.group}": gid is \\d+, expected 0; "root" is not a member \\(members: ${world.user}\\)$`,
        ),
      );
      const none = await world.check(world.targets[where], { kind: "group", name: "rl-nogroup" });
      assert.deepEqual([none.status, none.message], ["fail", 'group "rl-nogroup" does not exist']);
    });
  });
}

describe("user probe on a host whose account database cannot be read", () => {
  it("ends error when getent is missing and /etc/passwd cannot be read", async () => {
    // A PATH without getent, whose awk always fails, stands for a host whose account files
    // cannot be read: the probe reads /etc/passwd with awk where there is no getent.
    const bin = join(world.dir, "bin");
    mkdirSync(bin);
    for (const tool of ["sh", "id", "printf", "cat"]) symlinkSync(`/bin/${tool}`, join(bin, tool));
    symlinkSync("/bin/false", join(bin, "awk"));
    const r = await world.check(world.targets.local, {
      kind: "command",
      run: `PATH=${bin}; export PATH`,
    });
    assert.equal(r.status, "pass", r.message);
    try {
      const user = await world.check(world.targets.local, { kind: "user", name: "root" });
      assert.equal(user.status, "error");
      assert.match(
        user.message!,
        /^probe failed: probe "user" cannot tell: reading the passwd database/,
      );
    } finally {
      await world.check(world.targets.local, {
        kind: "command",
        run: "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin; export PATH",
      });
    }
  });
});
