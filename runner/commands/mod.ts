/**
 * The CLI's commands by name, and the top-level help.
 * @module
 */
import type { CliIo } from "../cli_io.ts";
import { check } from "./check.ts";
import { docs } from "./docs.ts";
import { importCommand } from "./import.ts";
import { list } from "./list.ts";
import { newLesson } from "./new.ts";
import { prepare } from "./prepare.ts";
import { run } from "./run.ts";
import { grade } from "./grade.ts";
import { report } from "./report.ts";
import { test } from "./selftest.ts";
import { tutor } from "./tutor.ts";
import { validate } from "./validate.ts";

/** A CLI command. */
export interface CliCommand {
  /** One line for the top-level help. */
  summary: string;
  /** The command's --help text. */
  help: string;
  /** Runs it and resolves with the exit code. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Every command, by name. */
export const COMMANDS: Record<string, CliCommand> = {
  run,
  check,
  tutor,
  grade,
  report,
  list,
  test,
  docs,
  prepare,
  validate,
  new: newLesson,
  import: importCommand,
};

/** The top-level help text. */
export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    "run-lesson: run hands-on infrastructure lessons as executable, checked scripts",
    "",
    "Usage:",
    "  run-lesson <lesson> [options]       the same as run-lesson run <lesson>",
    "  run-lesson <command> [options]",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
    "A lesson is a folder path, or an id looked up in the --lessons folders, then in those of",
    "RUN_LESSON_PATH (colon-separated), then among the bundled lessons.",
    "Run run-lesson <command> --help for a command's options.",
    "Exit codes: 0 all passed, 1 something failed, 2 usage or lesson error.",
    "",
  ].join("\n");
}
