/**
 * `run-lesson <lesson> --accept`: writes the accepted expectations into the step modules
 * (atomically, only when a file did not change meanwhile) and renders each changed hunk.
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import type { RunEvent } from "../engine/events.ts";
import type { Lesson } from "../lesson/types.ts";
import { ROOT } from "../lesson/load.ts";
import type { Hunk } from "../expect/types.ts";
import { formatDiff } from "../format/diff.ts";
import { type FileSnapshot, snapshotFile, writeIfUnchanged } from "../docs/write_atomic.ts";
import { editStep, type StepEdit } from "./edit_step.ts";
import { oneLine, planAccept } from "./plan_accept.ts";

/** Options for `acceptRun`. */
export interface AcceptOptions {
  /** Print the hunks and write nothing. */
  dryRun?: boolean;
  /** Colour the hunks. */
  color?: boolean;
}

/** What `acceptRun` did. */
export interface AcceptReport {
  /** The text to print (ends with a newline when not empty). */
  text: string;
  /** How many expectations were changed (or would be, with dryRun). */
  accepted: number;
  /** How many failures were left alone. */
  left: number;
}

/** Accepts the outputs of a finished run's failed commands into the lesson's step modules. */
export function acceptRun(
  lesson: Lesson,
  events: Iterable<RunEvent>,
  options: AcceptOptions = {},
): AcceptReport {
  const plan = planAccept(lesson, events);
  const out: string[] = [];
  let accepted = 0;
  let left = plan.notes.length;
  for (const step of plan.steps) {
    const path = isAbsolute(step.file) ? step.file : resolve(ROOT, step.file);
    let snapshot: FileSnapshot;
    try {
      snapshot = snapshotFile(path);
    } catch (error) {
      out.push(`not accepted: ${step.file}: ${(error as Error).message}`);
      left += step.edits.length;
      continue;
    }
    const before = new TextDecoder().decode(snapshot.bytes);
    const edit = editStep(before, path, step.edits);
    for (const s of edit.skipped) {
      out.push(`not accepted: ${step.file}: step "${step.step}" ${s.stream}: ${s.reason}`);
    }
    left += edit.skipped.length;
    if (edit.applied.length === 0) continue;
    out.push(...hunks(lesson, step.step, step.file, before, edit, options));
    if (!options.dryRun) {
      const written = writeIfUnchanged(path, snapshot, new TextEncoder().encode(edit.text));
      if (!written.written) {
        out.push(`not accepted: ${step.file}: ${written.reason}; nothing was written to it`);
        left += edit.applied.length;
        continue;
      }
    }
    accepted += edit.applied.length;
  }
  out.push(...plan.notes);
  const verb = options.dryRun ? "would be accepted (--dry-run: nothing written)" : "accepted";
  if (accepted + left > 0) {
    out.push(
      `${accepted} ${accepted === 1 ? "expectation" : "expectations"} ${verb}` +
        (left > 0 ? `, ${left} left alone` : ""),
    );
  }
  return { text: out.length > 0 ? out.join("\n") + "\n" : "", accepted, left };
}

/** One hunk per changed literal, titled with its file, line, command and stream. */
function hunks(
  lesson: Lesson,
  stepId: string,
  file: string,
  before: string,
  edit: StepEdit,
  options: AcceptOptions,
): string[] {
  const step = lesson.steps.find((s) => s.id === stepId);
  const out: string[] = [];
  let shift = 0; // lines added by the hunks above
  for (const change of edit.applied) {
    const from = before.lastIndexOf("\n", change.start - 1) + 1;
    const next = before.indexOf("\n", change.end);
    const to = next < 0 ? before.length : next;
    const old = before.slice(from, to).split("\n");
    const now = (before.slice(from, change.start) + change.literal + before.slice(change.end, to))
      .split("\n");
    const hunk: Hunk = {
      expectedStart: change.line,
      expected: old,
      actualStart: change.line + shift,
      actual: now,
    };
    shift += now.length - old.length;
    const command = step?.commands[change.index]?.run ?? "";
    const rendered = formatDiff(
      { ok: false, resolved: "", captures: {}, hunks: [hunk] },
      {
        lesson: lesson.id,
        step: stepId,
        command,
        stream: change.stream,
        color: options.color ?? false,
        maxLines: 1000,
      },
    ).split("\n").slice(1); // its title says "differs"; this one says what is accepted
    out.push(
      `${file}:${change.line}: step "${stepId}" command ${change.index} "${
        oneLine(command)
      }": ${change.stream} ${options.dryRun ? "to accept" : "accepted"}`,
      ...rendered,
    );
  }
  return out;
}
