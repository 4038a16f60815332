/**
 * The probe kinds the engine runs itself, on a fake target: shell probes (exit code, stdout
 * pattern, captures, evidence) and custom probes (the narrow context they receive).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Probe } from "../../../lib/lesson/types.ts";
import { FakeTarget } from "../../_fake_target.ts";
import { check, run } from "./_checks.ts";

const net = { net: { type: "word", value: "app-net" } };

describe("runCheck(): shell probes", () => {
  it("passes on exit 0 with the command and its output as evidence", async () => {
    const target = new FakeTarget({ "docker network ls": { stdout: "app-net\n" } });
    const outcome = await run(check({ probe: { kind: "shell", run: "docker network ls" } }), {}, {
      target,
      timeoutMs: 777,
    });
    assert.equal(outcome.status, "pass");
    assert.equal(outcome.evidence, "$ docker network ls\napp-net");
    assert.equal(target.calls[0].options.timeoutMs, 777);
  });

  it("fails on an unexpected exit code, and honours the one it expects", async () => {
    const target = new FakeTarget({ "test -f x": { exitCode: 1 } });
    const plain = await run(check({ probe: { kind: "shell", run: "test -f x" } }), {}, { target });
    assert.equal(plain.status, "fail");
    assert.equal(plain.message, "expected exit code 0, got 1");
    const negated: Probe = { kind: "shell", run: "test -f x", exitCode: "nonzero" };
    assert.equal((await run(check({ probe: negated }), {}, { target })).status, "pass");
  });

  it("matches stdout against its pattern, with the run's captures", async () => {
    const target = new FakeTarget({ "ls": { stdout: "app-net\nbridge\n" } });
    const probe = (stdout: string): Probe => ({ kind: "shell", run: "ls", stdout });
    const ok = await run(check({ probe: probe("...\n{{net}}\n...") }), {}, {
      target,
      captures: net,
    });
    assert.equal(ok.status, "pass");
    const missing = await run(check({ probe: probe("host") }), {}, { target });
    assert.equal(missing.status, "fail");
    assert.ok(missing.message, "a failed match says why");
  });

  it("substitutes captures into the command", async () => {
    const target = new FakeTarget({ "docker network inspect app-net": {} });
    const probe: Probe = { kind: "shell", run: "docker network inspect {{net}}" };
    const outcome = await run(check({ probe }), {}, { target, captures: net });
    assert.equal(outcome.status, "pass");
    assert.deepEqual(target.ran, ["docker network inspect app-net"]);
  });
});

describe("runCheck(): custom probes", () => {
  it("receives capture values and an sh() on the target", async () => {
    const target = new FakeTarget({ "cat /etc/token": { stdout: "s3cret\n", stderr: "w" } });
    const seen: unknown[] = [];
    const probe: Probe = {
      kind: "custom",
      fn: async (ctx) => {
        const r = await ctx.sh("cat /etc/token");
        seen.push(ctx.captures, r);
        return { ok: r.stdout.trim() === "s3cret", evidence: "token present" };
      },
    };
    const outcome = await run(check({ probe }), {}, { target, captures: net });
    assert.equal(outcome.status, "pass");
    assert.equal(outcome.evidence, "token present");
    assert.deepEqual(seen, [{ net: "app-net" }, { stdout: "s3cret\n", stderr: "w", exitCode: 0 }]);
  });

  it("takes a synchronous verdict, and scores a throwing function as an error", async () => {
    const sync: Probe = {
      kind: "custom",
      fn: () => ({ ok: false, evidence: "", message: "nope" }),
    };
    const failed = await run(check({ probe: sync }), {});
    assert.deepEqual([failed.status, failed.message], ["fail", "nope"]);
    const throwing: Probe = {
      kind: "custom",
      fn: () => {
        throw new Error("bug in the probe");
      },
    };
    const errored = await run(check({ probe: throwing }), {});
    assert.deepEqual([errored.status, errored.points], ["error", 0]);
    assert.equal(errored.message, "probe failed: bug in the probe");
  });
});
