/**
 * The I/O shell around the pure doc functions: read and link a lesson's doc, judge it against
 * a run's events, and write the updated doc atomically.
 * @module
 */
import { join, relative } from "node:path";
import type { RunEvent } from "../engine/events.ts";
import type { Capture } from "../expect/types.ts";
import type { Lesson } from "../lesson/types.ts";
import { ROOT } from "../lesson/load.ts";
import { LessonError } from "../lesson/validate.ts";
import { collectRun, type RunRecords } from "./collect_run.ts";
import { judgeDoc } from "./judge_doc.ts";
import { linkDoc } from "./link_doc.ts";
import { parseMarkdown } from "./parse_markdown.ts";
import { staleReplacements } from "./render_doc.ts";
import { applyEdits, replacementEdits } from "./apply_edits.ts";
import { type DocStyle, docStyle } from "./doc_style.ts";
import { linkRegions, type RegionLinks } from "./link_regions.ts";
import { type CommandPlan, planCommands } from "./plan_commands.ts";
import { stepRegions } from "./step_regions.ts";
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
  /** Its step regions (`<!-- step: id -->`), whose commands are rendered from the steps. */
  regions: RegionLinks[];
  /** How it writes its blocks. */
  style: DocStyle;
}

/** A doc judged against a run. */
export interface DocJudgement {
  /** One verdict per linked Output block, in document order. */
  verdicts: Verdict[];
  /** What the run did. */
  records: RunRecords;
  /** The changes of the command blocks in the step regions. */
  commands: CommandPlan;
}

/** The outcome of `updateDoc`. */
export interface DocUpdate {
  /** Whether the file was rewritten. */
  written: boolean;
  /** How many Output blocks were rewritten. */
  updated: number;
  /** How many command changes were written. */
  commands: number;
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
  const marked = stepRegions(elements, text, lesson.steps);
  const linked = marked.regions.length > 0
    ? linkRegions(elements, lesson.steps, marked.regions)
    : { ...linkDoc(elements, lesson.steps), regions: [] };
  const problem = [...marked.problems, ...linked.problems].sort((a, b) => a.line - b.line)[0];
  if (problem) {
    throw new LessonError(`Cannot link doc "${shown}" line ${problem.line}: ${problem.message}`);
  }
  const { regions, ...links } = linked;
  return {
    path,
    shown,
    snapshot,
    text,
    elements,
    linked: links,
    regions,
    style: docStyle(elements, text),
  };
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
  const bound: Record<string, Capture> = {};
  const verdicts = judgeDoc(doc.linked.links, records, { file: doc.shown, bound });
  const commands = planCommands({
    source: doc.text,
    elements: doc.elements,
    regions: doc.regions,
    records,
    captures: bound,
    style: doc.style,
  });
  return { verdicts, records, commands };
}

/**
 * Rewrites the stale Output blocks that can be written with the real output, and makes the
 * command changes of the step regions, atomically, and only when the file is still as it was
 * read. Writes nothing when nothing is stale.
 */
export function updateDoc(
  doc: LessonDoc,
  verdicts: readonly Verdict[],
  commands?: CommandPlan,
): DocUpdate {
  const replacements = staleReplacements(verdicts);
  const text = applyEdits(doc.text, [
    ...replacementEdits(replacements),
    ...(commands?.edits ?? []),
  ]);
  if (text === doc.text) return { written: false, updated: 0, commands: 0 };
  const result = writeIfUnchanged(doc.path, doc.snapshot, new TextEncoder().encode(text));
  if (!result.written) {
    return { written: false, updated: 0, commands: 0, refused: result.reason };
  }
  return { written: true, updated: replacements.length, commands: commands?.changes.length ?? 0 };
}
