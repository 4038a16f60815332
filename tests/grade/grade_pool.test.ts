/**
 * The grading pool's orchestration, with stand-in hosts (the SSH transport and the probes are
 * tested for real elsewhere): bounded concurrency, per-host isolation, time limits, interrupts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StudentHost } from "../../lib/grade/inventory.ts";
import type { Lesson, Probe } from "../../lib/lesson/types.ts";
import { SshError } from "../../lib/ssh/ssh_error.ts";
import { gradeClass, type GradeClassOptions } from "../../runner/grade/grade_class.ts";
import type { PreparedTarget } from "../../runner/targets.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A lesson of two checks whose custom probes ask which host they are on. */
function lesson(probe: (host: string) => Promise<boolean>): Lesson {
  const custom = (n: number): Probe => ({
    kind: "custom",
    fn: async (ctx) => {
      const host = (await ctx.sh("hostname")).stdout.trim();
      return { ok: await probe(`${host}:${n}`), evidence: "" };
    },
  });
  return {
    id: "pool",
    dir: "/",
    index: { title: "Pool", steps: [] },
    steps: [{
      id: "s",
      title: "s",
      commands: [],
      checks: [
        { id: "one", title: "one", hint: "h1", points: 1, probe: custom(1) },
        { id: "two", title: "two", hint: "h2", points: 2, probe: custom(2) },
      ],
    }],
  } as unknown as Lesson;
}

const hosts = (...ids: string[]): StudentHost[] =>
  ids.map((id) => ({ id, host: "127.0.0.1", port: 22, user: "u" }));

/** Opens stand-in hosts; `special` ones fail to open in their own way. */
function opener(special: Record<string, () => Promise<PreparedTarget>> = {}) {
  let open = 0;
  let peak = 0;
  const fn = (host: StudentHost): Promise<PreparedTarget> => {
    if (special[host.id]) return special[host.id]();
    open++;
    peak = Math.max(peak, open);
    // A stand-in target that answers every command with the host's id.
    const target = {
      name: host.id,
      run: () => Promise.resolve({ stdout: `${host.id}\n`, stderr: "", exitCode: 0 }),
      close: () => Promise.resolve(),
    };
    return Promise.resolve({
      target: target as never,
      probes: {},
      leftovers: () => Promise.resolve([]),
      finish: () => {
        open--;
        return Promise.resolve();
      },
    });
  };
  return { fn, peak: () => peak, open: () => open };
}

function options(over: Partial<GradeClassOptions>): GradeClassOptions {
  return {
    lesson: lesson(() => Promise.resolve(true)),
    hosts: [],
    jobs: 2,
    checkTimeoutMs: 5000,
    hostTimeoutMs: 10_000,
    ...over,
  };
}

describe("gradeClass", () => {
  it("grades at most --jobs hosts at once and returns inventory order", async () => {
    const o = opener();
    const order: string[] = [];
    const { results, interrupted } = await gradeClass(options({
      hosts: hosts("a", "b", "c", "d", "e"),
      jobs: 2,
      lesson: lesson(async (key) => {
        await sleep(key.startsWith("a") ? 150 : 30);
        return true;
      }),
      open: o.fn,
      onDone: (r) => void order.push(r.id),
    }));
    assert.equal(o.peak(), 2);
    assert.equal(o.open(), 0, "every host's target was finished");
    assert.deepEqual(results.map((r) => r.id), ["a", "b", "c", "d", "e"]);
    assert.notEqual(order[0], "a", "results are written as hosts finish, not in order");
    assert.deepEqual(interrupted, []);
    assert.ok(results.every((r) => r.status === "graded" && r.score === 3));
  });

  it("keeps each host's failure to itself", async () => {
    const o = opener({
      refused: () =>
        Promise.reject(new SshError("auth-failed", 'Cannot log in to "u@x:22": publickey')),
      changed: () => Promise.reject(new SshError("hostkey-changed", "HOST KEY CHANGED for x")),
      unknown: () => Promise.reject(new SshError("hostkey-unknown", "unknown key for x")),
      down: () => Promise.reject(new SshError("unreachable", "ECONNREFUSED")),
      slow: () => new Promise(() => {}),
      crash: () => Promise.reject(new Error("bug")),
    });
    const { results } = await gradeClass(options({
      hosts: hosts("ok", "refused", "changed", "unknown", "down", "slow", "crash", "flaky"),
      jobs: 8,
      hostTimeoutMs: 1500,
      lesson: lesson((key) => {
        if (key === "flaky:2") throw new Error("probe exploded");
        return Promise.resolve(true);
      }),
      open: o.fn,
    }));
    const by = Object.fromEntries(results.map((r) => [r.id, r]));
    assert.deepEqual(
      results.map((r) => [r.id, r.status, r.score]),
      [
        ["ok", "graded", 3],
        ["refused", "auth-failed", 0],
        ["changed", "hostkey-mismatch", 0],
        ["unknown", "hostkey-unknown", 0],
        ["down", "unreachable", 0],
        ["slow", "timeout", 0],
        ["crash", "error", 0],
        ["flaky", "graded", 1],
      ],
    );
    assert.equal(by.slow.reason, "not done within 1.5 s");
    assert.equal(by.crash.reason, "grader error: bug");
    assert.deepEqual(by.flaky.checks.map((c) => [c.status, c.points]), [["pass", 1], ["error", 0]]);
    assert.deepEqual(by.down.checks.map((c) => c.status), ["unreachable", "unreachable"]);
    assert.deepEqual(by.refused.checks.map((c) => c.message), [
      'not graded: Cannot log in to "u@x:22": publickey',
      'not graded: Cannot log in to "u@x:22": publickey',
    ]);
  });

  it("stops at the host's time limit: checks not reached time out with zero points", async () => {
    const { results } = await gradeClass(options({
      hosts: hosts("h"),
      hostTimeoutMs: 400,
      checkTimeoutMs: 5000,
      // One check at a time, so that the second is still waiting when the time is up.
      checkJobs: 1,
      lesson: lesson(async (key) => {
        if (key === "h:1") await sleep(600);
        return true;
      }),
      open: opener().fn,
    }));
    assert.deepEqual(results[0].checks.map((c) => [c.status, c.points]), [
      ["timeout", 0],
      ["timeout", 0],
    ]);
    assert.match(
      results[0].checks[1].message!,
      /time limit \(0\.4 s\) passed before this check ran/,
    );
  });

  it("an interrupt starts no more hosts and reports none half graded", async () => {
    const controller = new AbortController();
    const o = opener();
    const { results, interrupted } = await gradeClass(options({
      hosts: hosts("a", "b", "c", "d"),
      jobs: 1,
      signal: controller.signal,
      lesson: lesson(async (key) => {
        if (key === "b:1") controller.abort();
        await sleep(20);
        return true;
      }),
      open: o.fn,
    }));
    assert.deepEqual(results.map((r) => r.id), ["a"]);
    assert.deepEqual(interrupted.map((h) => h.id), ["b", "c", "d"]);
    assert.equal(o.open(), 0);
  });
});
