/**
 * The `file` probe against real files, on the local target and over a real sshd: pass, fail
 * (naming what was expected and what was found) and error (permission denied, as a user who
 * cannot read the folder).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { CONFIG, type HostWorld, makeHostWorld } from "./_host_world.ts";

let world: HostWorld;
before(async () => {
  world = await makeHostWorld();
});
after(() => world?.remove());

for (const where of ["local", "ssh"] as const) {
  describe(`file probe on the ${where} target`, () => {
    it("passes on a file's type, mode, owner, group, size, content and JSON", async () => {
      const r = await world.check(world.targets[where], {
        kind: "file",
        path: "{{dir}}/app.json",
        type: "file",
        mode: "0640",
        owner: "root",
        group: world.group,
        minSize: 10,
        maxSize: 100,
        content: '{"service":"api",{{*}}',
        json: { port: 8080 },
      }, { dir: world.dir });
      assert.equal(r.status, "pass", r.message);
      const size = JSON.stringify(CONFIG).length + 1;
      assert.equal(
        r.evidence,
        `${world.file}: file, mode 0640, owner root (0), group ${world.group} (` +
          `${r.evidence.match(/group \S+ \((\d+)\)/)![1]}), ${size} bytes\n${
            JSON.stringify(CONFIG)
          }`,
      );
    });

    it("passes on a setgid directory, a symlink's target and a missing path", async () => {
      const dir = await world.check(world.targets[where], {
        kind: "file",
        path: world.shared,
        type: "directory",
        mode: "2770",
      });
      assert.equal(dir.status, "pass", dir.message);
      const link = await world.check(world.targets[where], {
        kind: "file",
        path: world.link,
        type: "symlink",
        target: "app.json",
        json: { service: "api" },
      });
      assert.equal(link.status, "pass", link.message);
      assert.match(link.evidence, /\n-> app\.json\n/);
      const gone = await world.check(world.targets[where], {
        kind: "file",
        path: `${world.dir}/nope`,
        exists: false,
      });
      assert.equal(gone.status, "pass", gone.message);
    });

    it("fails naming each field that differs, expected and found", async () => {
      const r = await world.check(world.targets[where], {
        kind: "file",
        path: world.file,
        type: "directory",
        mode: "0644",
        owner: "nobody",
        maxSize: 3,
      });
      assert.equal(r.status, "fail");
      assert.equal(
        r.message,
        `file "${world.file}": type is "file", expected "directory"; mode is 0640, expected 0644; ` +
          `owner is "root", expected "nobody"; size is ${
            JSON.stringify(CONFIG).length + 1
          } bytes, expected at most 3`,
      );
    });

    it("fails on content and JSON that do not match, and on a missing or present path", async () => {
      const content = await world.check(world.targets[where], {
        kind: "file",
        path: world.file,
        content: "port: 8080",
        json: { port: 9090 },
      });
      assert.equal(content.status, "fail");
      assert.match(content.message!, /content does not match: expected "port: 8080", got "\{/);
      assert.match(
        content.message!,
        /JSON content does not match: \$\.port: expected 9090, got 8080/,
      );
      const missing = await world.check(world.targets[where], {
        kind: "file",
        path: `${world.dir}/nope`,
      });
      assert.deepEqual([missing.status, missing.message], [
        "fail",
        `file "${world.dir}/nope" does not exist`,
      ]);
      const present = await world.check(world.targets[where], {
        kind: "file",
        path: world.shared,
        exists: false,
      });
      assert.deepEqual([present.status, present.message], [
        "fail",
        `file "${world.shared}" exists (a directory)`,
      ]);
      const notLink = await world.check(world.targets[where], {
        kind: "file",
        path: world.file,
        target: "x",
      });
      assert.equal(notLink.message, `file "${world.file}": is a file, not a symlink to "x"`);
    });
  });
}

describe("file probe as a user who may not read", () => {
  it("ends error, not fail, on a path under a folder of mode 000", async () => {
    const r = await world.check(world.targets["ssh-user"], {
      kind: "file",
      path: world.secret,
      exists: false,
    });
    assert.equal(r.status, "error");
    assert.match(
      r.message!,
      /^probe failed: probe "file" cannot tell: file ".*secret": .*Permission denied/,
    );
    assert.match(r.evidence, /Permission denied/);
  });

  it("ends error on content it may not read, with the stat line as evidence", async () => {
    const r = await world.check(world.targets["ssh-user"], {
      kind: "file",
      path: world.file,
      mode: "0640",
      content: "{{*}}",
    });
    assert.equal(r.status, "error");
    assert.match(r.message!, /cannot read the content: head: .*Permission denied/);
    assert.match(r.evidence, /app\.json: file, mode 0640, owner root \(0\)/);
  });

  it("still fails on what it can read when another field cannot be read", async () => {
    const r = await world.check(world.targets["ssh-user"], {
      kind: "file",
      path: world.file,
      mode: "0600",
      content: "{{*}}",
    });
    assert.equal(r.status, "fail");
    assert.match(
      r.message!,
      /mode is 0640, expected 0600; and cannot tell: cannot read the content/,
    );
  });
});
