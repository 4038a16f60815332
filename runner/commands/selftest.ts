/**
 * `run-lesson test <lesson>`: the lesson's self-test, per check (see lib/engine/selftest_run.ts);
 * each phase is reported as it ends.
 * @module
 */
import { selfTest, type SelfTestPhase } from "../../lib/engine/selftest_run.ts";
import { runLesson } from "../../lib/engine/run_lesson.ts";
import { loadLesson, loadSelfTest } from "../../lib/lesson/load.ts";
import { LessonError } from "../../lib/lesson/validate.ts";
import { lessonSearchPath, showHelp } from "../cli_io.ts";
import { INTERRUPTED_EXIT_CODE, withInterrupt } from "../interrupt.ts";
import { lessonCommandArgs, timeoutOption } from "../lesson_args.ts";
import { printWhile } from "../print_events.ts";
import { chooseReporter } from "../reporters/mod.ts";
import { type PreparedTarget, targetFor } from "../targets.ts";
import type { CliCommand } from "./mod.ts";

const HELP = `Usage: run-lesson test <lesson> [options]

Tests the lesson's checks themselves: on a clean engine every check must fail, after the
lesson's steps every check must pass, and in each broken state named in the lesson's
selftest.ts exactly the intended checks must fail. Then the lesson's own cleanup steps run,
and must leave nothing behind.

Options:
  --offline             skip commands that need the internet (stand-in images instead)
  --timeout DURATION    time limit per command and per probe (default 60s)
  --reporter NAME       pretty (default), json, tap or junit
  --lessons DIR         also look up lesson ids in DIR (repeatable; see RUN_LESSON_PATH)
  -h, --help            show this help

Exit codes: 0 the self-test passed, 1 it did not, 2 usage or lesson error, 130 interrupted.
`;

/** The test command. */
export const test: CliCommand = {
  summary: "self-test a lesson's checks (clean, finished and broken states)",
  help: HELP,
  async run(argv, io) {
    const { values, lesson: name } = lessonCommandArgs(argv, "test", {
      offline: { type: "boolean" },
      reporter: { type: "string" },
    });
    if (values.help) return showHelp(io, HELP);
    const reporter = chooseReporter(values.reporter);
    const lesson = await loadLesson(name, lessonSearchPath(values, io));
    const spec = await loadSelfTest(lesson);
    if (spec === undefined) {
      throw new LessonError(`Cannot self-test lesson "${lesson.id}": it has no selftest.ts`);
    }
    const timeoutMs = timeoutOption(values, undefined);
    const offline = values.offline ?? false;
    const prepared = await targetFor(lesson, { offline, keep: false }, io);
    let failed = 0;
    const { interrupted } = await withInterrupt(
      (signal) =>
        printWhile(io, [{ reporter }], async (emit) => {
          emit({ type: "selftest:start", lesson: lesson.id, target: prepared.target.name });
          const phases = await selfTest(lesson, spec, {
            target: prepared.target,
            probes: prepared.probes,
            afterChecks: prepared.afterChecks,
            offline,
            timeoutMs,
            signal,
            onPhase: (phase) => emit({ type: "selftest:phase", phase }),
          });
          if (!signal.aborted) {
            const phase = await _cleanupPhase(lesson, spec.finishedAfter, prepared, offline);
            phases.push(phase);
            emit({ type: "selftest:phase", phase });
          }
          failed = phases.filter((p) => !p.ok).length;
          emit({ type: "selftest:end", lesson: lesson.id, passed: phases.length - failed, failed });
        }),
      () => prepared.finish(),
    );
    if (interrupted) return INTERRUPTED_EXIT_CODE;
    return failed > 0 ? 1 : 0;
  },
};

/** Runs the steps after the finished state (the lesson's cleanup) and lists what they left. */
async function _cleanupPhase(
  lesson: Awaited<ReturnType<typeof loadLesson>>,
  finishedAfter: string,
  prepared: PreparedTarget,
  offline: boolean,
): Promise<SelfTestPhase> {
  const target = prepared.target;
  const ids = lesson.steps.map((s) => s.id);
  const rest = ids.slice(ids.indexOf(finishedAfter) + 1);
  const problems: string[] = [];
  if (rest.length > 0) {
    for await (const event of runLesson(lesson, { target, only: rest, offline, checks: false })) {
      if (event.type === "command:end" && event.outcome.status === "failed") {
        problems.push(`$ ${event.outcome.command}: ${event.outcome.reason}`);
      }
    }
  }
  for (const thing of await prepared.leftovers()) {
    problems.push(`the lesson's cleanup left ${thing}`);
  }
  return {
    id: "cleanup",
    title: `the lesson's cleanup (${rest.join(", ") || "none"}) leaves nothing behind`,
    ok: problems.length === 0,
    problems,
    outcomes: [],
  };
}
