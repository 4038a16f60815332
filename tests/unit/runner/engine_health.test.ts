import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { boundedCleanup, engineProblem } from "../../../runner/engine_health.ts";
import { stopReason } from "../../../lib/engine/run_lesson.ts";

const EMPTY = { containers: [], networks: [], volumes: [], images: [], errors: [] };

describe("the engine's health during a run", () => {
  it("an engine that answers its ping is fine", async () => {
    assert.equal(await engineProblem({ ping: () => Promise.resolve() }), undefined);
  });

  it("an engine that refuses says why, in one line", async () => {
    const refused = new Error(
      "Cannot connect to Docker at /var/run/docker.sock: ECONNREFUSED\nmore",
    );
    assert.equal(
      await engineProblem({ ping: () => Promise.reject(refused) }),
      "Cannot connect to Docker at /var/run/docker.sock: ECONNREFUSED",
    );
  });

  it("an engine that does not answer in time is lost after the limit, not later", async () => {
    const started = performance.now();
    const frozen = {
      ping: ({ signal }: { signal?: AbortSignal } = {}) =>
        new Promise<void>((_, reject) =>
          signal?.addEventListener("abort", () => reject(signal.reason))
        ),
    };
    assert.equal(await engineProblem(frozen, 200), "it did not answer within 0.2 s");
    assert.ok(performance.now() - started < 2_000);
  });

  it("a cleanup that finishes in time reports what it removed", async () => {
    const report = { ...EMPTY, networks: ["n1"] };
    assert.deepEqual(await boundedCleanup(() => Promise.resolve(report), "r1", 1_000), report);
  });

  it("a cleanup that fails (the engine is gone) reports why instead of throwing", async () => {
    const report = await boundedCleanup(
      () => Promise.reject(new Error("Cannot list containers: ECONNREFUSED")),
      "lesson-1",
    );
    assert.deepEqual(report.errors, [
      "Cannot list containers: ECONNREFUSED (what is left has the label run-lesson.run=lesson-1; the next run of the lesson removes it)",
    ]);
  });

  it("a cleanup that hangs is given up on, naming the run's label and the commands", async () => {
    const report = await boundedCleanup(() => new Promise(() => {}), "lesson-1234", 100);
    assert.equal(report.errors.length, 1);
    assert.match(
      report.errors[0],
      /within 0\.1 s; what is left has the label run-lesson\.run=lesson-1234/,
    );
    assert.match(
      report.errors[0],
      /docker rm -f \$\(docker ps -aq --filter label=run-lesson\.run=lesson-1234\)/,
    );
  });

  it("steps skipped after a run ended early say why: the reason given, else interrupted", () => {
    const lost = new AbortController();
    lost.abort("the Docker engine was lost (it did not answer within 3 s)");
    assert.equal(
      stopReason(lost.signal),
      "the Docker engine was lost (it did not answer within 3 s)",
    );
    const ctrlC = new AbortController();
    ctrlC.abort();
    assert.equal(stopReason(ctrlC.signal), "interrupted");
    assert.equal(stopReason(undefined), "interrupted");
  });
});
