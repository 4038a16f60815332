/**
 * Host probes that cannot tell end `error` with the reason, never pass or fail, on the local
 * target and over a real sshd alike, where the host lacks the tool a probe reads with (its PATH
 * holds only the tools named); a command that outlives the probe's time limit ends `timeout`. (The
 * process probe's error, /proc hidden by hidepid, is in container.test.ts: remounting this
 * machine's /proc is not a test's to do.)
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import { runCheck } from "../../../lib/engine/run_check.ts";
import { hostProbes } from "../../../lib/probes/host/mod.ts";
import { type HostWorld, makeHostWorld } from "./_host_world.ts";

let world: HostWorld;
before(async () => {
  world = await makeHostWorld();
});
after(() => world?.remove());

type Where = "local" | "ssh";
let bins = 0;

/** Runs `body` with the target shell's PATH holding only `tools` (`false` stands for awk). */
async function withTools(where: Where, tools: string[], body: () => Promise<void>): Promise<void> {
  const bin = `${world.dir}/bin-${where}-${++bins}`;
  mkdirSync(bin);
  for (const tool of tools) {
    const path = execFileSync("sh", ["-c", `command -v ${tool}`]).toString().trim();
    symlinkSync(path, `${bin}/${tool === "false" ? "awk" : tool}`);
  }
  const set = await world.check(world.targets[where], {
    kind: "command",
    run: `__rl_path=$PATH; PATH=${bin}; export PATH`,
  });
  assert.equal(set.status, "pass", set.message);
  try {
    await body();
  } finally {
    await world.check(world.targets[where], {
      kind: "command",
      run: "PATH=$__rl_path; export PATH",
    });
  }
}

/** Asserts that a probe ends `error` with a message matching `reason`. */
async function assertError(where: Where, probe: Record<string, unknown>, reason: RegExp) {
  const r = await world.check(world.targets[where], probe);
  assert.equal(r.status, "error", `${JSON.stringify(probe)}: ${r.status}: ${r.message}`);
  assert.match(r.message!, reason);
}

for (const where of ["local", "ssh"] as const) {
  describe(`host probes that cannot tell on the ${where} target`, () => {
    it("file ends error where the host has no stat, whatever it expects", async () => {
      await withTools(where, ["sh"], async () => {
        for (const exists of [true, false]) {
          await assertError(
            where,
            { kind: "file", path: world.file, exists },
            /^probe failed: probe "file" cannot tell: file ".*app\.json": .*stat: .*not found/,
          );
        }
      });
    });

    it("user and group end error where the account database cannot be read", async () => {
      // No getent, and an awk that fails: the probes read /etc/passwd and /etc/group with awk.
      await withTools(where, ["sh", "id", "false"], async () => {
        await assertError(
          where,
          { kind: "user", name: world.user, exists: false },
          /^probe failed: probe "user" cannot tell: reading the passwd database/,
        );
        await assertError(
          where,
          { kind: "group", name: world.group },
          /^probe failed: probe "group" cannot tell: reading the group database/,
        );
      });
    });

    it("port ends error where the host has no ss and /proc/net cannot be read", async () => {
      await withTools(where, ["sh"], async () => {
        await assertError(
          where,
          { kind: "port", port: 22, listening: false },
          /^probe failed: probe "port" cannot tell: the host has no ss and no readable \/proc\/net\/tcp$/,
        );
      });
    });

    it("package ends error where the host has no dpkg, apk or rpm", async () => {
      await withTools(where, ["sh", "awk"], async () => {
        await assertError(
          where,
          { kind: "package", name: "curl", installed: false },
          /^probe failed: probe "package" cannot tell: package "curl": the host has no package manager the probe reads \(dpkg, apk, rpm\)$/,
        );
      });
    });

    it("http ends error where the host has no curl, wget or python3", async () => {
      await withTools(where, ["sh"], async () => {
        await assertError(
          where,
          { kind: "http", url: "http://127.0.0.1:1/" },
          /^probe failed: probe "http" cannot tell: GET http:\/\/127\.0\.0\.1:1\/: the host has none of curl, wget and python3$/,
        );
      });
    });

    it("command ends timeout (not pass or fail) when it outlives the probe's time limit", async () => {
      const r = await runCheck({
        id: "c",
        title: "t",
        hint: "h",
        probe: { kind: "command", run: "sleep 5", exitCode: "any" } as never,
      }, {
        target: world.targets[where],
        captures: {},
        timeoutMs: 1_000,
        results: new Map(),
        probes: hostProbes(),
      });
      assert.equal(r.status, "timeout", r.message);
      assert.equal(r.message, "probe did not answer within 1000 ms");
      // The target still answers afterwards.
      const next = await world.check(world.targets[where], { kind: "command", run: "true" });
      assert.equal(next.status, "pass", next.message);
    });
  });
}
