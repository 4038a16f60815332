import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isSshConfigAlias, resolveSshConfig } from "../../../lib/ssh/config.ts";

let home = "";

before(async () => {
  home = await mkdtemp(join(tmpdir(), "run-lesson-ssh-config-"));
  const ssh = join(home, ".ssh");
  await mkdir(join(ssh, "config.d"), { recursive: true });
  await writeFile(join(ssh, "config.d", "10-lab"), "Host lab1\n  HostName 10.0.0.1\n  Port 2201\n");
  await writeFile(join(ssh, "config.d", "20-other"), "Host lab1 lab2\n  User second\n");
  await writeFile(join(ssh, "config.d", ".hidden"), "Host lab1\n  User hidden\n");
  await writeFile(join(ssh, "work.conf"), "Host w?rk\n  User worker\nHost *\n  Port 9\n");
  await writeFile(join(ssh, "cond"), "Port 2400\n");
  await writeFile(join(ssh, "loop"), "Include loop\n");
  await writeFile(
    join(ssh, "config"),
    "Include config.d/*\nInclude ~/.ssh/work.conf\nHost gated\n  Include cond\nHost *\n  User top\n",
  );
});

after(async () => {
  await rm(home, { recursive: true, force: true });
});

const options = () => ({ homeDir: home, localUser: "me" });

describe("ssh_config Include", () => {
  it("reads a glob relative to ~/.ssh in name order, skipping dot files", () => {
    const config = resolveSshConfig("lab1", "Include config.d/*\n", options());
    assert.equal(config.hostName, "10.0.0.1");
    assert.equal(config.port, 2201);
    assert.equal(config.user, "second");
  });

  it("reads a ~ path, and a Host line inside it does not leak into the including file", () => {
    const text = "Include ~/.ssh/work.conf\nUser after\n";
    assert.equal(resolveSshConfig("work", text, options()).user, "worker");
    // work.conf ends inside `Host *`; the including file's lines after it apply to every host.
    assert.equal(resolveSshConfig("other", text, options()).user, "after");
    assert.equal(resolveSshConfig("other", text, options()).port, 9);
  });

  it("includes inside a Host block only for that host", () => {
    const text = "Host gated\n  Include cond\n";
    assert.equal(resolveSshConfig("gated", text, options()).port, 2400);
    assert.equal(resolveSshConfig("open", text, options()).port, undefined);
  });

  it("skips a pattern that matches nothing", () => {
    const config = resolveSshConfig("x", "Include nothing-here/*\nUser me2\n", options());
    assert.equal(config.user, "me2");
  });

  it("refuses an Include that includes itself forever, naming the file", () => {
    assert.throws(
      () => resolveSshConfig("x", "Include loop\n", options()),
      /^SyntaxError: Cannot read .*\/\.ssh\/loop: line 1: Include nested too deeply$/,
    );
  });
});

describe("ssh_config Match", () => {
  const resolve = (alias: string, text: string, warnings: string[] = []) =>
    resolveSshConfig(alias, text, { ...options(), onWarning: (m) => warnings.push(m) });

  it("Match host matches the HostName set so far, originalhost the alias", () => {
    const text = "Host short\n  HostName box.lab.example\nMatch host *.lab.example\n  Port 2222\n" +
      "Match originalhost short\n  User alias-user\n";
    const config = resolve("short", text);
    assert.equal(config.port, 2222);
    assert.equal(config.user, "alias-user");
    assert.equal(resolve("other", text).port, undefined);
  });

  it("takes comma-separated patterns, negation, and several criteria together", () => {
    const text = "Match host a,b !user root\n  Port 2001\nMatch host c user root\n  Port 2002\n";
    assert.equal(resolve("b", text).port, 2001);
    assert.equal(resolve("c", "User root\n" + text).port, 2002);
    assert.equal(resolve("a", "User root\n" + text).port, undefined);
  });

  it("Match all applies to every host", () => {
    assert.equal(resolve("any", "Match all\n  Port 2003\n").port, 2003);
  });

  it("skips a block with another criterion, with one warning line naming it", () => {
    const warnings: string[] = [];
    const text = 'Match exec "true"\n  Port 1\nMatch all\n  Port 2\n';
    assert.equal(resolve("x", text, warnings).port, 2);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^ssh config: line 1: "Match exec true" is skipped/);
    assert.ok(!warnings[0].includes("\n"));
  });
});

describe("isSshConfigAlias()", () => {
  it("finds a Host alias named literally in ~/.ssh/config or an included file", () => {
    assert.equal(isSshConfigAlias("lab1", home), true);
    assert.equal(isSshConfigAlias("LAB2", home), true);
    assert.equal(isSshConfigAlias("gated", home), true);
  });

  it("does not take a name only a wildcard matches, or any name without a config", () => {
    assert.equal(isSshConfigAlias("work", home), false);
    assert.equal(isSshConfigAlias("nowhere", home), false);
    assert.equal(isSshConfigAlias("lab1", join(home, "missing")), false);
  });
});
