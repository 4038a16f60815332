import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sshTargetArgs, startSshd } from "../ssh/_sshd.ts";
import { cli } from "../_cli.ts";
import { withEngineLock } from "../_engine_lock.ts";

/** Each case runs a lesson with fixed names on the shared local engine: one at a time. */
function locked(fn: () => Promise<void>): () => Promise<void> {
  return () => withEngineLock("container-networking", fn);
}

describe("the container-networking lesson", () => {
  it(
    "passes end to end offline, reporting internet steps as skipped, never as passed",
    locked(async () => {
      const r = await cli("run", "container-networking", "--offline", "--reporter", "json");
      assert.equal(r.code, 0, r.out + r.err);
      const report = JSON.parse(r.out);
      assert.deepEqual(report.summary, { passed: 9, failed: 0, skipped: 0 });
      const commands = report.steps.flatMap((
        s: { commands: { command: string; status: string }[] },
      ) => s.commands);
      const skipped = commands.filter((c: { status: string }) => c.status === "skipped");
      assert.deepEqual(skipped.map((c: { command: string }) => c.command), [
        "apk add redis",
        "docker build -t ai-agent:latest .",
      ]);
      const checks = report.steps.flatMap((s: { checks: { id: string; status: string }[] }) =>
        s.checks
      );
      assert.equal(checks.length, 12);
      assert.deepEqual(checks.filter((c: { status: string }) => c.status !== "pass"), []);
    }),
  );

  it(
    "passes end to end over SSH, against the engine behind the sshd",
    locked(async () => {
      const sshd = await startSshd();
      const dir = mkdtempSync(join(tmpdir(), "rl-lesson-ssh-"));
      try {
        const knownHosts = join(dir, "known_hosts");
        writeFileSync(knownHosts, `${sshd.knownHostsLine}\n`);
        const r = await cli(
          "run",
          "container-networking",
          "--offline",
          ...sshTargetArgs(sshd, knownHosts),
        );
        assert.equal(r.code, 0, r.out + r.err);
        assert.match(r.out, /\(container-networking, docker \(ssh:\/\/root@127\.0\.0\.1:\d+, /);
        assert.match(r.out, /\n9 passed, 0 failed\n$/);
      } finally {
        await sshd.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }),
  );

  it(
    "has a doc whose Output blocks agree with a real run (docs --check)",
    locked(async () => {
      const r = await cli("docs", "container-networking", "--check", "--offline");
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /0 stale/);
    }),
  );

  it(
    "as published, reports each defect with a readable diff",
    locked(async () => {
      const r = await cli("run", "container-networking-as-published", "--offline");
      assert.equal(r.code, 1);
      const defects: Array<[string, RegExp]> = [
        [
          "the network ls table lost its alignment",
          /expected "NETWORK ID {10}NAME {17}DRIVER {7}SCOPE", got "NETWORK ID {5}NAME/,
        ],
        ["Attachable is false", /\$\[0\]\.Attachable: expected true, got false/],
        [
          "the second ping reply is seq=1",
          /expected "64 bytes from \{\{redis_ip\}\}: seq=0 ttl=64 time=\{\{duration\}\}", got "64 bytes from [\d.]+: seq=1 /,
        ],
        [
          "bad address is on stderr with exit code 1",
          /isolated-container ping redis-cache": exit code differs\n\s+expected exit code 0, got 1/,
        ],
        [
          "ping without -c never ends",
          /timeout \$ docker exec isolated-container ping redis-cache: timed out after 5000 ms/,
        ],
        [
          "the alias resolves to cache-primary, not redis-cache",
          /capture "redis_ip" was "[\d.]+", now "[\d.]+" \(bound at step start-services/,
        ],
        [
          "the agent is not up when curl runs",
          /"curl http:\/\/localhost:8000\/health": exit code differs\n\s+expected exit code 0, got (7|52|56)/,
        ],
        [
          "message is a query parameter: 422",
          /actual stdout: \{"detail":\[\{"loc":\["query","message"\],"msg":"field required"/,
        ],
        ["no conversations table: 500", /actual stdout: Internal Server Error/],
      ];
      for (const [defect, pattern] of defects) assert.match(r.out, pattern, defect);
      assert.match(r.out, /\n0 passed, 7 failed\n$/);
    }),
  );

  it(
    "self-tests its checks: clean, finished, four broken states and its own cleanup",
    locked(async () => {
      const r = await cli("test", "container-networking", "--offline");
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /✔ on a clean engine all 12 checks fail\n/);
      assert.match(r.out, /✔ after the lesson's steps all 12 checks pass\n/);
      for (
        const state of [
          "redis-cache runs on the default bridge",
          "cache-primary lacks the alias cache",
          "the network is named ai-service-netwrk",
          "isolated-container was left connected",
        ]
      ) {
        assert.match(r.out, new RegExp(`✔ ${state}`));
      }
      assert.match(r.out, /✔ the lesson's cleanup \(cleanup\) leaves nothing behind\n/);
      assert.match(r.out, /\n7 passed, 0 failed\n$/);
    }),
  );
});
