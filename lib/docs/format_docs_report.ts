/**
 * The text `run-lesson docs` prints: warnings, each block that is stale, updated, not
 * compared or failed, a diff per stale block, the summary line and the fix.
 * @module
 */
import { structuredPatch } from "diff";
import type { StepOutcome } from "./collect_run.ts";
import type { LessonDoc } from "./lesson_doc.ts";
import type { CommandChange } from "./plan_commands.ts";
import type { Verdict } from "./types.ts";

/** What the report is about. */
export interface DocsReportInput {
  /** The doc, as read and linked. */
  doc: Pick<LessonDoc, "shown" | "linked">;
  /** One verdict per linked Output block. */
  verdicts: readonly Verdict[];
  /** Commands that failed or could not run. */
  failures: readonly StepOutcome[];
  /** Whether stale blocks were reported (check) or rewritten (update). */
  mode: "check" | "update";
  /** How many blocks were rewritten (update mode); stale blocks read "updated" when > 0. */
  updated?: number;
  /** The command blocks of the step regions that differ from the steps (or were rewritten). */
  commands?: readonly CommandChange[];
  /** The command that rewrites the stale blocks, printed after a failed check. */
  fix: string;
}

/** Counts of a report's summary line. */
export interface DocsCounts {
  /** Blocks that satisfied their expectation. */
  fresh: number;
  /** Blocks that did not. */
  stale: number;
  /** Blocks not compared (abridged, skipped, failed command, no closing fence). */
  notCompared: number;
  /** Command blocks no step runs. */
  unlinked: number;
}

/** Counts the verdicts for the summary line. */
export function countVerdicts(verdicts: readonly Verdict[], unlinked: number): DocsCounts {
  const count = (status: Verdict["status"]) => verdicts.filter((v) => v.status === status).length;
  return {
    fresh: count("fresh"),
    stale: count("stale"),
    notCompared: count("not-compared") + count("failed"),
    unlinked,
  };
}

/** Renders the report; it ends with a newline. */
export function formatDocsReport(input: DocsReportInput): string {
  const { doc, verdicts, mode } = input;
  const out: string[] = [];
  for (const block of doc.linked.unlinked) {
    out.push(
      `warning: ${doc.shown}:${block.line}: command block "${
        oneLine(block.text)
      }" is run by no step`,
    );
  }
  for (const c of doc.linked.undocumented) {
    out.push(
      `warning: step "${c.step}" command ${c.index} "${
        oneLine(c.command.run)
      }" is shown by no command block`,
    );
  }
  for (const change of input.commands ?? []) out.push(commandLine(change, doc.shown, mode));
  for (const { step, outcome } of input.failures) {
    out.push(
      `failed: step "${step}" command ${outcome.index} "${oneLine(outcome.command)}": ${
        outcome.reason ?? outcome.status
      }`,
    );
  }
  for (const v of verdicts) {
    const where =
      `${doc.shown}:${v.link.output.block.line} step "${v.link.step}" command ${v.link.index} "${
        oneLine(v.link.command.run)
      }" (${v.link.output.stream})`;
    if (v.status === "not-compared") out.push(`not compared (${v.reason}): ${where}`);
    else if (v.status === "failed") out.push(`not compared (the command failed): ${where}`);
    else if (v.status === "stale") {
      const label = v.unwritable !== undefined
        ? "stale, cannot update"
        : mode === "update" && (input.updated ?? 0) > 0
        ? "updated"
        : "stale";
      out.push(`${label}: ${where}`);
      out.push(`  ${v.unwritable ?? v.reason}`);
      out.push(...blockDiff(v.link.output.block.text, v.actual, v.link.output.stream));
    }
  }
  const counts = countVerdicts(verdicts, doc.linked.unlinked.length);
  const changed = mode === "update" ? `${input.updated ?? 0} updated` : `${counts.stale} stale`;
  const commands = input.commands?.length ?? 0;
  const commandCount = commands === 0
    ? ""
    : `, ${commands} ${commands === 1 ? "command" : "commands"} ${
      mode === "update" ? "written" : "out of date"
    }`;
  if (out.length > 0) out.push("");
  out.push(
    `${doc.shown}: ${counts.fresh} blocks fresh, ${changed}, ${counts.notCompared} not compared, ${counts.unlinked} unlinked${commandCount}`,
  );
  if (input.failures.length > 0) {
    out.push(
      `The doc cannot be verified while ${
        input.failures.length === 1 ? "a command fails" : `${input.failures.length} commands fail`
      }: make the lesson pass first (run-lesson run shows why).`,
    );
  }
  if (mode === "check" && (counts.stale > 0 || commands > 0)) {
    out.push(`To update the doc, run: ${input.fix}`);
  }
  return out.join("\n") + "\n";
}

/** One line for a command change: what differs (check) or what was written (update). */
function commandLine(change: CommandChange, shown: string, mode: "check" | "update"): string {
  const where = `${shown}:${change.line} step "${change.step}"`;
  const command = `command ${change.index} "${oneLine(change.command ?? "")}"`;
  const was = `"${oneLine(change.was ?? "")}"`;
  switch (change.kind) {
    case "changed":
      return mode === "update"
        ? `command rewritten: ${where} ${command} (it showed ${was})`
        : `command differs: ${where} ${command}: the doc shows ${was}`;
    case "missing":
      return mode === "update"
        ? `command added: ${where} ${command}`
        : `command missing: ${where} ${command} is not in the doc`;
    case "renumbered":
      return `marker renumbered: ${where} ${command}: the doc's marker was ${change.was}`;
    case "removed":
      return mode === "update"
        ? `command removed: ${where}: ${was}, which the step does not run`
        : `command not in the step: ${where}: the doc shows ${was}, which the step does not run`;
  }
}

/** A unified diff of a block's text (`-`, the doc) against the real output (`+`). */
function blockDiff(doc: string, real: string, stream: string): string[] {
  const patch = structuredPatch("doc", stream, lines(doc), lines(real), undefined, undefined, {
    context: 2,
  });
  const out = [`  --- doc`, `  +++ real ${stream}`];
  for (const hunk of patch.hunks) {
    out.push(`  @@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    for (const line of hunk.lines) out.push(`  ${line}`);
  }
  return out;
}

function lines(text: string): string {
  return text === "" ? "" : text.replace(/\r\n?/g, "\n") + "\n";
}

/** A command on one line: continuation lines joined. */
function oneLine(command: string): string {
  return command.replace(/\s*\\?\r?\n\s*/g, " ").trim();
}
