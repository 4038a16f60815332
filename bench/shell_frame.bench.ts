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
 *   to the pipes cost);
 * - framed, kept descriptors: the same frames writing to descriptors 18 and 19, opened once on
 *   the session's pipes, instead of opening `/proc/$PPID/fd/1` and `2` by path for each command
 *   (not a usable session either: every command and background job would inherit them).
 *
 * Besides wall time, each run's minor page faults (`/usr/bin/time`'s %R, the shell and every
 * process it waited for) are counted: a fork's cost is mostly its copy-on-write faults, which
 * repeat within about 1% from run to run where wall time varies by 10% or more, and which show
 * what each part of a frame costs on a machine where a fault is dear (a virtual machine's).
 * @module
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BOOTSTRAP,
  bootstrapLine,
  markerPrefix,
  PRELUDE,
  readFramed,
} from "../lib/target/shell_framing.ts";
import { benchOptions, TRIVIAL_COMMANDS, trivialCommands } from "./_trivial_commands.ts";
import { median } from "./_median.ts";

const { count, rounds } = benchOptions();
const TOKEN = "0123456789abcdef";

/** How the frames reach the session's pipes. */
type Variant = "framed" | "discard" | "kept";

/** The same length as `/proc/$PPID/fd/N`, so that `read -N`'s byte counts still hold. */
const DISCARD = "/dev////////null";
const KEPT = (fd: number) => `&${fd}`.padEnd("/proc/$PPID/fd/1".length + 1);

/** The session's input: the bootstrap's line, the prelude, each command framed, then exit. */
function framed(commands: string[], variant: Variant): string {
  const prelude = variant === "kept"
    ? "exec 19>>/proc/$PPID/fd/1 18>>/proc/$PPID/fd/2\n" + PRELUDE
    : PRELUDE;
  let input = bootstrapLine(TOKEN, "abcd") + prelude;
  commands.forEach((command, i) => {
    let frame = readFramed(command, TOKEN, i + 1);
    if (variant === "discard") {
      frame = frame.replaceAll("/proc/$PPID/fd/1", DISCARD).replaceAll("/proc/$PPID/fd/2", DISCARD);
    } else if (variant === "kept") {
      // `>>/proc/$PPID/fd/1` becomes `>&19` and spaces, the byte count kept.
      frame = frame.replaceAll(">/proc/$PPID/fd/1", KEPT(19)).replaceAll(
        ">/proc/$PPID/fd/2",
        KEPT(18),
      );
    }
    input += frame;
  });
  return `${input}exit 0\n`;
}

const scratch = mkdtempSync(join(tmpdir(), "rl-frame-bench-"));

/** Runs `argv` under /usr/bin/time: its wall milliseconds, minor page faults and output. */
function timed(argv: string[], input: string): { ms: number; faults: number; stdout: string } {
  const report = join(scratch, "time");
  const started = performance.now();
  const r = spawnSync("/usr/bin/time", ["-o", report, "-f", "%R", ...argv], {
    input,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${argv[0]} failed (${r.status}): ${r.stderr.slice(-500)}`);
  const faults = Number(readFileSync(report, "utf8").trim().split("\n").pop());
  return { ms, faults, stdout: r.stdout };
}

/** bash running the commands as one script. */
function bash(commands: readonly string[]): { ms: number; faults: number } {
  return timed(["bash", "--noprofile", "--norc", "-c", commands.join("\n")], "");
}

/** The bootstrap reading `input`; throws unless it printed every marker. */
function session(input: string, expectMarkers: number): { ms: number; faults: number } {
  const r = timed(["sh", "-c", BOOTSTRAP], input);
  const markers = r.stdout.split(markerPrefix(TOKEN)).length - 1;
  if (markers !== expectMarkers) {
    throw new Error(`the framed shell printed ${markers} markers, not ${expectMarkers}`);
  }
  return r;
}

console.log(`${count} commands, ${rounds} rounds, medians (wall time, minor page faults)`);
console.log(
  "command       variant                    bash ms  framed ms  ratio  extra/command  " +
    "bash faults  framed faults  extra faults/command",
);
try {
  for (const [label, make] of TRIVIAL_COMMANDS) {
    const commands = trivialCommands(make, count);
    const variants = [
      { name: "framed", input: framed(commands, "framed"), markers: count + 1 },
      { name: "framed, output discarded", input: framed(commands, "discard"), markers: 1 },
      { name: "framed, kept descriptors", input: framed(commands, "kept"), markers: count + 1 },
    ];
    const baseline: Array<{ ms: number; faults: number }> = [];
    const runs = variants.map(() => [] as Array<{ ms: number; faults: number }>);
    for (let round = 0; round < rounds; round++) {
      baseline.push(bash(commands));
      variants.forEach((v, i) => runs[i].push(session(v.input, v.markers)));
    }
    const b = {
      ms: median(baseline.map((r) => r.ms)),
      faults: median(baseline.map((r) => r.faults)),
    };
    variants.forEach((v, i) => {
      const f = {
        ms: median(runs[i].map((r) => r.ms)),
        faults: median(runs[i].map((r) => r.faults)),
      };
      console.log(
        `${label.padEnd(12)}  ${v.name.padEnd(24)} ${b.ms.toFixed(1).padStart(8)} ${
          f.ms.toFixed(1).padStart(10)
        } ${(f.ms / b.ms).toFixed(2).padStart(6)}  ${((f.ms - b.ms) / count).toFixed(3)} ms  ${
          String(b.faults).padStart(11)
        }  ${String(f.faults).padStart(13)}  ${
          ((f.faults - b.faults) / count).toFixed(1).padStart(20)
        }`,
      );
    });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
