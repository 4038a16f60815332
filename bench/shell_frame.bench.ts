/**
 * The framed shell's own cost, without the runner: the commands of a lesson framed as the local
 * target frames them (shell_framing.ts), fed at once to the bootstrap on its stdin, against bash
 * running the same commands as one script. Node only starts each and reads what it prints, so
 * what differs is the shell side of the framing: the session's pipes, the marker lines, and the
 * function each command runs in. local_overhead.bench.ts measures the whole runner.
 *
 *   npx tsx bench/shell_frame.bench.ts [--commands 500] [--rounds 5]
 *
 * Variants, each against the same bash baseline:
 * - framed: as the local target runs a command;
 * - framed, output discarded: the same frames with the command's output and the markers sent
 *   to /dev/null instead of the session's pipes (not a usable session: it shows what the writes
 *   to the pipes cost).
 * @module
 */
import { spawnSync } from "node:child_process";
import {
  BOOTSTRAP,
  bootstrapLine,
  markerPrefix,
  PRELUDE,
  readFramed,
} from "../lib/target/shell_framing.ts";
import {
  bashScriptMs,
  benchOptions,
  TRIVIAL_COMMANDS,
  trivialCommands,
} from "./_trivial_commands.ts";
import { median } from "./_median.ts";

const { count, rounds } = benchOptions();
const TOKEN = "0123456789abcdef";

/** The session's input: the bootstrap's line, the prelude, each command framed, then exit. */
function framed(commands: string[], discard: boolean): string {
  let input = bootstrapLine(TOKEN, "abcd") + PRELUDE;
  commands.forEach((command, i) => {
    let frame = readFramed(command, TOKEN, i + 1);
    if (discard) {
      // Same frame, its writes to the session's pipes sent to /dev/null (byte count kept).
      frame = frame.replaceAll("/proc/$PPID/fd/1", "/dev////////null")
        .replaceAll("/proc/$PPID/fd/2", "/dev////////null");
    }
    input += frame;
  });
  return `${input}exit 0\n`;
}

/** Wall milliseconds of the bootstrap reading `input`; throws unless it printed every marker. */
function framedMs(input: string, expectMarkers: number): number {
  const started = performance.now();
  const r = spawnSync("sh", ["-c", BOOTSTRAP], { input, encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = performance.now() - started;
  const markers = r.stdout.split(markerPrefix(TOKEN)).length - 1;
  if (r.status !== 0 || markers !== expectMarkers) {
    throw new Error(`the framed shell failed (${r.status}, ${markers} markers): ${r.stderr}`);
  }
  return ms;
}

console.log(`${count} commands, ${rounds} rounds, median wall time`);
console.log("command       variant                   bash ms   framed ms   ratio   extra/command");
for (const [label, make] of TRIVIAL_COMMANDS) {
  const commands = trivialCommands(make, count);
  const variants = [
    { name: "framed", input: framed(commands, false), markers: count + 1 },
    { name: "framed, output discarded", input: framed(commands, true), markers: 1 },
  ];
  const bash: number[] = [];
  const times = variants.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    bash.push(bashScriptMs(commands));
    variants.forEach((v, i) => times[i].push(framedMs(v.input, v.markers)));
  }
  const b = median(bash);
  variants.forEach((v, i) => {
    const f = median(times[i]);
    console.log(
      `${label.padEnd(12)}  ${v.name.padEnd(24)} ${b.toFixed(1).padStart(8)} ${
        f.toFixed(1).padStart(11)
      } ${(f / b).toFixed(2).padStart(7)}   ${((f - b) / count).toFixed(3)} ms`,
    );
  });
}
