/**
 * `run-lesson docs <lesson> --check | --update`: keeps the Output blocks of a lesson's doc true
 * to a real run (see lib/docs/).
 * @module
 */
import { runLesson } from "../../lib/engine/run_lesson.ts";
import { loadLesson } from "../../lib/lesson/load.ts";
import { judgeRun, readDoc, updateDoc } from "../../lib/docs/mod.ts";
import {
  LESSON_OPTIONS,
  lessonSearchPath,
  parseCommandArgs,
  showHelp,
  UsageError,
} from "../cli_io.ts";
import { parseDuration } from "../duration.ts";
import { targetFor } from "../targets.ts";
import { INTERRUPTED_EXIT_CODE, withInterrupt } from "../interrupt.ts";
import { printEvents } from "../print_events.ts";
import { chooseReporter } from "../reporters/mod.ts";
import type { CliCommand } from "./mod.ts";

const HELP = `Usage: run-lesson docs <lesson> --check [options]
       run-lesson docs <lesson> --update [options]

Keeps a lesson's doc (README.md, or the "doc" of its lesson.ts) true to its steps.
Runs the lesson for real, then compares each Output block with what its command printed.
A block is fresh when it satisfies the command's expectation, so IDs, addresses and times
may differ from this run's; otherwise it is stale.

Where the doc has a step marker, <!-- step: <step-id> -->, the step's commands are
rendered from the step module, up to the next step marker or the next heading of the
marker's section level: a command block shows exactly the command's "run" text (a command
with {{captures}} shows the values this run used, under a run-lesson marker), a command
the step gained is written after the one before it with its Output block, and a command
block the step no longer runs is removed with its Output block. New blocks copy the doc's
first command and Output blocks' fences (default \`\`\`sh and \`\`\`text) under the caption
"Output:", "Output (on stderr, exit code N):" or "Output (then Ctrl-C):". Prose is
never changed.

Options:
  --check               list the stale blocks and the commands that differ from the steps,
                        and change nothing
  --update              rewrite only the stale blocks with the real output, and write the
                        step regions' commands; every other byte of the doc is kept, and a
                        fresh doc is not written at all
  --timeout DURATION    default time limit per command, e.g. 30s or 500ms (default 60s)
  --offline             skip commands that need the internet (their blocks are not
                        compared), and build stand-in images instead of pulling
  --reporter NAME       pretty (default) or json
  --lessons DIR         also look up lesson ids in DIR (repeatable; see RUN_LESSON_PATH)
  -h, --help            show this help

In the doc, a command block is a fenced block marked sh, bash, shell or console (its
"$ " prompt removed). It is linked to the step command with the same text (whitespace and
line continuations aside), or to the one named by a comment on the line above it:
<!-- run-lesson: <step-id>#<command-index> -->   (0-based index)
Its Output block is the next fenced block right under a paragraph that starts with
"Output". The block shows stdout, or stderr when the paragraph says "stderr"; a paragraph
that says "abridged" or "part" marks a block that is not compared.

Exit codes: 0 the doc is fresh (or was updated), 1 stale blocks or commands, a failed
command, or a doc that changed on disk while the lesson ran (nothing written), 2 usage or
lesson error, 130 interrupted (nothing written).
`;

/** The docs command. */
export const docs: CliCommand = {
  summary: "check a lesson's Output blocks against a real run, or update the stale ones",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...LESSON_OPTIONS,
      check: { type: "boolean" },
      update: { type: "boolean" },
      timeout: { type: "string" },
      offline: { type: "boolean" },
      reporter: { type: "string" },
    });
    if (values.help) return showHelp(io, HELP);
    if (positionals.length !== 1) {
      throw new UsageError(
        positionals.length === 0
          ? "Missing lesson: run-lesson docs <lesson> --check (run-lesson list shows the lessons)"
          : `Expected one lesson, got ${positionals.length}: ${positionals.join(" ")}`,
      );
    }
    if (values.check === values.update) {
      throw new UsageError(
        values.check
          ? "Cannot use --check and --update together: pick one"
          : "Missing mode: pass --check or --update",
      );
    }
    const mode = values.update ? "update" : "check";
    const reporter = chooseReporter(values.reporter, ["pretty", "json"]);
    const timeoutMs = values.timeout === undefined
      ? undefined
      : parseDuration(values.timeout, "--timeout");
    const offline = values.offline ?? false;
    const lesson = await loadLesson(positionals[0], lessonSearchPath(values, io));
    const doc = readDoc(lesson); // a bad doc stops here, before anything runs
    if (doc.regions.length === 0) {
      io.err(
        `run-lesson: note: ${doc.shown} has no step markers, so only its Output blocks are kept: put <!-- step: <step-id> --> where each step's commands go, and docs --update writes them there\n`,
      );
    }
    const prepared = await targetFor(lesson, { offline, keep: false }, io);
    const { value: judgement, interrupted } = await withInterrupt(
      (signal) =>
        judgeRun(
          doc,
          runLesson(lesson, {
            target: prepared.target,
            probes: prepared.probes,
            timeoutMs,
            offline,
            checks: false, // checks read state; the doc shows commands and their output
            signal,
          }),
        ),
      () => prepared.finish(),
    );
    if (interrupted) {
      io.err(
        `run-lesson: interrupted: ${doc.shown} was not ${
          mode === "update" ? "updated" : "checked"
        }\n`,
      );
      return INTERRUPTED_EXIT_CODE;
    }
    const { verdicts, records, commands } = judgement;
    const update = mode === "update" ? updateDoc(doc, verdicts, commands) : undefined;
    const flags = [
      offline ? " --offline" : "",
      values.timeout ? ` --timeout ${values.timeout}` : "",
    ];
    const report = {
      doc,
      verdicts,
      failures: records.failures,
      mode,
      updated: update?.updated ?? 0,
      commands: update === undefined || update.written ? commands.changes : [],
      fix: `run-lesson docs ${positionals[0]} --update${flags.join("")}`,
    } as const;
    await printEvents(io, [{ reporter }], [{ type: "docs:end", report }]);
    if (update?.refused !== undefined) {
      io.err(
        `run-lesson: Cannot update doc "${doc.shown}": ${update.refused}; nothing was written, run the command again\n`,
      );
      return 1;
    }
    const stale = verdicts.some((v) =>
      v.status === "stale" && (mode === "check" || v.unwritable !== undefined)
    );
    const drifted = mode === "check" && commands.changes.length > 0;
    return stale || drifted || records.failures.length > 0 ? 1 : 0;
  },
};
