/**
 * The arguments of the commands that take one lesson and a time limit (`check`, `tutor`,
 * `test`): the lesson, `--lessons DIR`, `--timeout DURATION`, `-h`/`--help`, and the command's
 * own options (among them, for the commands that run on one target, `TARGET_OPTIONS` of
 * runner/target_options.ts).
 * @module
 */
import type { ParseArgsConfig } from "node:util";
import { LESSON_OPTIONS, parseCommandArgs, UsageError } from "./cli_io.ts";
import { parseDuration } from "./duration.ts";

/** The parseArgs definitions of `--lessons DIR` (repeatable) and `--timeout DURATION`. */
const LESSON_COMMAND_OPTIONS = { ...LESSON_OPTIONS, timeout: { type: "string" } } as const;

/**
 * Parses `run-lesson COMMAND <lesson> [options]` strictly, with the command's own `options`
 * besides `--lessons`, `--timeout` and `-h`/`--help`. Unless help is asked for, exactly one
 * lesson must be given: a UsageError says so otherwise. `lesson` is that one (undefined only
 * with `--help`, which the caller answers first).
 */
export function lessonCommandArgs<O extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  command: string,
  options: O,
) {
  const { values, positionals } = parseCommandArgs(argv, {
    ...LESSON_COMMAND_OPTIONS,
    ...options,
  });
  // The help option is typed only once O is known.
  if (!(values as { help?: boolean }).help && positionals.length !== 1) {
    throw new UsageError(`Expected one lesson: run-lesson ${command} <lesson>`);
  }
  return { values, lesson: positionals[0] as string };
}

/**
 * The time limit `--timeout DURATION` asks for, in milliseconds, or `fallback` without it.
 * Throws a UsageError for a malformed or non-positive duration.
 */
export function timeoutOption<D extends number | undefined>(
  values: { timeout?: string },
  fallback: D,
): number | D {
  return values.timeout === undefined ? fallback : parseDuration(values.timeout, "--timeout");
}
