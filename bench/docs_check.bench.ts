/**
 * What `run-lesson docs <lesson> --check` costs over a plain run of the same lesson: both go
 * through their CLI command with the output discarded, in alternating rounds; median wall time.
 *
 *   npx tsx bench/docs_check.bench.ts [--lesson demo] [--rounds 5]
 *
 * The docs check runs the lesson without its checks (they read state, the doc shows output), so
 * a lesson with slow checks is faster to check than to run.
 * @module
 */
import { parseArgs } from "node:util";
import { captureIo } from "../tests/_cli.ts";
import { docs } from "../runner/commands/docs.ts";
import { run } from "../runner/commands/run.ts";
import { median } from "./_median.ts";

const { values } = parseArgs({
  options: {
    lesson: { type: "string", default: "demo" },
    rounds: { type: "string", default: "5" },
  },
});
const lesson = values.lesson!;
const rounds = Number(values.rounds);

async function timed(command: typeof run, argv: string[]): Promise<number> {
  const { io, captured } = captureIo();
  const started = performance.now();
  const code = await command.run(argv, io);
  const ms = performance.now() - started;
  if (code !== 0) {
    throw new Error(`${argv.join(" ")} exited ${code}:\n${captured.out}${captured.err}`);
  }
  return ms;
}

// One unmeasured round of each loads the lesson's modules and warms both paths.
await timed(run, [lesson]);
await timed(docs, [lesson, "--check"]);
const plain: number[] = [];
const check: number[] = [];
for (let round = 0; round < rounds; round++) {
  plain.push(await timed(run, [lesson]));
  check.push(await timed(docs, [lesson, "--check"]));
}
const p = median(plain);
const c = median(check);
console.log(`lesson ${lesson}, ${rounds} rounds each, median wall time`);
console.log(
  `run-lesson run ${lesson}            ${p.toFixed(1).padStart(8)} ms  (${
    plain.map((x) => x.toFixed(0)).join("/")
  })`,
);
console.log(
  `run-lesson docs ${lesson} --check   ${c.toFixed(1).padStart(8)} ms  (${
    check.map((x) => x.toFixed(0)).join("/")
  })`,
);
console.log(`ratio docs --check / run: ${(c / p).toFixed(3)} (goal: at most 1.05)`);
