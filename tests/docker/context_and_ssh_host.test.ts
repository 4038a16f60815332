import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { connectDocker, DockerError } from "../../lib/docker/mod.ts";
import { cli } from "../_cli.ts";
import { requireEngine } from "../_services.ts";
import { startSshd } from "../ssh/_sshd.ts";
import type { SshdFixture } from "../ssh/_sshd.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const VARS = ["HOME", "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "SSH_AUTH_SOCK"];
const saved = Object.fromEntries(VARS.map((name) => [name, process.env[name]]));
let sshd: SshdFixture;
let home = "";
let localId = "";

/** Writes a docker CLI context as `docker context create` does. */
async function writeContext(name: string, host: string): Promise<void> {
  const id = createHash("sha256").update(name).digest("hex");
  const dir = join(home, ".docker", "contexts", "meta", id);
  await mkdir(dir, { recursive: true });
  const meta = {
    Name: name,
    Metadata: {},
    Endpoints: { docker: { Host: host, SkipTLSVerify: false } },
  };
  await writeFile(join(dir, "meta.json"), JSON.stringify(meta));
}

function setEnv(values: Record<string, string | undefined>): void {
  for (const name of ["DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG"]) delete process.env[name];
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

before(async () => {
  requireEngine();
  for (const name of VARS) delete process.env[name];
  const local = await connectDocker();
  localId = local.engine.Version;
  sshd = await startSshd();
  home = await mkdtemp(join(tmpdir(), "run-lesson-docker-home-"));
  await mkdir(join(home, ".ssh"), { recursive: true, mode: 0o700 });
  // The login takes ssh's defaults: ~/.ssh/id_ed25519 and ~/.ssh/known_hosts.
  await copyFile(sshd.keyPath, join(home, ".ssh", "id_ed25519"));
  await writeFile(join(home, ".ssh", "known_hosts"), `${sshd.knownHostsLine}\n`);
  await writeContext("rl-local", "unix:///var/run/docker.sock");
  await writeContext("rl-ssh", `ssh://root@127.0.0.1:${sshd.port}`);
  process.env.HOME = home;
});

after(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await sshd?.stop();
  await rm(home, { recursive: true, force: true });
});

describe("the local engine as the docker CLI finds it", () => {
  it("DOCKER_CONTEXT names a context whose endpoint is the local socket", async () => {
    setEnv({ DOCKER_CONTEXT: "rl-local" });
    const docker = await connectDocker();
    assert.equal(docker.endpoint.source, "context");
    assert.equal(docker.endpoint.socketPath, "/var/run/docker.sock");
    assert.equal(docker.description, '"unix:///var/run/docker.sock" (Docker context "rl-local")');
    await docker.ping();
    assert.equal(docker.engine.Version, localId);
  });

  it("currentContext of ~/.docker/config.json is used without DOCKER_CONTEXT; DOCKER_HOST wins", async () => {
    await writeFile(join(home, ".docker", "config.json"), '{"currentContext": "rl-missing"}');
    try {
      setEnv({});
      await assert.rejects(connectDocker(), (error: unknown) => {
        assert.ok(error instanceof DockerError);
        assert.match(
          error.message,
          /^Cannot use Docker context "rl-missing" \(config.json\): it does not exist/,
        );
        return true;
      });
      setEnv({ DOCKER_HOST: "unix:///var/run/docker.sock" });
      await (await connectDocker()).ping();
      await writeFile(join(home, ".docker", "config.json"), '{"currentContext": "rl-local"}');
      setEnv({});
      assert.equal((await connectDocker()).endpoint.context, "rl-local");
    } finally {
      await rm(join(home, ".docker", "config.json"), { force: true });
    }
  });

  it("DOCKER_HOST=ssh://user@host:port reaches the engine behind the sshd over SSH", async () => {
    setEnv({ DOCKER_HOST: `ssh://root@127.0.0.1:${sshd.port}` });
    const before = sshd.log().split("Accepted publickey for root").length;
    const docker = await connectDocker();
    try {
      assert.equal(docker.endpoint.kind, "ssh");
      assert.equal(docker.engine.Version, localId);
      const name = `rl-ssh-host-${Date.now().toString(36)}`;
      const volume = await docker.volumes.create({ name });
      try {
        assert.equal((await docker.volumes.inspect(name)).Name, name);
      } finally {
        await docker.volumes.remove(volume.Name);
      }
      assert.equal(sshd.log().split("Accepted publickey for root").length, before + 1);
    } finally {
      await docker.close();
    }
  });

  it("run-lesson run with DOCKER_HOST=ssh:// probes that engine through SSH", async () => {
    setEnv({});
    const local = await connectDocker();
    const net = "rl-docker-host-ssh-net";
    await local.networks.remove(net).catch(() => {});
    await local.networks.create({ name: net });
    try {
      setEnv({ DOCKER_HOST: `ssh://root@127.0.0.1:${sshd.port}` });
      const before = sshd.log().split("Accepted publickey for root").length;
      const r = await cli("run", "tests/fixtures/lessons/docker-host-ssh");
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /1 passed, 0 failed/);
      assert.ok(sshd.log().split("Accepted publickey for root").length > before, "no SSH login");
    } finally {
      await local.networks.remove(net).catch(() => {});
    }
  });

  it("a docker context with an ssh:// endpoint goes the same way", async () => {
    setEnv({ DOCKER_CONTEXT: "rl-ssh" });
    const docker = await connectDocker();
    try {
      assert.equal(docker.endpoint.kind, "ssh");
      assert.equal(
        docker.description,
        `"ssh://root@127.0.0.1:${sshd.port}" (Docker context "rl-ssh")`,
      );
      await docker.ping();
    } finally {
      await docker.close();
    }
  });

  it("an unknown host key is refused with ssh's message, naming the address", async () => {
    setEnv({ DOCKER_HOST: `ssh://root@localhost:${sshd.port}` });
    await assert.rejects(connectDocker(), (error: unknown) => {
      assert.ok(error instanceof DockerError);
      assert.match(
        error.message,
        /^Cannot connect to Docker at "ssh:\/\/root@localhost:\d+" \(DOCKER_HOST\): /,
      );
      return true;
    });
  });

  it("a program that never closes its ssh:// engine client still ends", async () => {
    const script = `import { connectDocker } from "./lib/docker/mod.ts";\n` +
      `const d = await connectDocker(); await d.ping(); console.log("pinged " + d.endpoint.kind);\n`;
    const child = spawn(process.execPath.endsWith("deno") ? "node" : process.execPath, [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      script,
    ], {
      cwd: ROOT,
      env: { ...process.env, DOCKER_HOST: `ssh://root@127.0.0.1:${sshd.port}`, HOME: home },
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (out += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const code = await new Promise((resolve) => child.once("exit", (c, s) => resolve(c ?? s)));
    clearTimeout(timer);
    assert.equal(code, 0, out);
    assert.match(out, /pinged ssh/);
  });
});
