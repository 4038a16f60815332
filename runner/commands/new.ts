/**
 * `run-lesson new <dir>`: scaffolds a lesson that passes as it is, in a folder that does not
 * exist yet or is empty (see runner/new_lesson_templates.ts for the files).
 * @module
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { isLessonPath } from "../../lib/lesson/lesson_path.ts";
import { parseCommandArgs, showHelp, UsageError } from "../cli_io.ts";
import {
  NEW_LESSON_TARGETS,
  newLessonFiles,
  type NewLessonTarget,
} from "../new_lesson_templates.ts";
import type { CliCommand } from "./mod.ts";

const HELP = `Usage: run-lesson new <dir> [options]

Writes a new lesson into <dir> (made if missing; refused if it holds anything): lesson.ts, one
step with a command, its expected output and a check, a clean-up step, selftest.ts with one
broken state, and the doc (README.md). It passes as it is; change it from there.

Options:
  --target KIND   local (the default): commands run in a shell on this machine;
                  docker: they use the Docker engine, and what they create is removed after
  --title TEXT    the lesson's title (default: from the folder's name)
  -h, --help      show this help
`;

/** The new command. */
export const newLesson: CliCommand = {
  summary: "scaffold a lesson that passes as it is",
  help: HELP,
  run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      target: { type: "string" },
      title: { type: "string" },
    });
    if (values.help) return showHelp(io, HELP);
    if (positionals.length !== 1) {
      throw new UsageError("Expected one folder: run-lesson new <dir> [--target local|docker]");
    }
    const target = (values.target ?? "local") as NewLessonTarget;
    if (!NEW_LESSON_TARGETS.includes(target)) {
      throw new UsageError(
        `Unknown target "${values.target}": run-lesson new makes lessons for local or docker`,
      );
    }
    const given = positionals[0];
    const dir = resolve(given);
    if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
      throw new UsageError(`Cannot make a lesson in "${given}": it exists and is not empty`);
    }
    const name = basename(dir);
    const files = newLessonFiles({
      title: values.title ?? _title(name),
      target,
      name: name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "lesson",
    });
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text, { flag: "wx" });
    }
    // A bare name would be looked up as a lesson id; a path always means the folder.
    const shown = isLessonPath(given) ? given : `./${given}`;
    io.out(`Made the lesson ${shown} (${target}): ${Object.keys(files).join(", ")}\n`);
    io.out(`Next: run-lesson ${shown}, then run-lesson test ${shown}, then edit its steps.\n`);
    return Promise.resolve(0);
  },
};

/** "my-first_lesson" → "My first lesson". */
function _title(name: string): string {
  const words = name.replace(/[-_]+/g, " ").trim() || "New lesson";
  return words[0].toUpperCase() + words.slice(1);
}
