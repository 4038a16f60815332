/**
 * Docs that stay true: parse a lesson's markdown, link its command blocks to the lesson's
 * commands, judge its Output blocks against a real run, and rewrite only the stale ones; where
 * the doc has step markers (`<!-- step: id -->`), write each step's commands from the step.
 * @module
 */

export type * from "./types.ts";
export { parseMarkdown } from "./parse_markdown.ts";
export {
  COMMAND_INFOS,
  commandShows,
  commandText,
  hasReferences,
  infoWord,
  normalizeCommand,
} from "./command_text.ts";
export { linkDoc, outputAfter } from "./link_doc.ts";
export { stepMarkerId, type StepRegion, type StepRegions, stepRegions } from "./step_regions.ts";
export {
  linkRegions,
  type MarkerFix,
  type RegionLinkResult,
  type RegionLinks,
} from "./link_regions.ts";
export { type DocStyle, docStyle, type FenceStyle, shownOutput } from "./doc_style.ts";
export {
  type CommandChange,
  type CommandPlan,
  type Edit,
  planCommands,
  type PlanInput,
} from "./plan_commands.ts";
export { applyEdits, replacementEdits } from "./apply_edits.ts";
export { collectRun, commandKey, type RunRecords, type StepOutcome } from "./collect_run.ts";
export { judgeDoc, type JudgeOptions } from "./judge_doc.ts";
export { blockContent, renderDoc, type Replacement, staleReplacements } from "./render_doc.ts";
export {
  countVerdicts,
  type DocsCounts,
  type DocsReportInput,
  formatDocsReport,
} from "./format_docs_report.ts";
export {
  type FileSnapshot,
  snapshotFile,
  writeIfUnchanged,
  type WriteResult,
} from "./write_atomic.ts";
export {
  type DocJudgement,
  type DocUpdate,
  judgeRun,
  type LessonDoc,
  readDoc,
  updateDoc,
} from "./lesson_doc.ts";
