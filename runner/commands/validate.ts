/**
 * `run-lesson validate <lesson>`: loads a lesson and checks every module against the lesson
 * format (lib/lesson/schema) and the loader's own checks (patterns parse, captures bound before
 * use, unique ids), and its self-test when it has one, and runs nothing. For authors and CI: exit 0 with one line when the lesson
 * is valid, exit 2 with one line naming the file and the field when it is not.
 * @module
 */
import { lessonChecks, loadLesson, loadSelfTest } from "../../lib/lesson/load.ts";
import {
  LESSON_OPTIONS,
  lessonSearchPath,
  parseCommandArgs,
  showHelp,
  UsageError,
} from "../cli_io.ts";
import type { CliCommand } from "./mod.ts";

const HELP = `Usage: run-lesson validate <lesson>...

Checks that each lesson loads: its index, every step module and its selftest.ts, if any, are
validated against the lesson format (schema/*.schema.json), their patterns parse, their
captures are bound before use, their ids are unique, and the self-test names steps and checks
the lesson has. Nothing is run.

Options:
  --lessons DIR  also look up lesson ids in DIR (repeatable; see RUN_LESSON_PATH)
  -h, --help     show this help

Exit codes: 0 every lesson is valid, 2 a usage or lesson error (one line naming the file and
the field).
`;

/** The number of things, with the noun in the singular or the plural. */
function _count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** The validate command. */
export const validate: CliCommand = {
  summary: "check that a lesson loads (every module against the lesson format); runs nothing",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, LESSON_OPTIONS);
    if (values.help) return showHelp(io, HELP);
    if (positionals.length === 0) {
      throw new UsageError("Missing lesson: run-lesson validate <lesson>...");
    }
    // Every lesson is loaded before anything is printed: one line on success, one on failure.
    const lines: string[] = [];
    const path = lessonSearchPath(values, io);
    for (const name of positionals) {
      const lesson = await loadLesson(name, path);
      const steps = _count(lesson.steps.length, "step");
      const checks = _count(lessonChecks(lesson).length, "check");
      const broken = (await loadSelfTest(lesson))?.broken.length;
      const selfTest = broken === undefined
        ? ""
        : `, a self-test of ${_count(broken, "broken state")}`;
      lines.push(`ok: ${lesson.id} (${steps}, ${checks}${selfTest})`);
    }
    io.out(`${lines.join("\n")}\n`);
    return 0;
  },
};
