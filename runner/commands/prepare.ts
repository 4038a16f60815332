/**
 * `run-lesson prepare <lesson>|--all`: makes the images a lesson names present.
 * @module
 */
import { listLessons, loadLesson } from "../../lib/lesson/load.ts";
import { prepareImages, standInsFor } from "../../lib/prepare/prepare.ts";
import {
  LESSON_OPTIONS,
  lessonSearchPath,
  parseCommandArgs,
  showHelp,
  UsageError,
} from "../cli_io.ts";
import type { CliCommand } from "./mod.ts";

const HELP = `Usage: run-lesson prepare <lesson>... [options]
       run-lesson prepare --all [options]

Makes each image the lessons name present: an image already there is kept, a missing one is
pulled when a registry is reachable, and otherwise built as a stand-in from this machine's
Debian packages (labelled run-lesson.stand-in=true). Quick when everything is there.

Options:
  --all           every lesson on the search path (--lessons, RUN_LESSON_PATH, bundled)
  --offline       never try to pull; build stand-ins for what is missing
  --quiet         print only failures
  --lessons DIR   also look up lesson ids in DIR (repeatable; see RUN_LESSON_PATH)
  -h, --help      show this help
`;

/** The prepare command. */
export const prepare: CliCommand = {
  summary: "make the images a lesson uses present (pulled or built as stand-ins)",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...LESSON_OPTIONS,
      all: { type: "boolean" },
      offline: { type: "boolean" },
      quiet: { type: "boolean" },
    });
    if (values.help) return showHelp(io, HELP);
    const path = lessonSearchPath(values, io);
    const ids = values.all ? listLessons(path) : positionals;
    if (ids.length === 0) {
      throw new UsageError("Missing lesson: run-lesson prepare <lesson> or --all");
    }
    const refs = new Set<string>();
    const dirs: string[] = [];
    for (const id of ids) {
      const lesson = await loadLesson(id, path);
      dirs.push(lesson.dir);
      for (const ref of lesson.index.images ?? []) refs.add(ref);
      // The image of the throwaway container the lesson runs in by default.
      if (lesson.index.container) refs.add(lesson.index.container.image);
    }
    const results = await prepareImages([...refs], {
      offline: values.offline ?? false,
      // A lesson's own stand-in recipes (its stand-ins/ folder) first, then the shipped ones.
      recipes: await standInsFor(dirs),
      onProgress: (line) => {
        if (!values.quiet) io.err(`${line}\n`);
      },
    });
    const failed = results.filter((r) => r.status === "failed");
    for (const r of failed) io.err(`run-lesson: Cannot prepare image "${r.ref}": ${r.message}\n`);
    return failed.length > 0 ? 1 : 0;
  },
};
