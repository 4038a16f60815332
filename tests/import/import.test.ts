/**
 * `run-lesson import` end to end: the imported lessons run on the local engine. Both use the
 * container-networking names, so each run holds the engine lock for its whole length.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cli } from "../_cli.ts";
import { withEngineLock } from "../_engine_lock.ts";
import { requireEngine } from "../_services.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TUTORIAL = join(ROOT, "tests/fixtures/import/container-networking-tutorial.txt");

interface RunCommand {
  command: string;
  status: string;
  reason?: string;
  stdout: string;
}

interface RunReport {
  status: string;
  steps: Array<{ id: string; status: string; commands: RunCommand[] }>;
}

let scratch = "";

before(() => {
  requireEngine();
  scratch = mkdtempSync(join(tmpdir(), "rl-import-e2e-"));
});

after(() => rmSync(scratch, { recursive: true, force: true }));

/** Imports, then runs the lesson offline under the engine lock; the run's JSON report. */
async function importAndRun(args: string[], out: string): Promise<RunReport> {
  const imported = await cli("import", ...args, "--out", out);
  assert.equal(imported.code, 0, imported.out + imported.err);
  const validated = await cli("validate", out);
  assert.equal(validated.code, 0, validated.out + validated.err);
  const run = await withEngineLock(
    "container-networking",
    () => cli("run", out, "--offline", "--reporter", "json"),
  );
  assert.ok(run.out.startsWith("{"), run.out + run.err);
  return JSON.parse(run.out) as RunReport;
}

describe("run-lesson import", () => {
  it("imports the container-networking doc into a lesson whose commands pass offline", async () => {
    const report = await importAndRun(
      [join(ROOT, "lessons/container-networking/README.md")],
      join(scratch, "from-markdown"),
    );
    assert.ok(report.steps.length >= 9, `${report.steps.length} steps`);
    const commands = report.steps.flatMap((s) => s.commands);
    const passed = commands.filter((c) => c.status === "passed").length;
    const failed = commands.filter((c) => c.status === "failed" || c.status === "error");
    assert.ok(passed / commands.length >= 0.8, `${passed} of ${commands.length} passed`);
    assert.deepEqual(
      commands.filter((c) => c.status === "skipped").map((c) => c.command),
      ["apk add redis", "docker build -t ai-agent:latest ."],
    );
    // Measured: none fails; the bound leaves room for an engine that prints differently.
    assert.ok(failed.length <= 2, JSON.stringify(failed, null, 2));
  });

  it("imports the tutorial as text into a lesson that fails exactly where the published one does", async () => {
    const report = await importAndRun(
      ["--from", "text", TUTORIAL],
      join(scratch, "from-text"),
    );
    assert.ok(report.steps.length >= 9, `${report.steps.length} steps`);
    const commands = report.steps.flatMap((s) => s.commands);
    assert.deepEqual(commands.filter((c) => c.status === "error"), []);
    assert.deepEqual(
      commands.filter((c) => c.status === "skipped").map((c) => c.command),
      ["apk add redis", "docker build -t ai-agent:latest ."],
    );
    // The published defects, as tests/lessons/container_networking.test.ts lists them for the
    // hand-written container-networking-as-published lesson: the same commands fail, for the
    // same reasons, and no other.
    const defects: Array<[string, string, RegExp]> = [
      [
        "the network ls table lost its alignment",
        "docker network ls",
        /missing line "\{\{ai_service_network_id\}\} ai-service-network bridge local"/,
      ],
      [
        "Attachable is false",
        "docker network inspect ai-service-network",
        /\$\[0\]\.Attachable: expected true, got false/,
      ],
      [
        "the second ping reply is seq=1",
        "ping redis-cache",
        /expected "64 bytes from \{\{redis_cache_ip\}\}: seq=0 ttl=64 time=\{\{duration\}\}", got "64 bytes from [\d.]+: seq=1 /,
      ],
      [
        "bad address is on stderr with exit code 1",
        "docker exec isolated-container ping redis-cache",
        /expected exit code 0, got 1/,
      ],
      [
        "ping without -c never ends",
        "docker exec isolated-container ping redis-cache",
        /timed out after 5000 ms/,
      ],
      ["ping without -c never ends", "ping cache-primary  # Primary name", /timed out/],
      ["ping without -c never ends", "ping redis # Alias", /timed out/],
      ["ping without -c never ends", "ping cache # Another alias", /timed out/],
      [
        "the agent is not up when curl runs",
        "curl http://localhost:8000/health",
        /expected exit code 0, got (7|52|56)/,
      ],
      [
        "message is a query parameter: 422",
        'curl -X POST http://localhost:8000/conversation/user123 \\\n-H "Content-Type: application/json" \\\n-d \'{"message": "Hello, AI!"}\'',
        /missing key "status"/,
      ],
      [
        "no conversations table: 500",
        "curl http://localhost:8000/conversation/user123",
        /Cannot parse output as JSON/,
      ],
    ];
    const failures = commands.filter((c) => c.status === "failed");
    assert.deepEqual(
      failures.map((c) => c.command),
      defects.map(([, command]) => command),
      JSON.stringify(failures.map((c) => [c.command, c.reason]), null, 2),
    );
    defects.forEach(([defect, , reason], i) => assert.match(failures[i].reason!, reason, defect));
    assert.match(failures[9].stdout, /"loc":\["query","message"\],"msg":"field required"/);
    assert.match(failures[10].stdout, /^Internal Server Error/);
  });
});
