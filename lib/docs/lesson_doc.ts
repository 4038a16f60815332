/**
 * The I/O shell around the pure doc functions: read and link a lesson's doc, judge it against
 * a run's events, and write the updated doc atomically.
 * @module
 */
import { join, relative } from "node:path";
import type { RunEvent } from "../engine/events.ts";
import type { Lesson } from "../lesson/types.ts";
import { ROOT } from "../lesson/load.ts";
import { LessonError } from "../lesson/validate.ts";
import { collectRun, type RunRecords } from "./collect_run.ts";
import { judgeDoc } from "./judge_doc.ts";
import { linkDoc } from "./link_doc.ts";
import { parseMarkdown } from "./parse_markdown.ts";
import { renderDoc, staleReplacements } from "./render_doc.ts";
import type { DocElement, LinkResult, Verdict } from "./types.ts";
import { type FileSnapshot, snapshotFile, writeIfUnchanged } from "./write_atomic.ts";

/** A lesson's doc as read before the run, parsed and linked to the lesson's commands. */
export interface LessonDoc {
  /** Absolute path of the doc. */
  path: string;
  /** The path as messages show it (relative to the repository when inside it). */
  shown: string;
  /** The bytes and metadata read, to refuse a write when the file changed meanwhile. */
  snapshot: FileSnapshot;
  /** The doc's text (strict UTF-8, a byte order mark kept). */
  text: string;
  /** Its block-level elements. */
  elements: DocElement[];
  /** Its command blocks linked to the lesson's commands. */
  linked: LinkResult;
}

/** A doc judged against a run. */
export interface DocJudgement {
  /** One verdict per linked Output block, in document order. */
  verdicts: Verdict[];
  /** What the run did. */
  records: RunRecords;
}

/** The outcome of `updateDoc`. */
export interface DocUpdate {
  /** Whether the file was rewritten. */
  written: boolean;
  /** How many Output blocks were rewritten. */
  updated: number;
  /** Why nothing was written although blocks were stale. */
  refused?: string;
}

/**
 * Reads and links the doc of a lesson (`index.doc`, README.md by default). Throws a
 * LessonError when it is missing, is not UTF-8, or has a marker comment that names no command.
 */
export function readDoc(lesson: Lesson): LessonDoc {
  const path = join(lesson.dir, lesson.index.doc ?? "README.md");
  const fromRoot = relative(ROOT, path);
  const shown = fromRoot.startsWith("..") ? path : fromRoot;
  let snapshot: FileSnapshot;
  try {
    snapshot = snapshotFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new LessonError(
      `Cannot read doc "${shown}": ${
        code === "ENOENT" ? "no such file" : (error as Error).message
      }`,
      { cause: error },
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(snapshot.bytes);
  } catch (error) {
    throw new LessonError(`Cannot read doc "${shown}": it is not valid UTF-8`, { cause: error });
  }
  const elements = parseMarkdown(text);
  const linked = linkDoc(elements, lesson.steps);
  const problem = linked.problems[0];
  if (problem) {
    throw new LessonError(`Cannot link doc "${shown}" line ${problem.line}: ${problem.message}`);
  }
  return { path, shown, snapshot, text, elements, linked };
}

/** Consumes a run's events (passing each to `onEvent`) and judges the doc's Output blocks. */
export async function judgeRun(
  doc: LessonDoc,
  events: AsyncIterable<RunEvent>,
  onEvent?: (event: RunEvent) => void,
): Promise<DocJudgement> {
  const all: RunEvent[] = [];
  for await (const event of events) {
    onEvent?.(event);
    all.push(event);
  }
  const records = collectRun(all);
  return { verdicts: judgeDoc(doc.linked.links, records, { file: doc.shown }), records };
}

/**
 * Rewrites the stale Output blocks that can be written with the real output, atomically, and
 * only when the file is still as it was read. Writes nothing when no block is stale.
 */
export function updateDoc(doc: LessonDoc, verdicts: readonly Verdict[]): DocUpdate {
  const replacements = staleReplacements(verdicts);
  const text = renderDoc(doc.text, replacements);
  if (text === doc.text) return { written: false, updated: 0 };
  const result = writeIfUnchanged(doc.path, doc.snapshot, new TextEncoder().encode(text));
  if (!result.written) return { written: false, updated: 0, refused: result.reason };
  return { written: true, updated: replacements.length };
}
