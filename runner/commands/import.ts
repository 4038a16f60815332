/**
 * `run-lesson import <file> --out <dir>`: turns a tutorial into a lesson skeleton that runs
 * (lib/import/), and lists the guesses to review.
 * @module
 */
import { isLessonPath } from "../../lib/lesson/lesson_path.ts";
import {
  IMPORT_FORMATS,
  type ImportFormat,
  importLesson,
  ImportRefused,
  lineRanges,
} from "../../lib/import/import_lesson.ts";
import { parseCommandArgs, showHelp, UsageError } from "../cli_io.ts";
import type { CliCommand } from "./mod.ts";

const HELP = `Usage: run-lesson import <file> --out <dir> [options]

Turns a tutorial into a lesson: one step per section (heading) that shows commands, one command
per command line, the Output block under a command as its expectation (IDs, addresses, MACs,
times and durations as placeholders; a value shown again later as a named capture), stop
conditions for commands that never end, interactive \`docker run -it … sh\` sessions, the images
and builds the lesson needs, and its doc with step markers. Every guess is marked
\`// review:\` in the files and listed at the end.

Options:
  --out DIR      the lesson folder to write (refused if it exists)
  --from FORMAT  markdown (the default): fenced shell blocks; text: a page copied as text, where
                 commands stand on their own lines and output follows an "Output:" line
  --force        write into a folder that exists
  -h, --help     show this help
`;

/** The import command. */
export const importCommand: CliCommand = {
  summary: "turn a markdown or text tutorial into a lesson that runs",
  help: HELP,
  run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      out: { type: "string" },
      from: { type: "string" },
      force: { type: "boolean" },
    });
    if (values.help) return showHelp(io, HELP);
    if (positionals.length !== 1 || !values.out) {
      throw new UsageError(
        "Expected one tutorial and a folder: run-lesson import <file> --out <dir>",
      );
    }
    const from = (values.from ?? "markdown") as ImportFormat;
    if (!IMPORT_FORMATS.includes(from)) {
      throw new UsageError(`Unknown format "${values.from}": import reads markdown or text`);
    }
    let result;
    try {
      result = importLesson({ source: positionals[0], out: values.out, from, force: values.force });
    } catch (error) {
      if (error instanceof ImportRefused) throw new UsageError(error.message);
      throw error;
    }
    const shown = isLessonPath(values.out) ? values.out : `./${values.out}`;
    io.out(
      `Imported ${positionals[0]} into ${shown} (${from}): ${result.steps} steps, ` +
        `${result.commands} commands\n`,
    );
    io.out(`Wrote: ${result.files.join(", ")}\n`);
    if (from === "text") {
      io.out(`Commands taken from lines: ${lineRanges(result.commandLines)}\n`);
    }
    if (result.review.length > 0) {
      io.out(`Review (${result.review.length}, marked // review: in the files):\n`);
      for (const note of result.review) io.out(`  ${note.file}: ${note.text}\n`);
    }
    io.out(`Next: run-lesson validate ${shown}, then run-lesson ${shown} --offline\n`);
    return Promise.resolve(0);
  },
};
