/**
 * `run-lesson tutor <lesson>`: the learner's loop in a terminal. Shows a step (its doc section
 * and commands), watches its read-only checks while the learner types the commands in a shell
 * of their own, ticks each check as it passes, hints, and moves on; remembers the step per
 * lesson and target.
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadLesson } from "../../lib/lesson/load.ts";
import type { Step } from "../../lib/lesson/types.ts";
import { pollChecks } from "../../lib/tutor/poll.ts";
import {
  clearProgress,
  loadProgress,
  progressFile,
  saveProgress,
} from "../../lib/tutor/progress.ts";
import { TUTOR_DEFAULTS, type TutorStep } from "../../lib/tutor/state.ts";
import { type StepChecks, stepChecks } from "../../lib/tutor/step_checks.ts";
import { type StepSection, stepSections } from "../../lib/tutor/step_doc.ts";
import { lessonSearchPath, showHelp, terminalSize, UsageError } from "../cli_io.ts";
import { parseDuration } from "../duration.ts";
import { INTERRUPTED_EXIT_CODE, withInterrupt } from "../interrupt.ts";
import { lessonCommandArgs, timeoutOption } from "../lesson_args.ts";
import { palette, useColor } from "../reporters/_color.ts";
import { targetFor } from "../targets.ts";
import { sshChoice, TARGET_OPTIONS } from "../target_options.ts";
import { runTutorSession } from "../tutor/session.ts";
import type { CliCommand } from "./mod.ts";

const HELP = `Usage: run-lesson tutor <lesson> [options]

Walks you through a lesson in this terminal. Each step shows its text and the commands to type;
type them in a shell of your own (another terminal or pane). The tutor watches the step's checks
(read-only, every couple of seconds), ticks each one as it passes, shows hints for those still
failing, and moves to the next step when all pass. Quit any time: it resumes at the same step.

Keys: n next step, p previous step, c check now, h hint, s solution (the step's commands),
q quit.

Options:
  --target TARGET       where to check: local (default), ssh://user@host[:port], or
                        container://NAME (a shell in that running container), or a Host
                        alias of ~/.ssh/config (as ssh lab1 takes it)
  --via SSH_URL         reach the container://NAME target on this host's engine
  --identity FILE       SSH private key
  --known-hosts FILE    known_hosts file to verify host keys against (repeatable)
  --accept-new-host-keys  trust a host key seen for the first time and record it
  --restart             start the lesson over instead of resuming
  --interval DURATION   time between checks (default 2s)
  --timeout DURATION    time limit per check (default 30s)
  --lessons DIR         also look up lesson ids in DIR (repeatable; see RUN_LESSON_PATH)
  -h, --help            show this help

Progress is kept in $XDG_STATE_HOME/run-lesson/ (default ~/.local/state/run-lesson/).
Needs an interactive terminal; in a script, use run-lesson check <lesson> --step <id>.
Exit codes: 0 quit, 1 the target could not be reached, 2 usage or lesson error, 130 interrupted.
`;

/** The tutor command. */
export const tutor: CliCommand = {
  summary: "learn a lesson step by step in your terminal, with checks and hints",
  help: HELP,
  async run(argv, io) {
    const { values, lesson: name } = lessonCommandArgs(argv, "tutor", {
      ...TARGET_OPTIONS,
      restart: { type: "boolean" },
      interval: { type: "string" },
    });
    if (values.help) return showHelp(io, HELP);
    const intervalMs = values.interval === undefined
      ? TUTOR_DEFAULTS.intervalMs
      : parseDuration(values.interval, "--interval");
    const checkTimeoutMs = timeoutOption(values, 30_000);
    const choice = sshChoice(values);
    if (!io.isTTY || process.stdin.isTTY !== true) {
      throw new UsageError(
        `tutor needs an interactive terminal (stdin and stdout a TTY); in a script, run: run-lesson check ${name} --step <id>`,
      );
    }
    const lesson = await loadLesson(name, lessonSearchPath(values, io));
    const targetKey = values.via === undefined
      ? (values.target ?? "local")
      : `${values.target} via ${values.via}`;
    const file = progressFile(io.env, lesson.id, targetKey);
    if (values.restart) clearProgress(file);
    const saved = loadProgress(file, lesson.id, targetKey);
    const savedIndex = saved === undefined
      ? -1
      : lesson.steps.findIndex((s) => s.id === saved.step);

    const checks = new Map<string, StepChecks>(
      lesson.steps.map((s) => [s.id, stepChecks(lesson, s.id)]),
    );
    const tutorSteps: TutorStep[] = lesson.steps.map((s) => ({
      id: s.id,
      title: s.title,
      checks: checks.get(s.id)!.shown.map((c) => ({ id: c.id, title: c.title, hint: c.hint })),
    }));
    const sections = _sections(lesson.dir, lesson.index.doc, lesson.steps);

    // Read-only: nothing is pulled, built, copied or removed; only the labelled probe
    // containers of the checks come and go.
    const prepared = await targetFor(
      lesson,
      { offline: true, keep: true, readOnly: true, ...choice },
      io,
    );
    let last: { index: number; finished: boolean } | undefined;
    // Why the last save failed (an unwritable state folder): the tutor goes on without it.
    let unsaved: string | undefined;
    const { interrupted } = await withInterrupt(
      async (signal) => {
        const state = await runTutorSession({
          steps: lesson.steps,
          tutorSteps,
          sections,
          start: { index: Math.max(0, savedIndex), finished: saved?.finished === true },
          options: { ...TUTOR_DEFAULTS, intervalMs },
          poll: (step, pollSignal) =>
            pollChecks(checks.get(step)!, {
              target: prepared.target,
              probes: prepared.probes,
              checkTimeoutMs,
              pollLimitMs: checkTimeoutMs * 2,
              signal: pollSignal,
            }),
          save: (step, finished) => {
            const before = unsaved;
            try {
              saveProgress(file, {
                version: 1,
                lesson: lesson.id,
                target: targetKey,
                step,
                finished,
                savedAt: new Date().toISOString(),
              });
              unsaved = undefined;
            } catch (error) {
              unsaved = (error as Error).message;
              if (before === undefined) {
                return `Progress cannot be saved (${unsaved}): q will not remember this step.`;
              }
            }
            return undefined;
          },
          palette: palette(useColor(io.isTTY, io.env)),
          terminal: {
            input: process.stdin,
            write: (text) => io.out(text),
            columns: () => terminalSize(process.stdout)?.columns ?? 80,
            rows: () => terminalSize(process.stdout)?.rows ?? 24,
          },
          signal,
        });
        last = { index: state.index, finished: state.finished };
      },
      () => prepared.finish(),
    );
    if (last !== undefined && unsaved !== undefined) {
      io.err(`run-lesson: progress not saved: ${unsaved}\n`);
    } else if (last !== undefined) {
      const where = last.finished
        ? "the end of the lesson"
        : `step ${last.index + 1} of ${lesson.steps.length}`;
      io.out(
        `Saved: ${where}. Resume with: run-lesson tutor ${lesson.id}${
          values.target ? ` --target ${values.target}` : ""
        }\n`,
      );
    }
    return interrupted ? INTERRUPTED_EXIT_CODE : 0;
  },
};

/** The doc's step sections; none when the lesson has no doc. */
function _sections(
  dir: string,
  doc: string | undefined,
  steps: readonly Step[],
): Map<string, StepSection> {
  let text: string;
  try {
    text = readFileSync(join(dir, doc ?? "README.md"), "utf8");
  } catch {
    return new Map();
  }
  return stepSections(text, steps);
}
