/**
 * Parses durations given on the command line.
 * @module
 */
import { UsageError } from "./cli_io.ts";

/** Parses `500ms`, `30s`, `2m` or a plain number of seconds into milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) {
    throw new UsageError(
      `Invalid value for ${flag}: "${text}": use a duration such as 500ms, 30s or 2m`,
    );
  }
  const value = Number(match[1]);
  const ms = match[2] === "ms" ? value : match[2] === "m" ? value * 60_000 : value * 1000;
  if (ms <= 0) throw new UsageError(`Invalid value for ${flag}: "${text}": must be more than 0`);
  return ms;
}
