/**
 * `run-lesson <lesson> --accept [--dry-run]` after the run: accepts what the failed commands
 * printed into the step modules (see lib/accept/) and prints the changed hunks.
 * @module
 */
import type { RunEvent } from "../lib/engine/events.ts";
import type { Lesson } from "../lib/lesson/types.ts";
import { acceptRun } from "../lib/accept/accept_run.ts";
import type { CliIo } from "./cli_io.ts";
import { useColor } from "./reporters/_color.ts";

/**
 * Accepts a finished run's failures when it failed (exit code 1); any other exit code is
 * returned as it is. Returns 0 when every failure was accepted and written, else 1.
 */
export function acceptAfterRun(
  io: CliIo,
  lesson: Lesson,
  events: readonly RunEvent[],
  code: number,
  dryRun: boolean,
): number {
  if (code !== 1) return code;
  const report = acceptRun(lesson, events, { dryRun, color: useColor(io.isTTY, io.env) });
  io.out(report.text);
  return !dryRun && report.accepted > 0 && report.left === 0 ? 0 : 1;
}
