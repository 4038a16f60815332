/**
 * The container-networking self-test's wall time, and how many probe containers it makes,
 * against a baseline commit in the same run (the two alternate, round by round). The self-test
 * runs every check in every phase (clean, finished, each broken state), so it is where making a
 * probe container per probe costs most.
 *
 *   npx tsx bench/selftest_wall.bench.ts [--baseline COMMIT] [--rounds 3] [--lesson ID]
 *
 * Each run holds the tests' engine lock of the lesson (its names are fixed). Probe containers
 * are counted from the engine's `create` events with the probe label during the run.
 * @module
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PROBE_LABEL } from "../lib/probes/_probe_container.ts";
import { withEngineLock } from "../tests/_engine_lock.ts";
import { type Worktree, worktree } from "./_worktree.ts";
import { median } from "./_median.ts";

const { values } = parseArgs({
  options: {
    baseline: { type: "string" },
    rounds: { type: "string", default: "3" },
    lesson: { type: "string", default: "container-networking" },
  },
});
const rounds = Number(values.rounds);
const lesson = values.lesson;

/** One self-test: its wall seconds, exit code and the probe containers made meanwhile. */
interface SelfTestRun {
  wall: number;
  code: number | null;
  probes: number;
}

/** Runs `run-lesson test <lesson> --offline` in `tree` under the engine lock. */
function selfTest(tree: string): Promise<SelfTestRun> {
  return withEngineLock(lesson, () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const started = performance.now();
    const r = spawnSync("node", ["runner/bin.js", "test", lesson, "--offline"], {
      cwd: tree,
      encoding: "utf8",
    });
    const wall = (performance.now() - started) / 1000;
    if (r.status !== 0) process.stderr.write(r.stdout + r.stderr);
    const until = Math.ceil(Date.now() / 1000) + 1;
    const events = spawnSync("docker", [
      "events",
      "--since",
      String(since),
      "--until",
      String(until),
      "--filter",
      "type=container",
      "--filter",
      "event=create",
      "--filter",
      `label=${PROBE_LABEL}`,
      "--format",
      "{{.ID}}",
    ], { encoding: "utf8" });
    const probes = events.stdout.split("\n").filter((l) => l !== "").length;
    return Promise.resolve({ wall, code: r.status, probes });
  });
}

const dir = mkdtempSync(join(tmpdir(), "rl-selftest-bench-"));
let base: Worktree | undefined;
try {
  if (values.baseline) base = worktree(values.baseline, dir);
  const trees: Array<[string, string]> = [["this tree", process.cwd()]];
  if (base) trees.push([`baseline ${values.baseline}`, base.path]);
  const runs = new Map<string, SelfTestRun[]>(trees.map(([name]) => [name, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const [name, tree] of trees) {
      const run = await selfTest(tree);
      runs.get(name)!.push(run);
      console.error(
        `round ${round}, ${name}: ${
          run.wall.toFixed(1)
        } s, exit ${run.code}, ${run.probes} probe containers`,
      );
    }
  }
  console.log(`run-lesson test ${lesson} --offline, median of ${rounds}:`);
  for (const [name, list] of runs) {
    const failed = list.filter((r) => r.code !== 0).length;
    console.log(
      `  ${name}: ${median(list.map((r) => r.wall)).toFixed(1)} s, ${
        median(list.map((r) => r.probes))
      } probe containers${failed ? ` (${failed} of ${list.length} failed)` : ""}`,
    );
  }
} finally {
  base?.remove();
  rmSync(dir, { recursive: true, force: true });
}
