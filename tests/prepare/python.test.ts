import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { prepareImages } from "../../lib/prepare/prepare.ts";
import { docker, dockerOk, Scope, TEST_LABEL, waitFor } from "./_docker.ts";

const APP = [
  "from fastapi import FastAPI",
  "import redis",
  "app = FastAPI()",
  "@app.get('/health')",
  "def health():",
  "    return {'status': 'healthy', 'cache': redis.Redis(host='cache').ping()}",
].join("\n");

// The lesson's agent image: FastAPI served by uvicorn, talking to Redis by name.
describe("python:3.12-alpine stand-in", () => {
  const scope = new Scope();
  let net = "";

  const inPython = (cmd: string[], network = "none") =>
    docker([
      "run",
      "--rm",
      "--label",
      TEST_LABEL,
      "--network",
      network,
      "python:3.12-alpine",
      ...cmd,
    ]);

  before(async () => {
    const refs = ["python:3.12-alpine", "redis:7-alpine", "alpine:latest"];
    for (const r of await prepareImages(refs, { offline: true })) {
      assert.notEqual(r.status, "failed", r.message);
    }
    net = await scope.network("agent-net");
  });

  after(() => scope.cleanup());

  it("python:3.12-alpine imports fastapi, uvicorn, psycopg2 and redis", async () => {
    const run = await inPython([
      "python3",
      "-c",
      "import fastapi, uvicorn, psycopg2, redis; print('ok')",
    ]);
    assert.deepEqual([run.code, run.stdout, run.stderr], [0, "ok\n", ""]);
  });

  it("python:3.12-alpine has `uvicorn` and `python` commands", async () => {
    const uvicorn = await inPython(["uvicorn", "--version"]);
    assert.equal(uvicorn.code, 0, uvicorn.stderr);
    assert.match(
      uvicorn.stdout,
      /^Running uvicorn \d+\.\d+\.\d+ with CPython 3\.\d+\.\d+ on Linux\n$/,
    );
    const python = await inPython(["python", "--version"]);
    assert.match(python.stdout, /^Python 3\.\d+\.\d+\n$/);
  });

  it("python:3.12-alpine has no pip, so an install from the internet cannot pass by accident", async () => {
    const pip = await inPython(["sh", "-c", "command -v pip pip3 uv"]);
    assert.notEqual(pip.code, 0);
    assert.equal(pip.stdout, "");
  });

  it("python:3.12-alpine serves a FastAPI app with uvicorn that reaches redis by name", async () => {
    const cache = scope.container("cache");
    await dockerOk([
      "run",
      "-d",
      "--label",
      TEST_LABEL,
      "--name",
      cache,
      "--network",
      net,
      "--network-alias",
      "cache",
      "redis:7-alpine",
    ]);
    const agent = scope.container("agent");
    await dockerOk([
      "run",
      "-d",
      "--label",
      TEST_LABEL,
      "--name",
      agent,
      "--network",
      net,
      "-e",
      `APP=${APP}`,
      "-w",
      "/app",
      "python:3.12-alpine",
      "sh",
      "-c",
      'printf "%s\\n" "$APP" > agent.py && exec uvicorn agent:app --host 0.0.0.0 --port 8000',
    ]);
    let body = "";
    await waitFor("the agent to answer", async () => {
      const run = await docker([
        "run",
        "--rm",
        "--label",
        TEST_LABEL,
        "--network",
        net,
        "alpine:latest",
        "wget",
        "-q",
        "-O",
        "-",
        `http://${agent}:8000/health`,
      ]);
      body = run.stdout;
      return run.code === 0;
    });
    assert.equal(body, '{"status":"healthy","cache":true}');
  });
});
