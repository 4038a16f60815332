/**
 * The `http` probe against a real HTTP server in this process, requested from the target host
 * (the local target and over a real sshd) with curl, and with wget or python3 where PATH hides
 * curl: pass, fail naming expected and found, no answer, and error without any tool.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { freePort } from "../../ssh/_sshd.ts";
import { type HostWorld, makeHostWorld } from "./_host_world.ts";

let world: HostWorld;
let server: Server;
let base: string;
const HEALTH = { status: "healthy", checks: { db: "up" } };

before(async () => {
  world = await makeHostWorld();
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      if (request.url === "/health") {
        response.writeHead(200, { "Content-Type": "application/json" });
        response.end(JSON.stringify(HEALTH));
      } else if (request.url === "/echo" && request.method === "POST") {
        response.writeHead(201, { "Content-Type": "application/json" });
        response.end(JSON.stringify({ got: body, token: request.headers["x-token"] ?? null }));
      } else {
        response.writeHead(404);
        response.end("not here\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await world?.remove();
});

/** Runs `body` with the local target's PATH limited to `tools`. */
async function withTools(tools: string[], body: () => Promise<void>): Promise<void> {
  const bin = `${world.dir}/bin-${tools.join("-")}`;
  mkdirSync(bin);
  for (const tool of tools) {
    // Debian's own python3: the PATH's may be a version manager's shim that needs its PATH.
    const path = tool === "python3"
      ? "/usr/bin/python3"
      : execFileSync("sh", ["-c", `command -v ${tool}`]).toString().trim();
    symlinkSync(path, `${bin}/${tool}`);
  }
  await world.check(world.targets.local, { kind: "command", run: `PATH=${bin}; export PATH` });
  try {
    await body();
  } finally {
    await world.check(world.targets.local, {
      kind: "command",
      run: "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin; export PATH",
    });
  }
}

for (const where of ["local", "ssh"] as const) {
  describe(`http probe on the ${where} target`, () => {
    it("passes on status, JSON and body, and sends a POST's data and headers", async () => {
      const r = await world.check(world.targets[where], {
        kind: "http",
        url: "{{base}}/health",
        json: { status: "healthy" },
        body: '{"status":"healthy",{{*}}',
      }, { base });
      assert.equal(r.status, "pass", r.message);
      assert.equal(
        r.evidence,
        `GET ${base}/health from the target with curl: HTTP/1.1 200 OK\n${JSON.stringify(HEALTH)}`,
      );
      const post = await world.check(world.targets[where], {
        kind: "http",
        url: `${base}/echo`,
        data: "it's {data}",
        headers: { "X-Token": "t0k'en" },
        status: 201,
        json: { got: "it's {data}", token: "t0k'en" },
      });
      assert.equal(post.status, "pass", post.message);
      const missing = await world.check(world.targets[where], {
        kind: "http",
        url: `${base}/nope`,
        status: 404,
        body: "not here",
      });
      assert.equal(missing.status, "pass", missing.message);
    });

    it("fails naming the status and body found and expected", async () => {
      const r = await world.check(world.targets[where], {
        kind: "http",
        url: `${base}/nope`,
        json: { status: "healthy" },
      });
      assert.equal(r.status, "fail");
      assert.match(
        r.message!,
        new RegExp(
          `^GET ${base}/nope: answered 404 Not Found, expected 200; JSON body does not match`,
        ),
      );
      const json = await world.check(world.targets[where], {
        kind: "http",
        url: `${base}/health`,
        json: { checks: { db: "down" } },
      });
      assert.equal(
        json.message,
        `GET ${base}/health: JSON body does not match: $.checks.db: expected "down", got "up"`,
      );
    });

    it("fails when nothing answers, with curl's reason", async () => {
      const port = await freePort();
      const r = await world.check(world.targets[where], {
        kind: "http",
        url: `http://127.0.0.1:${port}/`,
      });
      assert.equal(r.status, "fail");
      assert.match(
        r.message!,
        new RegExp(`^GET http://127.0.0.1:${port}/ got no answer: curl: \\(7\\)`),
      );
    });
  });
}

describe("http probe without curl", () => {
  it("uses wget where there is no curl", async () => {
    await withTools(["sh", "wget"], async () => {
      const r = await world.check(world.targets.local, {
        kind: "http",
        url: `${base}/health`,
        json: HEALTH,
      });
      assert.equal(r.status, "pass", r.message);
      assert.match(r.evidence, /^GET .* from the target with wget: HTTP\/1\.1 200 OK\n\{/);
    });
  });

  it("uses python3 where there is neither curl nor wget", async () => {
    await withTools(["sh", "python3"], async () => {
      const r = await world.check(world.targets.local, {
        kind: "http",
        url: `${base}/echo`,
        data: "x",
        status: 201,
        json: { got: "x" },
      });
      assert.equal(r.status, "pass", r.message);
      assert.match(r.evidence, /^POST .* from the target with python3: HTTP\/1\.1 201 Created\n/);
      const missing = await world.check(world.targets.local, { kind: "http", url: `${base}/nope` });
      assert.match(missing.message!, /answered 404 Not Found, expected 200$/);
    });
  });

  it("ends error where the host has no tool to make the request", async () => {
    await withTools(["sh"], async () => {
      const r = await world.check(world.targets.local, { kind: "http", url: `${base}/health` });
      assert.equal(r.status, "error");
      assert.equal(
        r.message,
        `probe failed: probe "http" cannot tell: GET ${base}/health: the host has none of curl, wget and python3`,
      );
    });
  });
});
