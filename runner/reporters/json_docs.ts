/**
 * The JSON document of `run-lesson docs`: the doc's verdict, block by block (see README,
 * "Reporters").
 * @module
 */
import { countVerdicts } from "../../lib/docs/format_docs_report.ts";
import type { DocsReportInput } from "../../lib/docs/format_docs_report.ts";

/** The document `--reporter json` prints for `run-lesson docs`. */
export interface DocsJson {
  /** The doc, as shown to the user. */
  doc: string;
  /** `check` or `update`. */
  mode: "check" | "update";
  /** `fresh`, `stale` (check), `updated`, or `failed` when a command failed. */
  status: "fresh" | "stale" | "updated" | "failed";
  /** Blocks fresh, stale, not compared, and command blocks no step runs. */
  counts: ReturnType<typeof countVerdicts>;
  /** How many blocks were rewritten. */
  updated: number;
  /** One entry per Output block. */
  blocks: Array<{
    line: number;
    step: string;
    index: number;
    command: string;
    stream: "stdout" | "stderr";
    status: "fresh" | "stale" | "not-compared" | "failed";
    reason?: string;
    actual?: string;
  }>;
  /** Commands that failed or could not run. */
  failures: Array<{ step: string; index: number; command: string; reason: string }>;
  /** The command that rewrites the stale blocks. */
  fix: string;
  /** Command blocks of the step regions that differ from the steps (present when any do). */
  commands?: Array<{
    kind: "changed" | "missing" | "removed" | "renumbered";
    line: number;
    step: string;
    index?: number;
    command?: string;
    was?: string;
  }>;
}

/** Builds the JSON document of a docs report. */
export function docsJson(input: DocsReportInput): DocsJson {
  const counts = countVerdicts(input.verdicts, input.doc.linked.unlinked.length);
  const updated = input.updated ?? 0;
  const status = input.failures.length > 0
    ? "failed"
    : updated > 0 || (input.mode === "update" && (input.commands?.length ?? 0) > 0)
    ? "updated"
    : counts.stale > 0 || (input.mode === "check" && (input.commands?.length ?? 0) > 0)
    ? "stale"
    : "fresh";
  return {
    doc: input.doc.shown,
    mode: input.mode,
    status,
    counts,
    updated,
    blocks: input.verdicts.map((v) => ({
      line: v.link.output.block.line,
      step: v.link.step,
      index: v.link.index,
      command: v.link.command.run,
      stream: v.link.output.stream,
      status: v.status,
      ...(v.status === "stale" ? { reason: v.unwritable ?? v.reason, actual: v.actual } : {}),
      ...(v.status === "not-compared" ? { reason: v.reason } : {}),
    })),
    failures: input.failures.map(({ step, outcome }) => ({
      step,
      index: outcome.index,
      command: outcome.command,
      reason: outcome.reason ?? outcome.status,
    })),
    fix: input.fix,
    ...(input.commands?.length ? { commands: input.commands.map((c) => ({ ...c })) } : {}),
  };
}
