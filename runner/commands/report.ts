/**
 * `run-lesson report merge`: combines the grade results of several shards (or an interrupted
 * run's per-host files) into one set of class reports.
 * @module
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { type GradeReport, gradeReport, type HostResult } from "../../lib/grade/report.ts";
import { parseCommandArgs, showHelp, UsageError } from "../cli_io.ts";
import { readInventory } from "../grade/read_inventory.ts";
import {
  CLASS_FILES,
  readHostResults,
  readReport,
  writeClassReports,
} from "../grade/write_reports.ts";
import type { CliCommand } from "./mod.ts";

const HELP = `Usage: run-lesson report merge --out DIR <results>...

Combines grade results into one set of class reports in DIR: grades.json, junit.xml, grades.tap,
gradebook.csv, report.html and gradescope/<id>/results.json. Each <results> is a grades.json
file, or a results folder of run-lesson grade (its grades.json, or else the per-host files in
its hosts/ folder, as an interrupted run leaves them). Every input must be of the same lesson,
and a student may appear in only one.

Options:
  --out DIR       where the merged reports go (required)
  --hosts FILE    order the students as in this inventory, and list the ones missing
  -h, --help      show this help

Exit codes: 0 merged, 1 merged but some students of --hosts are missing, 2 usage error.
`;

/** The report command. */
export const report: CliCommand = {
  summary: "merge grade results of several shards into one set of reports",
  help: HELP,
  run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      out: { type: "string" },
      hosts: { type: "string" },
    });
    if (values.help) return showHelp(io, HELP);
    const [action, ...inputs] = positionals;
    if (action !== "merge") {
      throw new UsageError(
        action === undefined
          ? "Expected an action: run-lesson report merge --out DIR <results>..."
          : `Unknown action "${action}": run-lesson report merge`,
      );
    }
    if (values.out === undefined) throw new UsageError("Missing --out DIR for the merged reports");
    if (inputs.length === 0) throw new UsageError("Expected at least one grade results input");
    const reports = inputs.flatMap(readInput);
    const first = reports[0];
    const hosts = new Map<string, { host: HostResult; from: string }>();
    const shards = new Set<string>();
    for (const { report: r, from } of reports) {
      if (r.lesson.id !== first.report.lesson.id) {
        throw new UsageError(
          `"${from}" grades lesson "${r.lesson.id}", "${first.from}" grades "${first.report.lesson.id}"`,
        );
      }
      if (JSON.stringify(r.checks) !== JSON.stringify(first.report.checks)) {
        throw new UsageError(
          `"${from}" was graded with other checks than "${first.from}": grade again with one lesson version`,
        );
      }
      for (const s of r.shards ?? []) shards.add(s);
      for (const host of r.hosts) {
        const earlier = hosts.get(host.id);
        if (earlier) {
          throw new UsageError(`Student "${host.id}" is in both "${earlier.from}" and "${from}"`);
        }
        hosts.set(host.id, { host, from });
      }
    }
    let ordered = [...hosts.values()].map((h) => h.host).sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0
    );
    let missing: string[] = [];
    if (values.hosts !== undefined) {
      const inventory = readInventory(values.hosts);
      missing = inventory.filter((h) => !hosts.has(h.id)).map((h) => h.id);
      const position = new Map(inventory.map((h, i) => [h.id, i]));
      ordered = [...ordered].sort((a, b) =>
        (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity)
      );
    }
    const merged = gradeReport(
      first.report.lesson,
      first.report.checks,
      ordered,
      [...shards].sort(),
    );
    writeClassReports(values.out, merged);
    io.out(
      `merged ${reports.length} inputs: ${merged.summary.hosts} students, ${merged.summary.graded} graded, mean ${merged.summary.meanScore}/${merged.maxScore}\nresults: ${
        resolve(values.out)
      }\n`,
    );
    if (missing.length > 0) {
      io.out(`missing from the inputs: ${missing.join(", ")}\n`);
      return Promise.resolve(1);
    }
    return Promise.resolve(0);
  },
};

function readInput(input: string): Array<{ report: GradeReport; from: string }> {
  if (!existsSync(input)) throw new UsageError(`Cannot read "${input}": no such file or folder`);
  const wrap = (file: string) => {
    try {
      return { report: readReport(file), from: file };
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  if (!statSync(input).isDirectory()) return [wrap(input)];
  const classFile = join(input, CLASS_FILES.json);
  if (existsSync(classFile)) return [wrap(classFile)];
  let perHost;
  try {
    perHost = readHostResults(input);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (perHost.size === 0) {
    throw new UsageError(`"${input}" holds no ${CLASS_FILES.json} and no hosts/*.json`);
  }
  return [...perHost.values()].map(({ report, file }) => ({ report, from: file }));
}
