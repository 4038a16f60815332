/**
 * What the per-command benches share: their options, the trivial commands they run (an external
 * program, as lesson commands are, and a shell builtin, where bash itself costs almost nothing),
 * and the baseline of bash running them as one script.
 * @module
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

/** The options every per-command bench takes: `--commands N` (500) and `--rounds N` (5). */
export function benchOptions(): { count: number; rounds: number } {
  const { values } = parseArgs({
    options: {
      commands: { type: "string", default: "500" },
      rounds: { type: "string", default: "5" },
    },
  });
  return { count: Number(values.commands), rounds: Number(values.rounds) };
}

/** The kinds of trivial command: a label and the command for index `i`, whose output is `i`. */
export const TRIVIAL_COMMANDS = [
  ["/bin/echo N", (i: number) => `/bin/echo ${i}`],
  ["echo N", (i: number) => `echo ${i}`],
] as const;

/** `count` commands of one kind. */
export function trivialCommands(make: (i: number) => string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => make(i));
}

/** Wall milliseconds of bash running the commands as one script, its output read by Node. */
export function bashScriptMs(commands: readonly string[]): number {
  const script = commands.join("\n");
  const started = performance.now();
  const r = spawnSync("bash", ["--noprofile", "--norc", "-c", script], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`bash failed: ${r.stderr}`);
  return ms;
}
