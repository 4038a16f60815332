import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Client } from "ssh2";
import { connectSsh } from "../../lib/ssh/connect.ts";
import type { ConnectSshOptions, HostKeyAdded } from "../../lib/ssh/connect.ts";
import { SshError } from "../../lib/ssh/ssh_error.ts";
import { startSshd } from "./_sshd.ts";
import type { SshdFixture } from "./_sshd.ts";

const run = promisify(execFile);

let sshd: SshdFixture;
let dir = "";
/** `ssh-ed25519 AAAA…` of a key the server does not have. */
let otherKey = "";
/** The server's ed25519 fingerprint as `ssh-keygen -l` prints it. */
let fingerprint = "";

before(async () => {
  sshd = await startSshd();
  dir = await mkdtemp(join(tmpdir(), "run-lesson-host-keys-"));
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "other")]);
  otherKey = (await readFile(join(dir, "other.pub"), "utf8")).split(" ").slice(0, 2).join(" ");
  await writeFile(join(dir, "host.pub"), `${sshd.hostKeyPub}\n`);
  const { stdout } = await run("ssh-keygen", ["-l", "-E", "sha256", "-f", join(dir, "host.pub")]);
  fingerprint = stdout.split(" ")[1];
});

after(async () => {
  await sshd?.stop();
  await rm(dir, { recursive: true, force: true });
});

function options(knownHosts: string, extra: Partial<ConnectSshOptions> = {}): ConnectSshOptions {
  return {
    host: sshd.host,
    port: sshd.port,
    user: "root",
    identityFile: sshd.keyPath,
    knownHostsFiles: [knownHosts],
    agent: false,
    configFile: null,
    ...extra,
  };
}

async function refusal(opts: ConnectSshOptions): Promise<SshError> {
  const error = await connectSsh(opts).then(
    async (connection) => {
      await connection.close();
      throw new Error("connected, but should have been refused");
    },
    (error: unknown) => error,
  );
  assert.ok(error instanceof SshError, String(error));
  return error;
}

async function works(opts: ConnectSshOptions): Promise<void> {
  const connection = await connectSsh(opts);
  try {
    assert.equal((await connection.exec("echo ok")).stdout, "ok\n");
  } finally {
    await connection.close();
  }
}

describe("connectSsh() host keys", () => {
  it("refuses an unknown host key and says how to trust it", async () => {
    const file = join(dir, "empty_known_hosts");
    const error = await refusal(options(file));
    assert.equal(error.kind, "hostkey-unknown");
    assert.equal(error.hostKey?.fingerprint, fingerprint);
    assert.equal(
      error.message,
      `Host key for "[127.0.0.1]:${sshd.port}" is not known: ssh-ed25519 ${fingerprint}: to ` +
        `trust it, verify the fingerprint and rerun with --accept-new-host-keys, or add it with ` +
        `ssh-keyscan -p ${sshd.port} 127.0.0.1 >> ${file}`,
    );
    await assert.rejects(stat(file), { code: "ENOENT" });
  });

  it("adds an unknown key with acceptNewHostKeys, then knows it without the flag", async () => {
    const file = join(dir, "tofu", ".ssh", "known_hosts");
    const added: HostKeyAdded[] = [];
    await works(options(file, {
      acceptNewHostKeys: true,
      onHostKeyAdded: (info) => added.push(info),
    }));
    assert.equal(await readFile(file, "utf8"), `${sshd.knownHostsLine}\n`);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.deepEqual(added, [{
      name: `[127.0.0.1]:${sshd.port}`,
      keyType: "ssh-ed25519",
      fingerprint,
      file,
    }]);
    await works(options(file));
    assert.equal(await readFile(file, "utf8"), `${sshd.knownHostsLine}\n`, "written once");
  });

  it("refuses a changed host key even with acceptNewHostKeys", async () => {
    const file = join(dir, "changed_known_hosts");
    await writeFile(file, `# lab hosts\n[127.0.0.1]:${sshd.port} ${otherKey}\n`);
    const error = await refusal(options(file, { acceptNewHostKeys: true }));
    assert.equal(error.kind, "hostkey-changed");
    assert.match(
      error.message,
      new RegExp(
        `^HOST KEY CHANGED for "\\[127\\.0\\.0\\.1\\]:${sshd.port}": .* it offered ssh-ed25519 ` +
          `${escape(fingerprint)} but ${escape(file)}:2 expects ssh-ed25519 SHA256:\\S+: ` +
          `refusing to connect; .*ssh-keygen -R "\\[127\\.0\\.0\\.1\\]:${sshd.port}" -f ` +
          `${escape(file)}$`,
      ),
    );
    assert.equal(
      await readFile(file, "utf8"),
      `# lab hosts\n[127.0.0.1]:${sshd.port} ${otherKey}\n`,
    );
  });

  it("refuses a revoked host key", async () => {
    const file = join(dir, "revoked_known_hosts");
    await writeFile(file, `${sshd.knownHostsLine}\n@revoked * ${sshd.hostKeyPub}\n`);
    const error = await refusal(options(file));
    assert.equal(error.kind, "hostkey-changed");
    assert.equal(
      error.message,
      `Host key for "[127.0.0.1]:${sshd.port}" is revoked: ssh-ed25519 ${fingerprint} is ` +
        `marked @revoked in ${file}:2: refusing to connect`,
    );
  });

  it("matches an entry hashed by ssh-keygen -H", async () => {
    const file = join(dir, "hashed_known_hosts");
    await writeFile(file, `${sshd.knownHostsLine}\n`);
    await run("ssh-keygen", ["-H", "-f", file]);
    assert.ok(!(await readFile(file, "utf8")).includes("127.0.0.1"));
    await works(options(file));
  });

  it("asks for the key type known_hosts has, as OpenSSH does", async () => {
    const file = join(dir, "ecdsa_known_hosts");
    await writeFile(file, `${sshd.ecdsaKnownHostsLine}\n`);
    await works(options(file));
  });

  it("trusts exactly a pinned key", async () => {
    const missing = join(dir, "never_read_known_hosts");
    await works(options(missing, { pinnedHostKey: sshd.knownHostsLine }));
    await works(options(missing, { pinnedHostKey: sshd.ecdsaKnownHostsLine }));
    const error = await refusal(options(missing, { pinnedHostKey: otherKey }));
    assert.equal(error.kind, "hostkey-changed");
    assert.ok(error.message.includes("but the pinned host key expects"), error.message);
  });

  it("leaves the list of the server's other host keys unproven", async () => {
    // OpenSSH lists its host keys after every login; ssh2 alone asks it to prove each one.
    const Protocol = createRequire(import.meta.url)("ssh2/lib/protocol/Protocol.js");
    const prove = Protocol.prototype.openssh_hostKeysProve;
    let asked = 0;
    Protocol.prototype.openssh_hostKeysProve = function (...args: unknown[]) {
      asked++;
      return prove.apply(this, args);
    };
    try {
      await rawLoginAndExec();
      assert.equal(asked, 1, "ssh2 alone asks the server to prove its keys");
      asked = 0;
      const file = join(dir, "proof_known_hosts");
      await writeFile(file, `${sshd.knownHostsLine}\n`);
      // The command's answer comes after the list, on the same connection.
      await works(options(file));
      assert.equal(asked, 0);
    } finally {
      Protocol.prototype.openssh_hostKeysProve = prove;
    }
  });
});

/** Logs in with ssh2 alone, runs `true` and waits for its channel to close. */
async function rawLoginAndExec(): Promise<void> {
  const client = new Client();
  try {
    await new Promise<void>((resolve, reject) => {
      client.on("error", reject);
      client.on("ready", () =>
        client.exec("true", (error, channel) => {
          if (error) return reject(error);
          channel.resume();
          channel.on("close", () => resolve());
        }));
      client.connect({
        host: sshd.host,
        port: sshd.port,
        username: "root",
        privateKey: readFileSync(sshd.keyPath),
        hostVerifier: () => true,
      });
    });
  } finally {
    client.end();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
