/**
 * The container-networking lesson's wall time through run-lesson (offline, checks included)
 * against a bash script that runs the same docker commands in order, in the same run.
 *
 *   npx tsx bench/lesson_wall.bench.ts [--rounds 3]
 *
 * The script is generated from the lesson: host commands as they are, the interactive
 * `docker run -it` as `docker run -dit`, the commands typed into it as `docker exec`, and `exit`
 * as `docker stop`. Internet-tagged commands are left out of both, as with --offline.
 * @module
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { loadLesson } from "../lib/lesson/load.ts";
import { detachInteractiveRun } from "../lib/target/docker_command.ts";
import { shellQuote } from "../lib/shell_quote.ts";
import { main } from "../runner/main.ts";
import type { CliIo } from "../runner/cli_io.ts";
import { median } from "./_median.ts";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "3" } } });
const rounds = Number(values.rounds);
const lesson = await loadLesson("container-networking");

const lines = ["set -e"];
for (const step of lesson.steps) {
  for (const command of step.commands) {
    const tags = [...(step.tags ?? []), ...(command.tags ?? [])];
    if (tags.includes("network")) continue;
    const expectFailure = command.exitCode !== undefined && command.exitCode !== 0;
    const suffix = expectFailure ? " || true" : "";
    if (command.opens) {
      lines.push(
        `sid_${command.opens.replaceAll("-", "_")}=$(${detachInteractiveRun(command.run)})`,
      );
    } else if (command.where?.kind === "session") {
      const sid = `$sid_${command.where.session.replaceAll("-", "_")}`;
      lines.push(
        command.run === "exit"
          ? `docker stop -t 0 "${sid}" >/dev/null`
          : `docker exec "${sid}" sh -c ${shellQuote(command.run)}${suffix}`,
      );
    } else {
      lines.push(`${command.run}${suffix}`);
    }
  }
}
const script = lines.join("\n");

function bash(): number {
  const started = performance.now();
  const r = spawnSync("bash", ["-c", script], { cwd: lesson.dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`The bash script failed: ${r.stderr.slice(-500)}`);
  return performance.now() - started;
}

async function runner(): Promise<number> {
  const io: CliIo = { out: () => {}, err: () => {}, isTTY: false, env: {} };
  const started = performance.now();
  const code = await main(["run", "container-networking", "--offline"], io);
  if (code !== 0) throw new Error(`run-lesson exited ${code}`);
  return performance.now() - started;
}

const b: number[] = [];
const r: number[] = [];
for (let i = 0; i < rounds; i++) {
  b.push(bash());
  r.push(await runner());
}
console.log(`container-networking, ${rounds} rounds (alternating), wall time in seconds`);
console.log(
  `bash script : median ${(median(b) / 1000).toFixed(1)}  runs ${
    b.map((x) => (x / 1000).toFixed(1)).join(" ")
  }`,
);
console.log(
  `run-lesson  : median ${(median(r) / 1000).toFixed(1)}  runs ${
    r.map((x) => (x / 1000).toFixed(1)).join(" ")
  }`,
);
console.log(
  `ratio       : ${
    (median(r) / median(b)).toFixed(2)
  }x (run-lesson includes its 12 checks and cleanup of leftovers)`,
);
