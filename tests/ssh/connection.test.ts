import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { request } from "node:http";
import type { Agent } from "node:http";
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { connect, createServer } from "node:net";
import type { AddressInfo, Socket } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import type { ClientChannel } from "ssh2";
import { connectSsh } from "../../lib/ssh/connect.ts";
import type { ConnectSshOptions } from "../../lib/ssh/connect.ts";
import type { SshConnection } from "../../lib/ssh/connection.ts";
import { SshError } from "../../lib/ssh/ssh_error.ts";
import { startSshd } from "./_sshd.ts";
import type { SshdFixture } from "./_sshd.ts";

const run = promisify(execFile);

/**
 * Commands run as the password user (logging in with the key): root's login scripts on this
 * machine are slow and killing them midway can leave stale locks behind. Root is used where
 * no shell runs (the Docker socket) and for the root-only abort path.
 */
async function connectTo(
  sshd: SshdFixture,
  user = sshd.passwordUser,
  extra: Partial<ConnectSshOptions> = {},
): Promise<SshConnection> {
  const knownHosts = join(sshd.dir, "known_hosts");
  await writeFile(knownHosts, `${sshd.knownHostsLine}\n`);
  return connectSsh({
    host: sshd.host,
    port: sshd.port,
    user,
    identityFile: sshd.keyPath,
    knownHostsFiles: [knownHosts],
    agent: false,
    configFile: null,
    ...extra,
  });
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A TCP proxy to a loopback port that can start dropping every byte, as a dead network would. */
async function startBlackholeProxy(targetPort: number) {
  const sockets = new Set<Socket>();
  let dropping = false;
  const server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => sockets.delete(socket));
    }
    client.on("data", (chunk) => dropping || upstream.write(chunk));
    upstream.on("data", (chunk) => dropping || client.write(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    blackhole: () => (dropping = true),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Local pids of `sleep <pattern>` processes: the sshd runs on this machine. */
async function sleepers(pattern: string): Promise<string[]> {
  const { stdout } = await run("pgrep", ["-f", `^sleep ${pattern}`]).catch(() => ({ stdout: "" }));
  return stdout.split("\n").filter((line) => line !== "");
}

function collect(channel: ClientChannel) {
  let stdout = "";
  let stderr = "";
  channel.on("data", (chunk: Buffer) => (stdout += chunk));
  channel.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => channel.on("exit", (code) => resolve(code)));
  const closed = new Promise<void>((resolve) => channel.on("close", () => resolve()));
  return { exit, closed, output: () => ({ stdout, stderr }) };
}

function get(agent: Agent, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, path, host: "docker", method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("SshConnection", () => {
  let sshd: SshdFixture;
  let connection: SshConnection;
  let rootConnection: SshConnection;

  before(async () => {
    sshd = await startSshd();
    connection = await connectTo(sshd);
    rootConnection = await connectTo(sshd, "root");
  });

  after(async () => {
    await connection?.close();
    await rootConnection?.close();
    await sshd?.stop();
  });

  it("exec() returns stdout, stderr and a non-zero exit code as data", async () => {
    const result = await connection.exec("echo out; echo err >&2; exit 3");
    assert.deepEqual(
      { ...result, durationMs: 0 },
      { stdout: "out\n", stderr: "err\n", exitCode: 3, signal: null, durationMs: 0 },
    );
  });

  it("exec() reports the signal that ended a command", async () => {
    const result = await connection.exec("kill -TERM $$");
    assert.equal(result.exitCode, null);
    assert.equal(result.signal, "SIGTERM");
  });

  it("exec() exports env as quoted shell assignments", async () => {
    const env = { A: "it's $HOME", B: "two words" };
    const result = await connection.exec(`printf '%s|%s' "$A" "$B"; sh -c 'printf "|%s" "$B"'`, {
      env,
    });
    assert.equal(result.stdout, "it's $HOME|two words|two words");
    await assert.rejects(connection.exec("true", { env: { "BAD-NAME": "x" } }), {
      name: "TypeError",
      message: 'Cannot set environment variable "BAD-NAME": not a valid shell name',
    });
  });

  it("exec() feeds stdin and closes it", async () => {
    const input = "line\n".repeat(200_000);
    const result = await connection.exec("sha256sum | cut -d' ' -f1", { stdin: input });
    assert.equal(result.stdout.trim(), sha256(input));
    assert.equal((await connection.exec("cat")).stdout, "", "stdin is empty when not given");
  });

  it("exec() returns 10 MB of output byte-exact", async () => {
    const line = "héllo wörld ✓\n";
    const lines = 582_542;
    const result = await connection.exec(`yes 'héllo wörld ✓' | head -n ${lines}`);
    const expected = line.repeat(lines);
    assert.equal(Buffer.byteLength(result.stdout), 10_485_756);
    assert.equal(result.stdout.length, expected.length);
    assert.equal(sha256(result.stdout), sha256(expected));
    assert.equal(result.exitCode, 0);
  });

  it("exec() stops a command at the AbortSignal's timeout and kills it", async () => {
    const error = await connection.exec("sleep 31.25; sleep 31.5", {
      signal: AbortSignal.timeout(300),
    }).catch((error: unknown) => error);
    assert.ok(error instanceof SshError, String(error));
    assert.equal(error.kind, "timeout");
    assert.match(
      error.message,
      /^Cannot finish command "sleep 31\.25; sleep 31\.5" on "rltest@127\.0\.0\.1:\d+": aborted after \d+ ms: .+/,
    );
    assert.deepEqual(await sleepers("31[.]"), []);
  });

  it("exec() kills an aborted root command, whose sshd refuses signal requests", async () => {
    const started = performance.now();
    const error = await rootConnection.exec("sleep 41.25; sleep 41.5", {
      signal: AbortSignal.timeout(300),
    }).catch((error: unknown) => error);
    assert.ok(error instanceof SshError, String(error));
    assert.equal(error.kind, "timeout");
    assert.ok(performance.now() - started < 5_000, "settles within the grace period");
    // The kill waits for root's login scripts to print the shell's pid, then ends the group.
    for (let waited = 0; (await sleepers("41[.]")).length > 0; waited += 250) {
      assert.ok(waited < 30_000, "the aborted root command is still running after 30 s");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  it("exec() rejects at once for an already aborted signal", async () => {
    const controller = new AbortController();
    controller.abort(new Error("user pressed Ctrl-C"));
    const error = await connection.exec("true", { signal: controller.signal }).catch((e) => e);
    assert.ok(error instanceof SshError);
    assert.equal(error.kind, "error");
    assert.match(error.message, /: aborted after \d+ ms: user pressed Ctrl-C$/);
  });

  it("shell() opens a login shell without a pty", async () => {
    const channel = await connection.shell();
    const shell = collect(channel);
    channel.end("echo marker-$((6 * 7)); echo to-stderr >&2; tty || true; exit 7\n");
    assert.equal(await shell.exit, 7);
    await shell.closed;
    const { stdout, stderr } = shell.output();
    assert.match(stdout, /marker-42\nnot a tty\n$/);
    assert.match(stderr, /to-stderr\n$/);
  });

  it("shell({ command }) runs the given shell", async () => {
    const channel = await connection.shell({ command: "sh" });
    const shell = collect(channel);
    channel.end("readlink /proc/$$/exe\n");
    assert.equal(await shell.exit, 0);
    await shell.closed;
    assert.equal(shell.output().stdout, "/usr/bin/dash\n");
  });

  it("dockerAgent() tunnels Engine API requests over the connection", async () => {
    const agent = rootConnection.dockerAgent();
    try {
      assert.deepEqual(await get(agent, "/_ping"), { status: 200, body: "OK" });
      const version = await get(agent, "/version");
      assert.equal(version.status, 200);
      assert.ok(typeof JSON.parse(version.body).ApiVersion === "string", version.body);
    } finally {
      agent.destroy();
    }
  });

  it("dockerAgent() reports a socket that does not exist", async () => {
    const agent = connection.dockerAgent("/run/no-such-docker.sock");
    try {
      await assert.rejects(get(agent, "/_ping"), {
        name: "SshError",
        message: new RegExp(
          `^Cannot open "/run/no-such-docker\\.sock" on "rltest@127\\.0\\.0\\.1:${sshd.port}": .+: ` +
            `check that the socket exists there and the login user may open it$`,
        ),
      });
    } finally {
      agent.destroy();
    }
  });
});

describe("SshConnection lifecycle", () => {
  let sshd: SshdFixture;

  before(async () => {
    sshd = await startSshd();
  });

  after(async () => {
    await sshd?.stop();
  });

  it("close() ends the connection once and later calls fail clearly", async () => {
    const connection = await connectTo(sshd);
    const reasons: (SshError | undefined)[] = [];
    connection.onClose((error) => reasons.push(error));
    await connection.close();
    await connection.close();
    assert.deepEqual(reasons, [undefined]);
    await assert.rejects(connection.exec("true"), {
      name: "SshError",
      kind: "error",
      message: `Cannot use the SSH connection to "rltest@127.0.0.1:${sshd.port}": it was closed`,
    });
  });

  it("keepalives notice a server that stopped answering", async () => {
    const proxy = await startBlackholeProxy(sshd.port);
    const knownHosts = join(sshd.dir, "proxy_known_hosts");
    await writeFile(knownHosts, `[127.0.0.1]:${proxy.port} ${sshd.hostKeyPub}\n`);
    const connection = await connectSsh({
      host: "127.0.0.1",
      port: proxy.port,
      user: sshd.passwordUser,
      identityFile: sshd.keyPath,
      knownHostsFiles: [knownHosts],
      agent: false,
      configFile: null,
      keepaliveIntervalMs: 200,
    });
    const closed = new Promise<SshError | undefined>((resolve) => connection.onClose(resolve));
    assert.equal((await connection.exec("echo up")).stdout, "up\n");
    proxy.blackhole();
    try {
      const late = new Promise<string>((resolve) =>
        setTimeout(() => resolve("still open"), 10_000)
      );
      const error = await Promise.race([closed, late]);
      assert.ok(error instanceof SshError, String(error));
      assert.equal(error.kind, "unreachable");
      assert.equal(
        error.message,
        `Lost the SSH connection to "rltest@127.0.0.1:${proxy.port}": the server stopped ` +
          `answering keepalives`,
      );
    } finally {
      await proxy.close();
    }
  });

  it("a killed sshd rejects the running command with an SshError naming the host", async () => {
    const connection = await connectTo(sshd);
    const closed = new Promise<SshError | undefined>((resolve) => connection.onClose(resolve));
    const running = connection.exec("echo started; sleep 30").catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await sshd.kill();
    const error = await running;
    assert.ok(error instanceof SshError, String(error));
    assert.equal(error.kind, "unreachable");
    assert.equal(error.host, `rltest@127.0.0.1:${sshd.port}`);
    assert.match(error.message, /^Lost the SSH connection to "rltest@127\.0\.0\.1:\d+": .+/);
    assert.equal(await closed, error);
    await assert.rejects(connection.exec("true"), { name: "SshError", kind: "unreachable" });
    await connection.close();
  });
});
