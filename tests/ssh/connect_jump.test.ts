import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { connectSsh } from "../../lib/ssh/connect.ts";
import type { ConnectSshOptions } from "../../lib/ssh/connect.ts";
import { SshError } from "../../lib/ssh/ssh_error.ts";
import { startSshd } from "./_sshd.ts";
import type { SshdFixture } from "./_sshd.ts";

let jump: SshdFixture;
let closedJump: SshdFixture;
let target: SshdFixture;
let knownHosts = "";

before(async () => {
  [jump, closedJump, target] = await Promise.all([
    startSshd(),
    startSshd({ allowTcpForwarding: false }),
    startSshd(),
  ]);
  knownHosts = join(target.dir, "known_hosts");
  const lines = [jump.knownHostsLine, closedJump.knownHostsLine, target.knownHostsLine];
  await writeFile(knownHosts, `${lines.join("\n")}\n`);
});

after(async () => {
  await Promise.all([jump?.stop(), closedJump?.stop(), target?.stop()]);
});

function options(extra: Partial<ConnectSshOptions>): ConnectSshOptions {
  return {
    host: target.host,
    port: target.port,
    user: target.passwordUser,
    identityFile: target.keyPath,
    knownHostsFiles: [knownHosts],
    agent: false,
    configFile: null,
    ...extra,
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 50) {
    assert.ok(waited < 5_000, what);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("connectSsh() through jump hosts", () => {
  it("reaches the target through the jump host without running anything there", async () => {
    const connection = await connectSsh(options({
      identityFile: [target.keyPath, jump.keyPath],
      proxyJump: `root@127.0.0.1:${jump.port}`,
    }));
    const result = await connection.exec("id -un; echo $SSH_CONNECTION");
    assert.match(
      result.stdout,
      new RegExp(`^rltest\\n127\\.0\\.0\\.1 \\d+ 127\\.0\\.0\\.1 ${target.port}\\n$`),
    );
    assert.match(jump.log(), /Accepted publickey for root from 127\.0\.0\.1/);
    assert.doesNotMatch(jump.log(), /Starting session/);
    await connection.close();
    await until(() => /Disconnected from user root/.test(jump.log()), "the jump connection ended");
  });

  it("follows ProxyJump from ssh_config, resolving the jump alias there too", async () => {
    const config = join(target.dir, "ssh_config");
    await writeFile(
      config,
      [
        "Host lab-target",
        "  HostName 127.0.0.1",
        `  Port ${target.port}`,
        "  User rltest",
        "  ProxyJump jumpbox",
        "Host jumpbox",
        "  HostName 127.0.0.1",
        `  Port ${jump.port}`,
        "  User root",
        "Host *",
        `  IdentityFile ${target.keyPath}`,
        `  IdentityFile ${jump.keyPath}`,
        "",
      ].join("\n"),
    );
    const connection = await connectSsh({
      host: "lab-target",
      knownHostsFiles: [knownHosts],
      agent: false,
      configFile: config,
    });
    assert.equal(connection.label, `rltest@lab-target:${target.port}`);
    assert.equal((await connection.exec("id -un")).stdout, "rltest\n");
    await connection.close();
  });

  it("refuses a jump host whose key is not known", async () => {
    const onlyTarget = join(target.dir, "only_target_known_hosts");
    await writeFile(onlyTarget, `${target.knownHostsLine}\n`);
    const error = await connectSsh(options({
      identityFile: [target.keyPath, jump.keyPath],
      knownHostsFiles: [onlyTarget],
      proxyJump: `root@127.0.0.1:${jump.port}`,
    })).catch((error: unknown) => error);
    assert.ok(error instanceof SshError, String(error));
    assert.equal(error.kind, "hostkey-unknown");
    assert.equal(error.host, `root@127.0.0.1:${jump.port}`);
    assert.match(
      error.message,
      new RegExp(`^Host key for "\\[127\\.0\\.0\\.1\\]:${jump.port}" is not known`),
    );
  });

  it("reports a target the jump host cannot reach as unreachable", async () => {
    const error = await connectSsh(options({
      port: 1,
      identityFile: [target.keyPath, jump.keyPath],
      proxyJump: `root@127.0.0.1:${jump.port}`,
    })).catch((error: unknown) => error);
    assert.ok(error instanceof SshError, String(error));
    assert.equal(error.kind, "unreachable");
    assert.equal(
      error.message,
      `Cannot connect to "rltest@127.0.0.1:1" via "root@127.0.0.1:${jump.port}": the jump ` +
        `host could not open a connection: (SSH) Channel open failure: Connection refused: ` +
        `the jump host cannot reach 127.0.0.1:1`,
    );
  });

  it("reports a jump host that may not forward as unreachable, naming both", async () => {
    const error = await connectSsh(options({
      identityFile: [target.keyPath, closedJump.keyPath],
      proxyJump: `root@127.0.0.1:${closedJump.port}`,
    })).catch((error: unknown) => error);
    assert.ok(error instanceof SshError, String(error));
    assert.equal(error.kind, "unreachable");
    assert.equal(
      error.message,
      `Cannot connect to "rltest@127.0.0.1:${target.port}" via "root@127.0.0.1:${closedJump.port}": ` +
        `the jump host could not open a connection: (SSH) Channel open failure: ` +
        `open failed: the jump host does not allow forwarding (AllowTcpForwarding)`,
    );
  });
});
