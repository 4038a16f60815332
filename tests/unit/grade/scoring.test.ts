/**
 * Scoring: partial credit over a list of probes, fail-closed parts, retries until a deadline,
 * and the grade report made from the outcomes.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type CheckRunContext, runCheck } from "../../../lib/engine/run_check.ts";
import type { CheckOutcome } from "../../../lib/engine/events.ts";
import { gradedHost, redactCommands, ungradedHost } from "../../../lib/grade/report.ts";
import type { Check, Probe, ProbeResult } from "../../../lib/lesson/types.ts";
import { LocalTarget } from "../../../lib/target/local.ts";
import { validateStep } from "../../../lib/lesson/validate.ts";

const custom = (fn: () => ProbeResult | Promise<ProbeResult>): Probe => ({ kind: "custom", fn });
const pass = custom(() => ({ ok: true, evidence: "seen" }));
const fail = (message: string) => custom(() => ({ ok: false, evidence: "", message }));
const boom = custom(() => {
  throw new Error("socket hang up");
});

async function score(check: Check, results = new Map<string, CheckOutcome>()) {
  const target = new LocalTarget();
  try {
    const ctx: CheckRunContext = { target, captures: {}, timeoutMs: 2000, results, probes: {} };
    return await runCheck(check, ctx);
  } finally {
    await target.close();
  }
}

const base = { id: "c", title: "three containers", hint: "start them", points: 3 };

describe("partial credit", () => {
  it("a list of probes earns each passing probe's share", async () => {
    const o = await score({ ...base, probe: [pass, fail('no container named "b"'), pass] });
    assert.equal(o.status, "fail");
    assert.equal(o.points, 2);
    assert.equal(o.maxPoints, 3);
    assert.equal(o.message, '2 of 3 parts pass: no container named "b"');
    assert.equal(o.attempts, 1);
  });

  it("rounds shares to hundredths and gives full points only when every part passes", async () => {
    assert.equal(
      (await score({ ...base, points: 2, probe: [pass, fail("x"), fail("y")] })).points,
      0.67,
    );
    const all = await score({ ...base, probe: [pass, pass, pass] });
    assert.equal(all.status, "pass");
    assert.equal(all.points, 3);
  });

  it("fails closed: a part that errors earns nothing and the check is an error", async () => {
    const o = await score({ ...base, probe: [pass, boom, pass] });
    assert.equal(o.status, "error");
    assert.equal(o.points, 2);
    assert.match(o.message!, /2 of 3 parts pass: probe failed: socket hang up/);
    const single = await score({ ...base, probe: boom });
    assert.deepEqual([single.status, single.points], ["error", 0]);
  });

  it("a probe without a verdict is an error with zero points, never a pass", async () => {
    const o = await score({ ...base, probe: custom(() => ({}) as ProbeResult) });
    assert.deepEqual([o.status, o.points, o.message], ["error", 0, "probe returned no verdict"]);
  });

  it("a negative check counts only when its positive control passed", async () => {
    const results = new Map<string, CheckOutcome>();
    const o = await score({ ...base, control: "ctl", probe: pass }, results);
    assert.deepEqual([o.status, o.points], ["fail", 0]);
    assert.match(o.message!, /positive control "ctl" did not pass/);
  });
});

describe("retries until a deadline", () => {
  it("tries again until the state converges, and reports the attempts", async () => {
    let calls = 0;
    const settling = custom(() =>
      ++calls < 3 ? { ok: false, evidence: "", message: "starting" } : { ok: true, evidence: "up" }
    );
    const o = await score({ ...base, retry: { withinMs: 5000, everyMs: 100 }, probe: settling });
    assert.equal(o.status, "pass");
    assert.equal(o.attempts, 3);
    assert.equal(calls, 3);
    assert.ok(o.durationMs >= 200, `${o.durationMs}`);
  });

  it("gives up at the deadline with the last reason, attempts and time", async () => {
    let calls = 0;
    const never = custom(() => ({ ok: false, evidence: "", message: `still down ${++calls}` }));
    const started = performance.now();
    const o = await score({ ...base, retry: { withinMs: 700, everyMs: 200 }, probe: never });
    const elapsed = performance.now() - started;
    assert.equal(o.status, "fail");
    assert.equal(o.points, 0);
    assert.ok(o.attempts >= 3 && o.attempts <= 4, `${o.attempts}`);
    assert.match(
      o.message!,
      new RegExp(`^still down ${o.attempts} \\(${o.attempts} attempts in 0\\.\\d s\\)$`),
    );
    assert.ok(elapsed < 1500, `${elapsed}`);
  });

  it("a check without retry runs once", async () => {
    let calls = 0;
    const o = await score({
      ...base,
      probe: custom(() => ({ ok: false, evidence: "", message: `n${++calls}` })),
    });
    assert.deepEqual([o.attempts, calls, o.message], [1, 1, "n1"]);
  });

  it("the lesson loader refuses a bad retry or an empty probe list", () => {
    const step = (check: Record<string, unknown>) => ({
      id: "s",
      title: "s",
      commands: [],
      checks: [{ ...base, ...check }],
    });
    assert.throws(
      () => validateStep(step({ probe: pass, retry: { withinMs: 0 } }), "s.ts"),
      /"checks\[0\]\.retry\.withinMs" must be a positive number, got 0/,
    );
    assert.throws(
      () => validateStep(step({ probe: [] }), "s.ts"),
      /"checks\[0\]\.probe" must not be an empty list/,
    );
  });
});

describe("the host's result", () => {
  const host = { id: "ada", host: "10.0.0.5", port: 22, user: "student" };
  const started = { at: new Date("2026-01-01T00:00:00Z"), ms: performance.now() };
  const outcome = (id: string, status: CheckOutcome["status"], points: number, max: number) => ({
    id,
    title: id,
    status,
    points,
    maxPoints: max,
    hint: `hint ${id}`,
    evidence: `$ secret-probe ${id}`,
    message: status === "pass" ? undefined : `why ${id}`,
    durationMs: 12.4,
    attempts: 1,
  });

  it("sums points, keeps hints and reasons, and drops evidence unless asked", () => {
    const r = gradedHost(
      host,
      [
        outcome("a", "pass", 2, 2),
        outcome("b", "fail", 0.67, 2),
        outcome("c", "error", 0, 1),
      ],
      started,
      false,
    );
    assert.equal(r.status, "graded");
    assert.equal(r.score, 2.67);
    assert.equal(r.maxScore, 5);
    assert.deepEqual(r.checks[1], {
      id: "b",
      title: "b",
      status: "fail",
      points: 0.67,
      maxPoints: 2,
      message: "why b",
      hint: "hint b",
      attempts: 1,
      durationMs: 12,
    });
    assert.equal(r.checks[0].hint, undefined);
    assert.equal(
      gradedHost(host, [outcome("a", "pass", 2, 2)], started, true).checks[0].evidence,
      "$ secret-probe a",
    );
  });

  it("a host whose every check was unreachable is unreachable, not wrong", () => {
    const r = gradedHost(
      host,
      [outcome("a", "unreachable", 0, 1), outcome("b", "unreachable", 0, 1)],
      started,
      false,
    );
    assert.equal(r.status, "unreachable");
    assert.equal(r.reason, "why a");
  });

  it("an ungraded host scores zero on every check with the reason", () => {
    const checks: Check[] = [{ ...base, probe: pass }, {
      ...base,
      id: "d",
      points: undefined,
      probe: pass,
    }];
    const r = ungradedHost(host, checks, "auth-failed", "Permission denied (publickey)", started);
    assert.equal(r.score, 0);
    assert.equal(r.maxScore, 4);
    assert.deepEqual(r.checks.map((c) => [c.status, c.points, c.message]), [
      ["error", 0, "not graded: Permission denied (publickey)"],
      ["error", 0, "not graded: Permission denied (publickey)"],
    ]);
  });

  it("feedback never shows the grader's commands", () => {
    const check: Check = {
      ...base,
      probe: { kind: "docker.exec", container: "postgres", command: 'psql -c "SELECT 1"' },
    };
    assert.equal(
      redactCommands(
        'command "psql -c "SELECT 1"" in container "postgres": missing line "1"',
        check,
      ),
      'command "…" in container "postgres": missing line "1"',
    );
    const r = gradedHost(
      host,
      [{ ...outcome("c", "fail", 0, 3), message: 'psql -c "SELECT 1" said no' }],
      started,
      false,
      [check],
    );
    assert.equal(r.checks[0].message, "… said no");
  });
});
