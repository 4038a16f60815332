import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectSsh } from "../../lib/ssh/connect.ts";
import { cli } from "../_cli.ts";
import { startSshd } from "./_sshd.ts";
import type { SshdFixture } from "./_sshd.ts";

const LESSON = "tests/fixtures/lessons/ssh-whoami";
const saved = { home: process.env.HOME, sock: process.env.SSH_AUTH_SOCK };
let sshd: SshdFixture;
let home = "";

before(async () => {
  sshd = await startSshd();
  home = await mkdtemp(join(tmpdir(), "run-lesson-ssh-home-"));
  const ssh = join(home, ".ssh");
  await mkdir(join(ssh, "conf.d"), { recursive: true, mode: 0o700 });
  // The alias lives in an included file; its port comes from a Match host block on the
  // HostName, and a Match exec block (not supported) is skipped.
  await writeFile(
    join(ssh, "conf.d", "lab.conf"),
    `Host lab1\n  HostName 127.0.0.1\n  User root\n  IdentityFile ${sshd.keyPath}\n`,
  );
  await writeFile(
    join(ssh, "config"),
    [
      "Include conf.d/*.conf",
      'Match exec "false"',
      "  Port 1",
      "Match host 127.0.0.1",
      `  Port ${sshd.port}`,
      "Host local",
      "  HostName 192.0.2.1",
      "",
    ].join("\n"),
  );
  await writeFile(join(ssh, "known_hosts"), `${sshd.knownHostsLine}\n`);
  process.env.HOME = home;
  delete process.env.SSH_AUTH_SOCK;
});

after(async () => {
  if (saved.home === undefined) delete process.env.HOME;
  else process.env.HOME = saved.home;
  if (saved.sock !== undefined) process.env.SSH_AUTH_SOCK = saved.sock;
  await sshd?.stop();
  await rm(home, { recursive: true, force: true });
});

describe("~/.ssh/config: Include, Match and bare Host aliases", () => {
  it("connectSsh() reaches an alias from an included file, its port from Match host", async () => {
    const warnings: string[] = [];
    const connection = await connectSsh({
      host: "lab1",
      onConfigWarning: (line) => warnings.push(line),
    });
    try {
      assert.equal(connection.label, `root@lab1:${sshd.port}`);
      assert.equal((await connection.exec("id -un")).stdout, "root\n");
    } finally {
      await connection.close();
    }
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^~\/\.ssh\/config: line 2: "Match exec false" is skipped/);
  });

  it("run --target lab1 takes the Host alias as ssh lab1 does", async () => {
    const r = await cli("run", LESSON, "--target", "lab1");
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, new RegExp(`ssh://root@lab1:${sshd.port}`));
    assert.match(r.out, /1 passed, 0 failed/);
  });

  it("a name that is no Host alias stays a one-line usage error", async () => {
    const r = await cli("run", LESSON, "--target", "lab9");
    assert.equal(r.code, 2);
    assert.equal(r.err.trim().split("\n").length, 1, r.err);
    assert.match(r.err, /Unknown target "lab9"/);
  });

  it("local keeps its meaning even when the config has a Host named local", async () => {
    const r = await cli("run", LESSON, "--target", "local");
    assert.equal(r.code, 0, r.out + r.err);
    assert.doesNotMatch(r.out, /ssh:\/\//);
  });
});
