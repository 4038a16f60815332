/**
 * A small real Docker world for the probe tests: two internal networks (no DNS forwarding to
 * the outside, so negative lookups stay on this machine), a Redis container with an alias on
 * the first, a sleeper on the second, and optionally a busybox httpd. Everything is labelled
 * `run-lesson.test=1` and removed by `remove()`.
 * @module
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { randomBytes } from "node:crypto";
import { connectDocker, type DockerClient } from "../../lib/docker/mod.ts";
import type { ProbeContext } from "../../lib/engine/run_check.ts";
import type { Capture } from "../../lib/expect/types.ts";
import { type DockerProbeDeps, PROBE_LABEL } from "../../lib/probes/mod.ts";
import { DockerTarget } from "../../lib/target/docker_target.ts";
import { LocalTarget } from "../../lib/target/local.ts";
import { requireEngine } from "../_services.ts";

// Every test that uses this world talks to the engine: without one, say so in one line.
requireEngine();

/** The label every test resource carries. */
export const TEST_LABELS: Record<string, string> = { "run-lesson.test": "1" };

/** The JSON the web server serves at /health.json. */
export const HEALTH = { status: "healthy", database: "postgres", cache: "redis" };

/** The names and handles of one test file's world. */
export interface World {
  /** The client. */
  docker: DockerClient;
  /** The docker target the probes receive. */
  target: DockerTarget;
  /** Labels this file's probe containers (`run-lesson.run`). */
  runId: string;
  /** What the probes under test are made with: this world's engine and run id. */
  deps: DockerProbeDeps;
  /** The first network (internal), holding redis (and web). */
  net: string;
  /** The second network (internal), holding other. */
  net2: string;
  /** A redis:7-alpine container on `net` with the alias "cache". */
  redis: string;
  /** An alpine sleeper on `net2`. */
  other: string;
  /** A busybox httpd on `net` (and the default bridge), when asked for. */
  web?: string;
  /** The host port published for web's 8080 on 127.0.0.1, when asked for. */
  webPort?: number;
  /** A probe context with these captures and time limit. */
  ctx(captures?: Record<string, string>, timeoutMs?: number): ProbeContext;
  /** The probe containers of this world that are still there. */
  probeContainers(): Promise<string[]>;
  /** Removes everything. */
  remove(): Promise<void>;
}

/** A docker target for probes that need no world (its shell starts only when used). */
export function dockerTarget(docker: DockerClient, runId: string): DockerTarget {
  return new DockerTarget({ shell: new LocalTarget(), docker, runId, lesson: "probe-test" });
}

/** Builds the world; with `web`, also starts the HTTP server. */
export async function makeWorld(options: { web?: boolean } = {}): Promise<World> {
  const docker = await connectDocker();
  const id = randomBytes(4).toString("hex");
  const runId = `rl-probe-test-${id}`;
  const net = `rl-probe-test-net-${id}`;
  const net2 = `rl-probe-test-net2-${id}`;
  const redis = `rl-probe-test-redis-${id}`;
  const other = `rl-probe-test-other-${id}`;
  const web = options.web ? `rl-probe-test-web-${id}` : undefined;
  const target = dockerTarget(docker, runId);
  const world: World = {
    docker,
    target,
    runId,
    deps: { docker, runId },
    net,
    net2,
    redis,
    other,
    web,
    ctx: (captures = {}, timeoutMs = 20_000) => ({
      target,
      timeoutMs,
      captures: Object.fromEntries(
        Object.entries(captures).map(([name, value]): [string, Capture] => [name, {
          type: "any",
          value,
        }]),
      ),
    }),
    probeContainers: async () =>
      (await docker.containers.list({ labels: [`${PROBE_LABEL}=1`, `run-lesson.run=${runId}`] }))
        .map((c) => c.Names[0]),
    remove: async () => {
      for (const name of [redis, other, web]) {
        if (name) {
          await docker.containers.remove(name, { force: true, volumes: true }).catch(() => {});
        }
      }
      await target.close();
      for (const name of [net, net2]) await removeNetwork(docker, name);
    },
  };
  try {
    for (const name of [net, net2]) {
      await docker.networks.create({ name, internal: true, labels: TEST_LABELS });
    }
    await start(docker, {
      image: "redis:7-alpine",
      name: redis,
      labels: TEST_LABELS,
      networks: [{ name: net, aliases: ["cache"] }],
    });
    await start(docker, {
      image: "alpine:latest",
      name: other,
      cmd: ["sleep", "3600"],
      labels: TEST_LABELS,
      networks: [net2],
    });
    await waitFor(docker, redis, ["redis-cli", "ping"], "PONG\n");
    if (web) {
      await start(docker, {
        image: "alpine:latest",
        name: web,
        cmd: ["sh", "-c", WEB_SCRIPT],
        labels: TEST_LABELS,
        networks: ["bridge", net],
        ports: [{ containerPort: 8080, hostIp: "127.0.0.1" }],
      });
      await docker.exec(web, ["sh", "-c", "mkdir -p /www && cat > /www/health.json"], {
        stdin: JSON.stringify(HEALTH),
      });
      await waitFor(
        docker,
        web,
        ["wget", "-q", "-O", "-", "http://127.0.0.1:8080/health.json"],
        JSON.stringify(HEALTH),
      );
      const info = await docker.containers.inspect(web);
      world.webPort = Number(info.NetworkSettings.Ports?.["8080/tcp"]?.[0]?.HostPort);
    }
  } catch (error) {
    await world.remove();
    throw error;
  }
  return world;
}

/** Asserts that no probe container of the world is left. */
export async function assertNoProbeLeft(world: World): Promise<void> {
  assert.deepEqual(await world.probeContainers(), []);
}

/**
 * An `it()` whose test also asserts, once done, that no probe container is left. Not an
 * `afterEach` hook: Deno's node:test runs hooks but ignores their failures.
 */
export function itLeavingNoProbe(
  world: () => World,
): (name: string, fn: () => Promise<void> | void) => void {
  return (name, fn) =>
    it(name, async () => {
      await fn();
      await assertNoProbeLeft(world());
    });
}

// busybox httpd serving /www, with a CGI that echoes a POST: method, X-Token and the JSON body.
const WEB_SCRIPT = [
  "mkdir -p /www/cgi-bin",
  "cat > /www/cgi-bin/echo <<'EOF'",
  "#!/bin/sh",
  'echo "Content-Type: application/json"',
  "echo",
  'body=$(head -c "${CONTENT_LENGTH:-0}")',
  'echo "{\\"method\\":\\"$REQUEST_METHOD\\",\\"token\\":\\"$HTTP_X_TOKEN\\",\\"body\\":${body:-null}}"',
  "EOF",
  "chmod +x /www/cgi-bin/echo",
  "exec httpd -f -p 8080 -h /www",
].join("\n");

/** Removes a network, waiting while the engine still releases endpoints of removed containers. */
async function removeNetwork(docker: DockerClient, name: string): Promise<void> {
  for (let attempt = 0;; attempt++) {
    try {
      await docker.networks.remove(name);
      return;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return;
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function start(
  docker: DockerClient,
  options: Parameters<DockerClient["containers"]["create"]>[0],
): Promise<void> {
  const id = await docker.containers.create(options);
  await docker.containers.start(id);
}

async function waitFor(
  docker: DockerClient,
  container: string,
  cmd: string[],
  expected: string,
): Promise<void> {
  const until = Date.now() + 15_000;
  let last = "";
  while (Date.now() < until) {
    const r = await docker.exec(container, cmd, { timeoutMs: 5000 });
    if (r.stdout === expected) return;
    last = r.stdout + r.stderr;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `Cannot start "${container}": ${JSON.stringify(cmd)} printed ${JSON.stringify(last)}`,
  );
}
