/**
 * `run-lesson list`: the lessons under lessons/ with their titles and step counts.
 * @module
 */
import { listLessons, loadLesson } from "../../lib/lesson/load.ts";
import { parseCommandArgs, showHelp, UsageError } from "../cli_io.ts";
import type { CliCommand } from "./mod.ts";

const HELP = `Usage: run-lesson list [--json]

Lists the lessons under lessons/ with their titles and number of steps.

Options:
  --json      print a JSON array instead
  -h, --help  show this help
`;

/** The list command. */
export const list: CliCommand = {
  summary: "list the lessons",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { json: { type: "boolean" } });
    if (values.help) return showHelp(io, HELP);
    if (positionals.length > 0) {
      throw new UsageError(`Unexpected argument "${positionals[0]}": run-lesson list takes none`);
    }
    const lessons = [];
    for (const id of listLessons()) {
      const lesson = await loadLesson(id);
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
