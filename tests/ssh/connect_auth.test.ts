import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import type { Server, Socket } from "node:net";
import { join } from "node:path";
import { connectSsh } from "../../lib/ssh/connect.ts";
import type { ConnectSshOptions } from "../../lib/ssh/connect.ts";
import { SshError } from "../../lib/ssh/ssh_error.ts";
import { loginName, startSshd } from "./_sshd.ts";
import type { SshdFixture } from "./_sshd.ts";
import { startAgent } from "./_agent.ts";
import type { AgentFixture } from "./_agent.ts";

const PASSPHRASE_ENV = "RUN_LESSON_TEST_AUTH_PASSPHRASE";
const PASSWORD_ENV = "RUN_LESSON_TEST_AUTH_PASSWORD";

let sshd: SshdFixture;
let agent: AgentFixture | undefined;
let knownHosts = "";

before(async () => {
  sshd = await startSshd();
  knownHosts = join(sshd.dir, "known_hosts");
  await writeFile(knownHosts, `${sshd.knownHostsLine}\n`);
});

after(async () => {
  delete process.env[PASSPHRASE_ENV];
  delete process.env[PASSWORD_ENV];
  await agent?.stop();
  await sshd?.stop();
});

function options(extra: Partial<ConnectSshOptions>): ConnectSshOptions {
  return {
    host: sshd.host,
    port: sshd.port,
    user: "root",
    knownHostsFiles: [knownHosts],
    agent: false,
    configFile: null,
    passphraseEnv: PASSPHRASE_ENV,
    passwordEnv: PASSWORD_ENV,
    ...extra,
  };
}

/** The user name a login with these options (over the defaults above) gets. */
function whoami(extra: Partial<ConnectSshOptions>): Promise<string> {
  return loginName(options(extra));
}

async function refusal(extra: Partial<ConnectSshOptions>): Promise<SshError> {
  const error = await connectSsh(options(extra)).then(
    async (connection) => {
      await connection.close();
      throw new Error("connected, but should have been refused");
    },
    (error: unknown) => error,
  );
  assert.ok(error instanceof SshError, String(error));
  return error;
}

describe("connectSsh() authentication", () => {
  it("logs in with a private key file", async () => {
    assert.equal(await whoami({ identityFile: sshd.keyPath }), "root");
  });

  it("decrypts an encrypted key with the passphrase from the named variable", async () => {
    process.env[PASSPHRASE_ENV] = sshd.passphrase;
    try {
      assert.equal(await whoami({ identityFile: sshd.encryptedKeyPath }), "root");
    } finally {
      delete process.env[PASSPHRASE_ENV];
    }
  });

  it("asks for the passphrase when the variable is unset", async () => {
    const questions: string[] = [];
    const prompt = (question: string) => {
      questions.push(question);
      return Promise.resolve(sshd.passphrase);
    };
    assert.equal(await whoami({ identityFile: sshd.encryptedKeyPath, prompt }), "root");
    assert.deepEqual(questions, [`Enter passphrase for key "${sshd.encryptedKeyPath}": `]);
  });

  it("refuses an encrypted key without a passphrase source", async () => {
    const error = await refusal({ identityFile: sshd.encryptedKeyPath });
    assert.equal(error.kind, "auth-failed");
    assert.equal(
      error.message,
      `Cannot use private key "${sshd.encryptedKeyPath}" for "root@127.0.0.1:${sshd.port}": it ` +
        `is encrypted: set ${PASSPHRASE_ENV} or run interactively to be asked for the passphrase`,
    );
  });

  it("refuses a wrong passphrase without echoing it", async () => {
    process.env[PASSPHRASE_ENV] = "not-the-passphrase";
    try {
      const error = await refusal({ identityFile: sshd.encryptedKeyPath });
      assert.equal(error.kind, "auth-failed");
      assert.equal(
        error.message,
        `Cannot decrypt private key "${sshd.encryptedKeyPath}" for ` +
          `"root@127.0.0.1:${sshd.port}": wrong passphrase`,
      );
    } finally {
      delete process.env[PASSPHRASE_ENV];
    }
  });

  it("logs in through ssh-agent", async () => {
    agent = await startAgent([sshd.keyPath]);
    assert.equal(await whoami({ agent: agent.socket }), "root");
    const saved = process.env.SSH_AUTH_SOCK;
    process.env.SSH_AUTH_SOCK = agent.socket;
    try {
      assert.equal(await whoami({ agent: undefined }), "root", "SSH_AUTH_SOCK by default");
      assert.equal(await whoami({ agent: true }), "root");
    } finally {
      if (saved === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved;
    }
    await agent.stop();
  });

  it("logs in with the password from the named variable", async () => {
    process.env[PASSWORD_ENV] = sshd.password;
    try {
      assert.equal(await whoami({ user: sshd.passwordUser }), sshd.passwordUser);
    } finally {
      delete process.env[PASSWORD_ENV];
    }
  });

  it("asks for the password when the variable is unset", async () => {
    const questions: string[] = [];
    const prompt = (question: string) => {
      questions.push(question);
      return Promise.resolve(sshd.password);
    };
    assert.equal(await whoami({ user: sshd.passwordUser, prompt }), sshd.passwordUser);
    assert.deepEqual(questions, [`Password for rltest@127.0.0.1:${sshd.port}: `]);
  });

  it("reports a wrong password as auth-failed without the password", async () => {
    process.env[PASSWORD_ENV] = "wrong-password-1234";
    try {
      const error = await refusal({ user: sshd.passwordUser });
      assert.equal(error.kind, "auth-failed");
      assert.equal(
        error.message,
        `Cannot log in to "rltest@127.0.0.1:${sshd.port}": the server refused password`,
      );
      assert.ok(!JSON.stringify(error).includes("wrong-password-1234"));
    } finally {
      delete process.env[PASSWORD_ENV];
    }
  });

  it("reports a key the server does not accept as auth-failed", async () => {
    const error = await refusal({ identityFile: sshd.wrongKeyPath });
    assert.equal(error.kind, "auth-failed");
    assert.equal(error.host, `root@127.0.0.1:${sshd.port}`);
    assert.equal(
      error.message,
      `Cannot log in to "root@127.0.0.1:${sshd.port}": the server refused publickey ` +
        `"${sshd.wrongKeyPath}"`,
    );
  });

  it("says what to do when there is nothing to offer", async () => {
    const error = await refusal({ identityFile: [] });
    assert.equal(error.kind, "auth-failed");
    assert.equal(
      error.message,
      `Cannot log in to "root@127.0.0.1:${sshd.port}": no credentials to offer: pass an ` +
        `identity file, start ssh-agent, or set ${PASSWORD_ENV}`,
    );
  });

  it("turns an unreadable private key into a clear error", async () => {
    const garbage = join(sshd.dir, "garbage_key");
    await writeFile(garbage, "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n", { mode: 0o600 });
    const error = await refusal({ identityFile: garbage });
    assert.equal(error.kind, "error");
    assert.match(
      error.message,
      new RegExp(`^Cannot parse private key "${garbage}" for "root@127\\.0\\.0\\.1:\\d+": .+`),
    );
    const missing = await refusal({ identityFile: join(sshd.dir, "missing") });
    assert.equal(missing.kind, "error");
    assert.match(missing.message, /^Cannot read private key ".*\/missing" for ".*": ENOENT/);
  });
});

describe("connectSsh() failures before login", () => {
  let silent: Server;
  const sockets: Socket[] = [];

  before(async () => {
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  });

  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it("reports a closed port as unreachable", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await refusal({ port, identityFile: sshd.keyPath });
    assert.equal(error.kind, "unreachable");
    assert.equal(
      error.message,
      `Cannot connect to "root@127.0.0.1:${port}": connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it("reports a server that never speaks as a timeout", async () => {
    const port = (silent.address() as { port: number }).port;
    const error = await refusal({ port, identityFile: sshd.keyPath, readyTimeoutMs: 300 });
    assert.equal(error.kind, "timeout");
    assert.equal(
      error.message,
      `Cannot connect to "root@127.0.0.1:${port}": no SSH login within 300 ms`,
    );
  });
});
