/**
 * Runner overhead on the local target: a lesson of 500 trivial commands, each with an
 * expectation, against a bash script that runs the same 500 commands in one shell.
 *
 *   npx tsx bench/local_overhead.bench.ts [--commands 500] [--rounds 5]
 *
 * Two kinds of trivial command are measured: an external program (`/bin/echo N`, what lesson
 * commands are) and a shell builtin (`echo N`, where bash itself costs almost nothing).
 * @module
 */
import { runLesson } from "../lib/engine/run_lesson.ts";
import type { Lesson } from "../lib/lesson/types.ts";
import { LocalTarget } from "../lib/target/local.ts";
import {
  bashScriptMs,
  benchOptions,
  TRIVIAL_COMMANDS,
  trivialCommands,
} from "./_trivial_commands.ts";
import { median } from "./_median.ts";

const { count, rounds } = benchOptions();

function lessonOf(commands: string[]): Lesson {
  return {
    id: "bench",
    dir: process.cwd(),
    index: { title: "bench", steps: [] },
    steps: [{
      id: "all",
      title: "all",
      file: "bench",
      commands: commands.map((run, i) => ({ run, stdout: String(i) })),
    }],
  };
}

async function runner(commands: string[]): Promise<number> {
  const target = new LocalTarget();
  // Start the shell outside the measurement, as bash's own start is outside the baseline's.
  await target.run("true", { timeoutMs: 5_000 });
  const started = performance.now();
  let failed = 0;
  for await (const event of runLesson(lessonOf(commands), { target })) {
    if (event.type === "run:end") failed = event.summary.failed;
  }
  const ms = performance.now() - started;
  await target.close();
  if (failed > 0) throw new Error("Benchmark lesson failed");
  return ms;
}

console.log(`${count} commands, ${rounds} rounds, median wall time`);
console.log("command       bash ms   runner ms   ratio   overhead/command");
for (const [label, make] of TRIVIAL_COMMANDS) {
  const commands = trivialCommands(make, count);
  const bashTimes: number[] = [];
  const runnerTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    bashTimes.push(bashScriptMs(commands));
    runnerTimes.push(await runner(commands));
  }
  const b = median(bashTimes);
  const r = median(runnerTimes);
  console.log(
    `${label.padEnd(12)} ${b.toFixed(1).padStart(7)} ${r.toFixed(1).padStart(11)} ${
      (r / b).toFixed(2).padStart(7)
    }   ${((r - b) / count).toFixed(3)} ms  (runs: bash ${
      bashTimes.map((x) => x.toFixed(0)).join("/")
    }, runner ${runnerTimes.map((x) => x.toFixed(0)).join("/")})`,
  );
}
