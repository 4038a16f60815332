/**
 * `run-lesson grade <lesson> --hosts <inventory>`: runs the lesson's read-only checks on every
 * student host over SSH, scores them, and writes each host's result as soon as it is graded,
 * then the class exports.
 * @module
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { StudentHost } from "../../lib/grade/inventory.ts";
import { checkColumns, gradeReport, type HostResult } from "../../lib/grade/report.ts";
import { parseShard, shardOf } from "../../lib/grade/shard.ts";
import { selectChecks } from "../../lib/engine/select_checks.ts";
import { loadLesson } from "../../lib/lesson/load.ts";
import {
  LESSON_OPTIONS,
  lessonSearchPath,
  parseCommandArgs,
  showHelp,
  UsageError,
} from "../cli_io.ts";
import { parseDuration } from "../duration.ts";
import { gradeClass } from "../grade/grade_class.ts";
import { readInventory } from "../grade/read_inventory.ts";
import { INTERRUPTED_EXIT_CODE, withInterrupt } from "../interrupt.ts";
import { printWhile } from "../print_events.ts";
import { chooseReporter } from "../reporters/mod.ts";
import { progress } from "../reporters/progress.ts";
import {
  CLASS_FILES,
  readHostResults,
  writeClassReports,
  writeHostResult,
} from "../grade/write_reports.ts";
import type { CliCommand } from "./mod.ts";

const HELP = `Usage: run-lesson grade <lesson> --hosts <inventory> [options]

Runs the lesson's checks on every student host over SSH and scores them. Nothing on a student
host is changed: no lesson step runs there, and the few probe containers a check needs are
labelled and removed. A host that cannot be graded (unreachable, auth-failed, hostkey-mismatch,
hostkey-unknown, timeout, error) scores zero with the reason and never affects another host.

The inventory is CSV with the header id,host,port,user,identity_file[,host_key] or the same
fields in YAML. host_key pins the host's key (known_hosts format); otherwise known_hosts is used.
Key passphrases come from RUN_LESSON_SSH_PASSPHRASE, never from the command line.

Each host's result is written to OUT/hosts/<id>.json as soon as it is graded; at the end OUT gets
grades.json, junit.xml, grades.tap, gradebook.csv, report.html and gradescope/<id>/results.json.

Options:
  --hosts FILE            the class inventory (required)
  --step STEP             grade only this step's checks
  --upto STEP             grade the checks of this step and of the steps before it (earlier
                          checks these need run too, unscored); use the same choice with
                          --resume
  --out DIR               where results go (default grades/<lesson>)
  --jobs N                hosts graded at once (default 16)
  --shard K/N             grade only shard K of N (split by student id, stable)
  --resume                keep the results already in OUT and grade only the other hosts
  --overwrite             replace the results already in OUT
  --known-hosts FILE      known_hosts file for hosts without host_key (repeatable)
  --accept-new-host-keys  trust host keys seen for the first time and record them
  --timeout DURATION      time limit per check (default 60s)
  --host-timeout DURATION time limit per host, connecting included (default 5m)
  --evidence              keep what the probes saw in the JSON (it can show the checks' commands)
  --reporter NAME         what stdout shows at the end: pretty (default, a summary), json
                          (grades.json's document), tap or junit (the class as in grades.tap,
                          junit.xml); the progress of each host goes to stderr
  --lessons DIR           also look up lesson ids in DIR (repeatable; see RUN_LESSON_PATH)
  -h, --help              show this help

Exit codes: 0 every host was graded, 1 some host could not be, 2 usage or lesson error,
130 interrupted (the hosts graded so far are kept).
`;

/** The grade command. */
export const grade: CliCommand = {
  summary: "grade a class of student hosts over SSH (changes nothing on them)",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...LESSON_OPTIONS,
      hosts: { type: "string" },
      out: { type: "string" },
      jobs: { type: "string" },
      shard: { type: "string" },
      resume: { type: "boolean" },
      overwrite: { type: "boolean" },
      "known-hosts": { type: "string", multiple: true },
      "accept-new-host-keys": { type: "boolean" },
      timeout: { type: "string" },
      "host-timeout": { type: "string" },
      evidence: { type: "boolean" },
      reporter: { type: "string" },
      step: { type: "string" },
      upto: { type: "string" },
    });
    if (values.help) return showHelp(io, HELP);
    if (positionals.length !== 1) {
      throw new UsageError("Expected one lesson: run-lesson grade <lesson> --hosts <inventory>");
    }
    if (values.hosts === undefined) {
      throw new UsageError("Missing --hosts <inventory>: a CSV or YAML file of student hosts");
    }
    if (values.resume && values.overwrite) {
      throw new UsageError("Use --resume or --overwrite, not both");
    }
    const reporter = chooseReporter(values.reporter);
    const jobs = values.jobs === undefined ? 16 : Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 1000) {
      throw new UsageError(`Invalid value for --jobs: "${values.jobs}": use a whole number 1-1000`);
    }
    const checkTimeoutMs = values.timeout === undefined
      ? 60_000
      : parseDuration(values.timeout, "--timeout");
    const hostTimeoutMs = values["host-timeout"] === undefined
      ? 300_000
      : parseDuration(values["host-timeout"], "--host-timeout");
    const shard = values.shard === undefined ? undefined : parseShard(values.shard);
    let hosts = readInventory(values.hosts);
    if (shard) hosts = shardOf(hosts, shard.index, shard.count);
    const lesson = await loadLesson(positionals[0], lessonSearchPath(values, io));
    if (values.step !== undefined && values.upto !== undefined) {
      throw new UsageError("Use --step or --upto, not both");
    }
    let selected;
    try {
      selected = selectChecks(lesson, { step: values.step, upto: values.upto });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const checks = selected.scored;
    if (checks.length === 0) {
      const which = values.step !== undefined
        ? `Step "${values.step}" of lesson "${lesson.id}" has`
        : values.upto !== undefined
        ? `The steps up to "${values.upto}" of lesson "${lesson.id}" have`
        : `Lesson "${lesson.id}" has`;
      throw new UsageError(`${which} no checks to grade`);
    }
    const out = values.out ?? join("grades", lesson.id);

    const kept = prepareOut(out, lesson.id, values.resume === true, values.overwrite === true);
    const lessonInfo = { id: lesson.id, title: lesson.index.title };
    const shards = shard ? [`${shard.index}/${shard.count}`] : undefined;
    const empty = gradeReport(lessonInfo, checkColumns(checks), [], shards);
    const todo = hosts.filter((h) => !kept.has(h.id));
    if (kept.size > 0) {
      io.err(`run-lesson: resuming: ${kept.size} hosts already graded in ${out}\n`);
    }

    const started = performance.now();
    const elapsedMs = () => performance.now() - started;
    const done = new Map<string, HostResult>();
    const outputs = [{ reporter: progress, stream: "err" as const }, { reporter }];
    const { value: graded, interrupted } = await withInterrupt((signal) =>
      printWhile(io, outputs, async (emit) => {
        emit({
          type: "grade:start",
          lesson: lesson.id,
          title: lesson.index.title,
          hosts: todo.length,
          kept: kept.size,
        });
        // On a terminal the status line's clock (on stderr) moves while hosts run.
        const timer = io.errIsTTY === true && todo.length > 0
          ? setInterval(() => emit({ type: "grade:tick", elapsedMs: elapsedMs() }), 250)
          : undefined;
        timer?.unref?.();
        let notDone: StudentHost[];
        try {
          const run = await gradeClass({
            lesson,
            checks: selected,
            hosts: todo,
            jobs,
            checkTimeoutMs,
            hostTimeoutMs,
            knownHostsFiles: values["known-hosts"],
            acceptNewHostKeys: values["accept-new-host-keys"] === true,
            keepEvidence: values.evidence === true,
            signal,
            onStart: (host) =>
              emit({ type: "grade:host-start", host: host.id, elapsedMs: elapsedMs() }),
            onDone: (result) => {
              writeHostResult(out, empty, result);
              done.set(result.id, result);
              emit({ type: "grade:host-end", result, elapsedMs: elapsedMs() });
            },
          });
          notDone = run.interrupted;
        } finally {
          if (timer) clearInterval(timer);
        }
        // Inventory order; results kept from an earlier run included.
        const results = hosts.flatMap((h) => done.get(h.id) ?? kept.get(h.id) ?? []);
        const report = gradeReport(lessonInfo, checkColumns(checks), results, shards);
        writeClassReports(out, report);
        emit({
          type: "grade:end",
          report,
          hosts: hosts.length,
          out: resolve(out),
          interrupted: notDone.map((h) => h.id),
        });
        return { results: report.hosts, notDone };
      })
    );
    if (interrupted) {
      io.err(
        `run-lesson: interrupted: ${graded.notDone.length} hosts not graded; ` +
          `run again with --resume to grade them\n`,
      );
      return INTERRUPTED_EXIT_CODE;
    }
    const notGraded = graded.results.filter((r) => r.status !== "graded");
    return notGraded.length > 0 ? 1 : 0;
  },
};

/**
 * Readies the output folder: results already there are kept with --resume, removed with
 * --overwrite, and otherwise refused, so that no earlier grading is lost by mistake.
 */
function prepareOut(
  out: string,
  lessonId: string,
  resume: boolean,
  overwrite: boolean,
): Map<string, HostResult> {
  const existing = readHostResults(out);
  const hasClassFiles = existsSync(join(out, CLASS_FILES.json));
  if (existing.size === 0 && !hasClassFiles) return new Map();
  for (const { report, file } of existing.values()) {
    if (report.lesson.id !== lessonId) {
      throw new UsageError(
        `"${out}" holds results of lesson "${report.lesson.id}" (${file}): choose another --out`,
      );
    }
  }
  if (overwrite) {
    for (const name of readdirSync(out)) {
      if (["hosts", "gradescope", ...Object.values(CLASS_FILES)].includes(name)) {
        rmSync(join(out, name), { recursive: true, force: true });
      }
    }
    return new Map();
  }
  if (!resume) {
    throw new UsageError(
      `"${out}" already holds grade results: use --resume to grade only the missing hosts, or --overwrite`,
    );
  }
  return new Map([...existing].map(([id, { report }]) => [id, report.hosts[0]]));
}
