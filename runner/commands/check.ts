/**
 * `run-lesson check <lesson>`: the learner's self-check. Runs only the lesson's read-only
 * checks against the current state of the target and shows a hint for each one that fails.
 * @module
 */
import { runChecks } from "../../lib/engine/selftest_run.ts";
import { lessonChecks, loadLesson } from "../../lib/lesson/load.ts";
import { parseCommandArgs, showHelp, UsageError } from "../cli_io.ts";
import { parseDuration } from "../duration.ts";
import { palette, useColor } from "../reporters/_color.ts";
import { targetFor } from "../targets.ts";
import { sshChoice, TARGET_OPTIONS } from "../target_options.ts";
import type { CliCommand } from "./mod.ts";

const HELP = `Usage: run-lesson check <lesson> [options]

Checks the state you built while following the lesson (networks, containers, names, services)
without changing anything, scores it, and shows a hint for each check that fails.

Options:
  --target TARGET       where to check: local (default) or ssh://user@host[:port]
  --identity FILE       SSH private key
  --known-hosts FILE    known_hosts file to verify host keys against (repeatable)
  --accept-new-host-keys  trust a host key seen for the first time and record it
  --json                print the outcomes as JSON instead
  --timeout DURATION    time limit per check (default 60s)
  -h, --help            show this help

Exit codes: 0 every check passed, 1 some did not, 2 usage or lesson error.
`;

/** The check command. */
export const check: CliCommand = {
  summary: "check your own work on a lesson, with hints (changes nothing)",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...TARGET_OPTIONS,
      json: { type: "boolean" },
      timeout: { type: "string" },
    });
    if (values.help) return showHelp(io, HELP);
    if (positionals.length !== 1) {
      throw new UsageError("Expected one lesson: run-lesson check <lesson>");
    }
    const timeoutMs = values.timeout === undefined
      ? 60_000
      : parseDuration(values.timeout, "--timeout");
    const lesson = await loadLesson(positionals[0]);
    const checks = lessonChecks(lesson);
    // Read-only: nothing is pulled, built, copied or removed; only the labelled probe
    // containers of the checks come and go.
    const prepared = await targetFor(
      lesson,
      { offline: true, keep: true, readOnly: true, ...sshChoice(values) },
      io,
    );
    let outcomes;
    try {
      outcomes = await runChecks(checks, prepared.target, prepared.probes, {}, timeoutMs);
    } finally {
      await prepared.finish();
    }
    const score = outcomes.reduce((sum, o) => sum + o.points, 0);
    const max = outcomes.reduce((sum, o) => sum + o.maxPoints, 0);
    const failed = outcomes.filter((o) => o.status !== "pass").length;
    if (values.json) {
      io.out(
        `${
          JSON.stringify({ lesson: lesson.id, score, maxScore: max, checks: outcomes }, null, 2)
        }\n`,
      );
      return failed > 0 ? 1 : 0;
    }
    const c = palette(useColor(io.isTTY, io.env));
    io.out(`${c.bold(lesson.index.title)} ${c.dim(`(${prepared.target.name})`)}\n`);
    for (const o of outcomes) {
      const points = c.dim(`${o.points}/${o.maxPoints}`);
      if (o.status === "pass") {
        io.out(`${c.green("✔")} ${o.title} ${points}\n`);
      } else {
        io.out(`${c.red("✖")} ${o.title} ${points}${o.message ? `: ${o.message}` : ""}\n`);
        io.out(`    ${c.yellow("hint:")} ${o.hint}\n`);
      }
    }
    io.out(`score ${score}/${max}\n${outcomes.length - failed} passed, ${failed} failed\n`);
    return failed > 0 ? 1 : 0;
  },
};
