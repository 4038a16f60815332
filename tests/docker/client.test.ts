import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import { inspect } from "node:util";
import {
  connectDocker,
  DockerError,
  dockerHostDescription,
  resolveDockerHost,
} from "../../lib/docker/mod.ts";

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function withDockerHost<T>(value: string | undefined, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.DOCKER_HOST;
  if (value === undefined) delete process.env.DOCKER_HOST;
  else process.env.DOCKER_HOST = value;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
  }
}

describe("resolveDockerHost()", () => {
  const cases: Array<
    [string, { socketPath?: string; host?: string }, Record<string, string>, object]
  > = [
    ["the default socket", {}, {}, {
      kind: "unix",
      address: "/var/run/docker.sock",
      source: "default",
      socketPath: "/var/run/docker.sock",
    }],
    ["DOCKER_HOST unix://", {}, { DOCKER_HOST: "unix:///tmp/d.sock" }, {
      kind: "unix",
      address: "unix:///tmp/d.sock",
      source: "DOCKER_HOST",
      socketPath: "/tmp/d.sock",
    }],
    ["DOCKER_HOST tcp://", {}, { DOCKER_HOST: "tcp://127.0.0.1:2375" }, {
      kind: "tcp",
      address: "tcp://127.0.0.1:2375",
      source: "DOCKER_HOST",
      hostname: "127.0.0.1",
      port: 2375,
    }],
    ["DOCKER_HOST without a port", {}, { DOCKER_HOST: "tcp://localhost" }, {
      kind: "tcp",
      address: "tcp://localhost",
      source: "DOCKER_HOST",
      hostname: "localhost",
      port: 2375,
    }],
    ["DOCKER_HOST ssh://", {}, { DOCKER_HOST: "ssh://alice@host" }, {
      kind: "ssh",
      address: "ssh://alice@host",
      source: "DOCKER_HOST",
      hostname: "host",
      user: "alice",
    }],
    ["a socketPath option over DOCKER_HOST", { socketPath: "/x.sock" }, {
      DOCKER_HOST: "tcp://h:1",
    }, { kind: "unix", address: "/x.sock", source: "option", socketPath: "/x.sock" }],
    ["a host option over socketPath", { host: "unix:///y.sock", socketPath: "/x.sock" }, {}, {
      kind: "unix",
      address: "unix:///y.sock",
      source: "option",
      socketPath: "/y.sock",
    }],
  ];
  for (const [name, options, env, expected] of cases) {
    it(`resolves ${name}`, () => assert.deepEqual(resolveDockerHost(options, env), expected));
  }

  it("refuses an unsupported scheme", () => {
    assert.throws(() => resolveDockerHost({}, { DOCKER_HOST: "npipe:////./pipe/docker" }), {
      name: "DockerError",
      message:
        'Cannot use Docker address "npipe:////./pipe/docker" (DOCKER_HOST): unsupported scheme "npipe:": use unix://, tcp:// or ssh://',
    });
  });
});

describe("dockerHostDescription()", () => {
  const cases: Array<[{ socketPath?: string }, Record<string, string>, string]> = [
    [{}, {}, '"/var/run/docker.sock"'],
    [{}, { DOCKER_HOST: "tcp://127.0.0.1:9" }, '"tcp://127.0.0.1:9" (DOCKER_HOST)'],
    [{ socketPath: "/tmp/x.sock" }, { DOCKER_HOST: "tcp://127.0.0.1:9" }, '"/tmp/x.sock"'],
  ];
  for (const [options, env, expected] of cases) {
    it(`names ${expected}`, () => assert.equal(dockerHostDescription(options, env), expected));
  }
});

describe("connectDocker() with no engine", () => {
  it("names a missing socket and how to start an engine", async () => {
    await withDockerHost(undefined, async () => {
      await assert.rejects(
        connectDocker({ socketPath: "/tmp/run-lesson-test-missing.sock" }),
        (error) => {
          assert.ok(error instanceof DockerError);
          assert.equal(
            error.message,
            'Cannot connect to Docker at "/tmp/run-lesson-test-missing.sock": connect ENOENT: start dockerd (bash runner/setup/setup-engine.sh) or set DOCKER_HOST',
          );
          assert.equal(error.code, "ENOENT");
          assert.equal(error.statusCode, undefined);
          return true;
        },
      );
    });
  });

  it("names DOCKER_HOST when nothing listens on its port", async () => {
    const port = await closedPort();
    await withDockerHost(`tcp://127.0.0.1:${port}`, async () => {
      await assert.rejects(connectDocker(), {
        name: "DockerError",
        message:
          `Cannot connect to Docker at "tcp://127.0.0.1:${port}" (DOCKER_HOST): connect ECONNREFUSED: start dockerd (bash runner/setup/setup-engine.sh) or correct DOCKER_HOST`,
        code: "ECONNREFUSED",
      });
    });
  });

  it("gives up on an engine that accepts but never answers, through AbortSignal", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const started = performance.now();
      await assert.rejects(connectDocker({ host: `tcp://127.0.0.1:${port}`, timeoutMs: 300 }), {
        name: "DockerError",
        message: `Cannot connect to Docker at "tcp://127.0.0.1:${port}": no answer within 300 ms`,
        code: "ETIMEDOUT",
      });
      assert.ok(performance.now() - started < 3000);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(
        connectDocker({ host: `tcp://127.0.0.1:${port}`, signal: controller.signal }),
        {
          message: `Cannot connect to Docker at "tcp://127.0.0.1:${port}": aborted`,
          code: "ABORT_ERR",
        },
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("reaches ssh:// without an agent over SSH, naming the address when nothing listens", async () => {
    const port = await closedPort();
    await assert.rejects(connectDocker({ host: `ssh://alice@127.0.0.1:${port}` }), {
      name: "DockerError",
      message: new RegExp(
        `^Cannot connect to Docker at "ssh://alice@127\\.0\\.0\\.1:${port}": ` +
          `Cannot connect to "alice@127\\.0\\.0\\.1:${port}": .*ECONNREFUSED`,
      ),
    });
  });
});

describe("connectDocker() with an agent", () => {
  const agents: http.Agent[] = [];
  after(() => {
    for (const agent of agents) agent.destroy();
  });

  it("sends every request through the agent, on versioned paths", async () => {
    const requests: string[] = [];
    // Stands in for an SSH tunnel: its connections reach the real engine, whatever the options say.
    class TunnelAgent extends http.Agent {
      override createConnection(
        _options: unknown,
        callback?: (error: Error | null, socket: net.Socket) => void,
      ): net.Socket {
        const socket = net.connect("/var/run/docker.sock");
        const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
        socket.write = ((chunk: unknown, ...rest: unknown[]) => {
          const text = typeof chunk === "string"
            ? chunk
            : Buffer.from(chunk as Uint8Array).toString("latin1");
          const line = text.split("\r\n")[0];
          if (/^[A-Z]+ \//.test(line)) requests.push(line);
          return write(chunk, ...rest);
        }) as typeof socket.write;
        callback?.(null, socket);
        return socket;
      }
    }
    const agent = new TunnelAgent();
    agents.push(agent);
    const docker = await connectDocker({ host: "ssh://nobody@127.0.0.2", agent });
    await docker.containers.list({ labels: ["run-lesson.test=never"] });
    assert.equal(docker.description, '"ssh://nobody@127.0.0.2"');
    assert.deepEqual(requests, [
      "GET /version HTTP/1.1",
      `GET /v${docker.apiVersion}/containers/json?all=true&filters=%7B%22label%22%3A%5B%22run-lesson.test%3Dnever%22%5D%7D HTTP/1.1`,
    ]);
  });

  it("makes its agent print as one line: as the agent's class says, else as its name", async () => {
    class LabelledAgent extends http.Agent {
      [inspect.custom](): string {
        return "LabelledAgent { lab1 }";
      }
    }
    const plain = new http.Agent({ keepAlive: true });
    const labelled = new LabelledAgent({ keepAlive: true });
    agents.push(plain, labelled);
    for (const agent of [plain, labelled]) await connectDocker({ agent });
    const shown = (agent: http.Agent) => inspect({ agent }, { showHidden: true, depth: null });
    assert.equal(shown(plain), "{ agent: [Agent] }");
    assert.equal(shown(labelled), "{ agent: LabelledAgent { lab1 } }");
  });
});
