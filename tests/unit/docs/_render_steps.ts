/**
 * Renders a doc from steps and a made-up run, as `docs --update` does, for the unit tests.
 * @module
 */
import type { CommandOutcome } from "../../../lib/engine/events.ts";
import type { Command, Step } from "../../../lib/lesson/types.ts";
import type { Capture } from "../../../lib/expect/types.ts";
import {
  applyEdits,
  type CommandChange,
  docStyle,
  judgeDoc,
  linkRegions,
  parseMarkdown,
  planCommands,
  replacementEdits,
  type RunRecords,
  staleReplacements,
  stepRegions,
} from "../../../lib/docs/mod.ts";

/** What a made-up command printed. */
export interface Printed {
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  stopped?: boolean;
  /** The command after substitution, when it has references. */
  ran?: string;
}

/** A step with these commands. */
export function step(id: string, ...commands: Command[]): Step {
  return { id, title: id, commands };
}

/** A run in which every command passed and printed what `printed` says (nothing by default). */
export function run(
  steps: readonly Step[],
  printed: Record<string, Printed> = {},
  types: Record<string, string> = {},
): RunRecords {
  const outcomes = new Map<string, CommandOutcome>();
  for (const s of steps) {
    s.commands.forEach((command, index) => {
      const p = printed[`${s.id}#${index}`] ?? {};
      outcomes.set(`${s.id}#${index}`, {
        index,
        command: command.run,
        ran: p.ran ?? command.run,
        status: "passed",
        comparisons: [],
        result: {
          stdout: p.stdout ?? "",
          stderr: p.stderr ?? "",
          exitCode: p.exitCode ?? 0,
          durationMs: 1,
          timedOut: false,
          stopped: p.stopped ?? false,
        },
      });
    });
  }
  return { outcomes, types, failures: [] };
}

/** The doc after an update, and the command changes the update made. */
export function render(
  doc: string,
  steps: readonly Step[],
  records: RunRecords = run(steps),
): { text: string; changes: CommandChange[] } {
  const elements = parseMarkdown(doc);
  const marked = stepRegions(elements, doc, steps);
  if (marked.problems.length > 0) throw new Error(marked.problems[0].message);
  const linked = linkRegions(elements, steps, marked.regions);
  const bound: Record<string, Capture> = {};
  const verdicts = judgeDoc(linked.links, records, { bound });
  const plan = planCommands({
    source: doc,
    elements,
    regions: linked.regions,
    records,
    captures: bound,
    style: docStyle(elements, doc),
  });
  const text = applyEdits(doc, [
    ...replacementEdits(staleReplacements(verdicts)),
    ...plan.edits,
  ]);
  return { text, changes: plan.changes };
}
