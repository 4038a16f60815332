/**
 * Whether a line-based stop condition is met, shared by every target.
 * @module
 */
import { matchLine } from "../expect/mod.ts";
import type { StopCondition } from "../lesson/types.ts";

/** Whether `line`, the `count`-th complete stdout line, meets a pattern or line-count stop. */
export function stopReached(
  stop: Exclude<StopCondition, { kind: "time" }>,
  line: string,
  count: number,
): boolean {
  return stop.kind === "lines" ? count >= stop.count : matchLine(stop.pattern, line, {}).ok;
}
