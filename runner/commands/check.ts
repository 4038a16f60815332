/**
 * `run-lesson check <lesson>`: the learner's self-check. Runs only the lesson's read-only
 * checks against the current state of the target and shows a hint for each one that fails.
 * @module
 */
import { selectChecks } from "../../lib/engine/select_checks.ts";
import { runChecks } from "../../lib/engine/selftest_run.ts";
import { loadLesson } from "../../lib/lesson/load.ts";
import { lessonSearchPath, showHelp, UsageError } from "../cli_io.ts";
import { INTERRUPTED_EXIT_CODE, withInterrupt } from "../interrupt.ts";
import { lessonCommandArgs, timeoutOption } from "../lesson_args.ts";
import { printWhile } from "../print_events.ts";
import { chooseReporter } from "../reporters/mod.ts";
import { targetFor } from "../targets.ts";
import { sshChoice, TARGET_OPTIONS } from "../target_options.ts";
import type { CliCommand } from "./mod.ts";

const HELP = `Usage: run-lesson check <lesson> [options]

Checks the state you built while following the lesson (networks, containers, names, services)
without changing anything, scores it, and shows a hint for each check that fails.

Options:
  --step STEP           check only this step's work (score out of its checks)
  --upto STEP           check this step's work and that of the steps before it
                        (earlier checks these need, such as a positive control or one that
                        finds a folder they look in, run too, unscored)
  --target TARGET       where to check: local (default), ssh://user@host[:port], or
                        container://NAME (a shell in that running container), or a Host
                        alias of ~/.ssh/config (as ssh lab1 takes it)
  --via SSH_URL         reach the container://NAME target on this host's engine
  --identity FILE       SSH private key
  --known-hosts FILE    known_hosts file to verify host keys against (repeatable)
  --accept-new-host-keys  trust a host key seen for the first time and record it
  --reporter NAME       pretty (default), json, tap or junit
  --json                the same as --reporter json
  --timeout DURATION    time limit per check (default 60s)
  --lessons DIR         also look up lesson ids in DIR (repeatable; see RUN_LESSON_PATH)
  -h, --help            show this help

Exit codes: 0 every check passed, 1 some did not, 2 usage or lesson error, 130 interrupted.
`;

/** The check command. */
export const check: CliCommand = {
  summary: "check your own work on a lesson, with hints (changes nothing)",
  help: HELP,
  async run(argv, io) {
    const { values, lesson: name } = lessonCommandArgs(argv, "check", {
      ...TARGET_OPTIONS,
      reporter: { type: "string" },
      json: { type: "boolean" },
      step: { type: "string" },
      upto: { type: "string" },
    });
    if (values.help) return showHelp(io, HELP);
    if (values.json && values.reporter !== undefined && values.reporter !== "json") {
      throw new UsageError("Use --json or --reporter, not both");
    }
    const reporter = chooseReporter(values.json ? "json" : values.reporter);
    const timeoutMs = timeoutOption(values, 60_000);
    if (values.step !== undefined && values.upto !== undefined) {
      throw new UsageError("Use --step or --upto, not both");
    }
    const lesson = await loadLesson(name, lessonSearchPath(values, io));
    // The checks asked for are scored; the earlier ones they need (a positive control, a check
    // that finds a capture they use) run before them, unscored.
    let selected;
    try {
      selected = selectChecks(lesson, { step: values.step, upto: values.upto });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const scored = new Set(selected.scored.map((c) => c.id));
    if (scored.size === 0 && lesson.steps.some((step) => (step.checks ?? []).length > 0)) {
      const withChecks = lesson.steps.filter((step) => (step.checks ?? []).length > 0);
      io.err(
        `run-lesson: ${values.step !== undefined ? "step" : "the steps up to"} ` +
          `"${values.step ?? values.upto}" ${values.step !== undefined ? "has" : "have"} no ` +
          `checks; steps with checks: ${withChecks.map((step) => step.id).join(", ")}\n`,
      );
    }
    // Read-only: nothing is pulled, built, copied or removed; only the labelled probe
    // containers of the checks come and go.
    const prepared = await targetFor(
      lesson,
      { offline: true, keep: true, readOnly: true, ...sshChoice(values) },
      io,
    );
    let failed = 0;
    const { interrupted } = await withInterrupt(
      (signal) =>
        printWhile(io, [{ reporter }], async (emit) => {
          emit({
            type: "checks:start",
            lesson: lesson.id,
            title: lesson.index.title,
            target: prepared.target.name,
          });
          const outcomes = await runChecks(
            selected.run,
            prepared.target,
            prepared.probes,
            {},
            timeoutMs,
            {
              signal,
              scored,
              onOutcome: (outcome) => emit({ type: "checks:outcome", outcome }),
            },
          );
          failed = outcomes.filter((o) => o.status !== "pass").length;
          emit({
            type: "checks:end",
            lesson: lesson.id,
            score: outcomes.reduce((sum, o) => sum + o.points, 0),
            maxScore: outcomes.reduce((sum, o) => sum + o.maxPoints, 0),
            passed: outcomes.length - failed,
            failed,
          });
        }),
      () => prepared.finish(),
    );
    if (interrupted) return INTERRUPTED_EXIT_CODE;
    return failed > 0 ? 1 : 0;
  },
};
