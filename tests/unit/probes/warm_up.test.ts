/**
 * Making the first probe container ahead (grading): which containers a lesson's checks will ask
 * for, the pool making one before any probe asks and handing it to the probes that do, and
 * grading a host starting the warm-up before its first check runs. A stand-in engine; no Docker.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DockerClient, ExecResult } from "../../../lib/docker/mod.ts";
import type { StudentHost } from "../../../lib/grade/inventory.ts";
import type { Check, Lesson } from "../../../lib/lesson/types.ts";
import { ProbeContainers } from "../../../lib/probes/mod.ts";
import { probeWarmUps } from "../../../lib/probes/warm_up.ts";
import { gradeClass } from "../../../runner/grade/grade_class.ts";
import type { PreparedTarget } from "../../../runner/targets.ts";

const check = (
  id: string,
  probe: object,
): Check => ({ id, title: id, hint: "h", probe } as unknown as Check);

/** An engine that records its calls; making a container takes `makeMs`, the first `failFirst`. */
function fakeEngine(makeMs: number, failFirst = false) {
  const calls: string[] = [];
  let fail = failFirst;
  const docker = {
    containers: {
      create: async (o: { name: string; networks: string[] }) => {
        calls.push(`create ${o.networks.join(",")}`);
        await new Promise((resolve) => setTimeout(resolve, makeMs));
        if (fail) {
          fail = false;
          throw Object.assign(new Error("no such network"), { statusCode: 404 });
        }
      },
      start: () => Promise.resolve(calls.push("start")),
      inspect: () => Promise.resolve({ State: { Running: true } }),
      remove: () => Promise.resolve(calls.push("remove")),
    },
    networks: {
      connect: (n: string) => Promise.resolve(calls.push(`connect ${n}`)),
      disconnect: (n: string) => Promise.resolve(calls.push(`disconnect ${n}`)),
    },
    exec: (): Promise<ExecResult> => {
      calls.push("exec");
      return Promise.resolve({
        stdout: "ok",
        stderr: "",
        exitCode: 0,
        durationMs: 1,
        timedOut: false,
      });
    },
  } as unknown as DockerClient;
  return { docker, calls };
}

const probeOn = (network: string) => ({
  kind: "docker.resolves",
  network,
  image: "alpine:latest",
  script: "true",
  deadline: { signal: AbortSignal.timeout(5000), remainingMs: () => 5000 },
  timeoutMs: 5000,
});

describe("probeWarmUps()", () => {
  it("gives one container per image, on the network of the first probe that uses it", () => {
    assert.deepEqual(
      probeWarmUps([
        check("net", { kind: "docker.network", network: "a" }),
        check("dns", { kind: "docker.resolves", name: "x", network: "b" }),
        check("tcp", [
          { kind: "docker.container", name: "x" },
          { kind: "docker.tcp", host: "x", port: 1, network: "c", image: "busybox" },
        ]),
        check("web", { kind: "docker.http", url: "http://x/", network: "c" }),
      ]),
      [{ image: "alpine:latest", network: "b" }, { image: "busybox", network: "c" }],
    );
  });

  it("gives none for checks without such probes, on the host network, or naming a capture", () => {
    assert.deepEqual(
      probeWarmUps([
        check("net", { kind: "docker.network", network: "a" }),
        check("on", { kind: "docker.attached", container: "x", network: "a" }),
        check("host", { kind: "docker.http", url: "http://localhost/" }),
        check("hostnet", { kind: "docker.tcp", host: "x", port: 1, network: "host" }),
        check("cap", { kind: "docker.resolves", name: "x", network: "{{net}}" }),
      ]),
      [],
    );
  });
});

describe("ProbeContainers.warm()", () => {
  it("starts making the container before any probe asks; the probes then use it", async () => {
    const { docker, calls } = fakeEngine(50);
    const pool = new ProbeContainers("run1");
    pool.warm(docker, "alpine:latest", "b");
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(calls, ["create b"], "making began before any probe asked");
    const [one, two] = await Promise.all([
      pool.run(docker, probeOn("b")),
      pool.run(docker, probeOn("b")),
    ]);
    assert.equal(one.stdout, "ok");
    assert.equal(two.stdout, "ok");
    await pool.run(docker, probeOn("c"));
    assert.deepEqual(calls, [
      "create b",
      "start",
      "exec",
      "exec",
      "disconnect b",
      "connect c",
      "exec",
    ]);
    await pool.close(docker);
    assert.equal(calls.at(-1), "remove");
  });

  it("stays quiet when making fails; the first probe then makes one", async () => {
    const { docker, calls } = fakeEngine(20, true);
    const pool = new ProbeContainers();
    pool.warm(docker, "alpine:latest", "gone");
    const result = await pool.run(docker, probeOn("b"));
    assert.equal(result.exitCode, 0);
    assert.deepEqual(calls, ["create gone", "create b", "start", "exec"]);
    await pool.close(docker);
  });

  it("does nothing once a probe has asked for the image", async () => {
    const { docker, calls } = fakeEngine(10);
    const pool = new ProbeContainers();
    await pool.run(docker, probeOn("b"));
    pool.warm(docker, "alpine:latest", "c");
    await pool.close(docker);
    assert.deepEqual(calls, ["create b", "start", "exec", "remove"]);
  });
});

describe("gradeClass() warm-up", () => {
  const lesson = {
    id: "nets",
    dir: "/",
    index: { title: "Nets", steps: [] },
    steps: [{
      id: "s",
      title: "S",
      file: "lessons/nets/steps/01_s.ts",
      commands: [],
      checks: [
        check("net", { kind: "probe.slow" }),
        check("dns", { kind: "probe.slow" }),
      ],
    }],
  } as unknown as Lesson;

  it("hands the host's checks to warmUp before the first check runs", async () => {
    const events: string[] = [];
    const open = (): Promise<PreparedTarget> =>
      Promise.resolve({
        target: {},
        probes: {
          "probe.slow": () => {
            events.push("check");
            return Promise.resolve({ ok: true, evidence: "" });
          },
        },
        leftovers: () => Promise.resolve([]),
        finish: () => Promise.resolve(),
        warmUp: (checks: readonly Check[]) =>
          events.push(`warm ${checks.map((c) => c.id).join(",")}`),
      } as unknown as PreparedTarget);
    const host: StudentHost = { id: "ada", host: "127.0.0.1", port: 22, user: "u" };
    const { results } = await gradeClass({
      lesson,
      hosts: [host],
      jobs: 1,
      checkTimeoutMs: 5000,
      hostTimeoutMs: 10_000,
      open,
    });
    assert.equal(results[0].status, "graded");
    assert.deepEqual(events, ["warm net,dns", "check", "check"]);
  });
});
