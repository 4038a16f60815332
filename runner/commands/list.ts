/**
 * `run-lesson list`: the lessons on the search path with their titles and step counts.
 * @module
 */
import { listLessons, loadLesson } from "../../lib/lesson/load.ts";
import {
  LESSON_OPTIONS,
  lessonSearchPath,
  parseCommandArgs,
  showHelp,
  UsageError,
} from "../cli_io.ts";
import type { CliCommand } from "./mod.ts";

const HELP = `Usage: run-lesson list [--json] [--lessons DIR]...

Lists the lessons with their titles and number of steps: those in the --lessons folders, in the
folders of RUN_LESSON_PATH (colon-separated), and the bundled ones, a lesson shadowing a later
one of the same id.

Options:
  --json         print a JSON array instead
  --lessons DIR  also list the lessons in DIR (repeatable)
  -h, --help     show this help
`;

/** The list command. */
export const list: CliCommand = {
  summary: "list the lessons",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...LESSON_OPTIONS,
      json: { type: "boolean" },
    });
    if (values.help) return showHelp(io, HELP);
    if (positionals.length > 0) {
      throw new UsageError(`Unexpected argument "${positionals[0]}": run-lesson list takes none`);
    }
    const lessons = [];
    const path = lessonSearchPath(values, io);
    for (const id of listLessons(path)) {
      const lesson = await loadLesson(id, path);
      lessons.push({ id, title: lesson.index.title, steps: lesson.steps.length });
    }
    if (values.json) {
      io.out(`${JSON.stringify(lessons, null, 2)}\n`);
      return 0;
    }
    const width = Math.max(0, ...lessons.map((l) => l.id.length));
    for (const l of lessons) io.out(`${l.id.padEnd(width)}  ${l.title} (${l.steps} steps)\n`);
    return 0;
  },
};
