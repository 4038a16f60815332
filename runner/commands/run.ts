/**
 * `run-lesson run <lesson>`: runs a lesson's steps on a target and reports what differed.
 * @module
 */
import type { RunEvent } from "../../lib/engine/events.ts";
import { runLesson } from "../../lib/engine/run_lesson.ts";
import { loadLesson } from "../../lib/lesson/load.ts";
import { selectStepsWithCaptures } from "../../lib/engine/select_steps.ts";
import {
  type CliIo,
  LESSON_OPTIONS,
  lessonSearchPath,
  parseCommandArgs,
  showHelp,
  UsageError,
} from "../cli_io.ts";
import { targetFor } from "../targets.ts";
import { ENGINE_LOST_EXIT_CODE } from "../engine_health.ts";
import { INTERRUPTED_EXIT_CODE, withInterrupt } from "../interrupt.ts";
import { sshChoice, TARGET_OPTIONS } from "../target_options.ts";
import { parseDuration } from "../duration.ts";
import { chooseReporter } from "../reporters/mod.ts";
import type { Reporter } from "../reporters/types.ts";
import { printEvents } from "../print_events.ts";
import { acceptAfterRun } from "../accept_after_run.ts";
import type { CliCommand } from "./mod.ts";

const HELP = `Usage: run-lesson run <lesson> [options]
       run-lesson <lesson> [options]

Runs every step of a lesson for real and compares what happened with what the lesson
promised. Prints a diff for each difference.

Options:
  --from STEP           start at this step
  --to STEP             stop after this step
  --only STEP           run only this step (repeatable, or comma-separated)
                        A step that uses a capture an earlier step binds (an ID, a folder)
                        needs that step: --only and --from refuse, naming it, when the
                        selection leaves it out (nothing runs)
  --reporter NAME       pretty (default), json, tap or junit
  --timeout DURATION    default time limit per command, e.g. 30s or 500ms (default 60s)
  --offline             skip commands that need the internet, reporting them as skipped,
                        and build stand-in images instead of pulling
  --target TARGET       where to run: local (default), ssh://user@host[:port], or
                        container://NAME (a shell in that running container), or a Host
                        alias of ~/.ssh/config (as ssh lab1 takes it)
  --via SSH_URL         reach the container://NAME target on this host's engine
  --identity FILE       SSH private key (passphrase from RUN_LESSON_SSH_PASSPHRASE or a prompt)
  --known-hosts FILE    known_hosts file to verify host keys against (repeatable); default
                        ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts
  --accept-new-host-keys  trust a host key seen for the first time and record it
                        (a changed key is always refused)
  --keep                leave the containers, networks and volumes the run created, and
                        print how to remove them
  --accept              after the run, write what the commands that failed only on their
                        output printed into the step modules' expectations: placeholders
                        and captures that still match are kept, literal text is replaced
                        (string, lines and unordered expectations written as literals);
                        prints each changed hunk, and exits 0 when every failure was
                        accepted
  --dry-run             with --accept: print the hunks and change nothing
  --lessons DIR         also look up lesson ids in DIR (repeatable; see RUN_LESSON_PATH)
  -h, --help            show this help

Exit codes: 0 all steps passed, 1 a step failed, 2 usage or lesson error (or another run of
the lesson in progress on the machine), 3 the Docker engine was lost during the run,
130 interrupted.
`;

/** The run command. */
export const run: CliCommand = {
  summary: "run a lesson and report differences (the default command)",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...LESSON_OPTIONS,
      from: { type: "string" },
      to: { type: "string" },
      only: { type: "string", multiple: true },
      reporter: { type: "string" },
      timeout: { type: "string" },
      offline: { type: "boolean" },
      keep: { type: "boolean" },
      accept: { type: "boolean" },
      "dry-run": { type: "boolean" },
      ...TARGET_OPTIONS,
    });
    if (values.help) return showHelp(io, HELP);
    if (positionals.length !== 1) {
      throw new UsageError(
        positionals.length === 0
          ? "Missing lesson: run-lesson list shows the lessons"
          : `Expected one lesson, got ${positionals.length}: ${positionals.join(" ")}`,
      );
    }
    if (values["dry-run"] && !values.accept) {
      throw new UsageError("--dry-run needs --accept: run-lesson <lesson> --accept --dry-run");
    }
    const reporter = chooseReporter(values.reporter);
    const timeoutMs = values.timeout === undefined
      ? undefined
      : parseDuration(values.timeout, "--timeout");
    const only = values.only?.flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
    const lesson = await loadLesson(positionals[0], lessonSearchPath(values, io));
    const selection = { from: values.from, to: values.to, only };
    // Usage errors before anything runs, among them a selection that leaves out the steps
    // whose captures the selected ones use.
    selectStepsWithCaptures(lesson, selection);
    const offline = values.offline ?? false;
    const prepared = await targetFor(lesson, {
      offline,
      keep: values.keep ?? false,
      ...sshChoice(values),
    }, io);
    const events: RunEvent[] = []; // kept for --accept
    const code = await runAndReport(
      io,
      reporter,
      async function* (signal) {
        for await (
          const event of runLesson(lesson, {
            ...selection,
            target: prepared.target,
            probes: prepared.probes,
            afterChecks: prepared.afterChecks,
            timeoutMs,
            offline,
            signal,
          })
        ) {
          if (values.accept) events.push(event);
          yield event;
        }
      },
      () => prepared.finish(),
      prepared.engineLost?.bind(prepared),
    );
    if (!values.accept) return code;
    return await acceptAfterRun(io, lesson, events, code, {
      dryRun: values["dry-run"] ?? false,
      reporter: values.reporter,
    });
  },
};

/**
 * Feeds a run's events to a reporter and writes what it yields; Ctrl-C or SIGTERM ends the run
 * cleanly (the running command is killed, cleanup still happens) and exits 130.
 */
async function runAndReport(
  io: CliIo,
  reporter: Reporter,
  events: (signal: AbortSignal) => AsyncIterable<RunEvent>,
  cleanup: () => Promise<void>,
  engineLost?: () => Promise<string | undefined>,
): Promise<number> {
  let failed = 0;
  let lost: string | undefined;
  const counted = async function* (interrupt: AbortSignal) {
    // A failure may mean the engine is gone: then the rest of the run is skipped at once.
    const engine = new AbortController();
    const signal = AbortSignal.any([interrupt, engine.signal]);
    for await (const event of events(signal)) {
      if (event.type === "run:end") failed = event.summary.failed;
      yield event;
      if (engineLost && lost === undefined && !signal.aborted && _failure(event)) {
        lost = await engineLost();
        if (lost !== undefined) engine.abort(`the Docker engine was lost (${lost})`);
      }
    }
  };
  const { interrupted } = await withInterrupt(
    (signal) => printEvents(io, [{ reporter }], counted(signal)),
    cleanup,
  );
  if (interrupted) return INTERRUPTED_EXIT_CODE;
  if (lost !== undefined) {
    io.err(
      `run-lesson: the Docker engine was lost during the run (${lost}); the remaining steps were not run\n`,
    );
    return ENGINE_LOST_EXIT_CODE;
  }
  return failed > 0 ? 1 : 0;
}

/** A command or check that did not pass (the moment to ask whether the engine is still there). */
function _failure(event: RunEvent): boolean {
  if (event.type === "command:end") {
    return event.outcome.status === "failed" || event.outcome.status === "error";
  }
  return event.type === "check:end" && event.outcome.status !== "pass" &&
    event.outcome.status !== "skipped";
}
