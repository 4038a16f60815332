/**
 * `run-lesson <lesson> --accept [--dry-run]` after the run: accepts what the failed commands
 * printed into the step modules (see lib/accept/) and prints the changed hunks.
 * @module
 */
import type { RunEvent } from "../lib/engine/events.ts";
import type { Lesson } from "../lib/lesson/types.ts";
import type { CliIo } from "./cli_io.ts";
import { useColor } from "./reporters/_color.ts";

/**
 * Accepts a finished run's failures when it failed (exit code 1); any other exit code is
 * returned as it is. Returns 0 when every failure was accepted and written, else 1. The hunks
 * go to stdout after the pretty report, and to stderr after a machine-read one (json, tap,
 * junit), which must stay one document. The accept code (and the TypeScript compiler it edits
 * step modules with, over 100 MB once loaded) is loaded only here, not by every run.
 */
export async function acceptAfterRun(
  io: CliIo,
  lesson: Lesson,
  events: readonly RunEvent[],
  code: number,
  options: { dryRun: boolean; reporter?: string },
): Promise<number> {
  if (code !== 1) return code;
  const { acceptRun } = await import("../lib/accept/accept_run.ts");
  const toErr = (options.reporter ?? "pretty") !== "pretty";
  const tty = toErr ? io.errIsTTY === true : io.isTTY;
  const report = acceptRun(lesson, events, {
    dryRun: options.dryRun,
    color: useColor(tty, io.env),
  });
  if (toErr) io.err(report.text);
  else io.out(report.text);
  const dryRun = options.dryRun;
  return !dryRun && report.accepted > 0 && report.left === 0 ? 0 : 1;
}
