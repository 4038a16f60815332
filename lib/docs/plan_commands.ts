/**
 * Renders the command blocks of a doc with step markers from the steps: in each step's region,
 * a command block that shows another text is rewritten, a step command the region does not
 * show is written after the command before it, and a command block no command of the step
 * runs is removed (with its Output block). Prose is never touched.
 * @module
 */
import type { Command } from "../lesson/types.ts";
import { normalize, substitute } from "../expect/mod.ts";
import type { Capture } from "../expect/types.ts";
import { commandKey, type RunRecords } from "./collect_run.ts";
import { commandShows, commandText, hasReferences, infoWord } from "./command_text.ts";
import { outputAfter } from "./link_doc.ts";
import { withDocValues } from "./_doc_values.ts";
import type { RegionLinks } from "./link_regions.ts";
import { blockContent } from "./render_doc.ts";
import { commandContent, type DocStyle, groupLines, prefixed, shownOutput } from "./doc_style.ts";
import type { DocElement, FencedBlock } from "./types.ts";

/** One change of the doc's command blocks. */
export interface CommandChange {
  /**
   * changed: the block shows another text; missing: not shown; removed: run by no command;
   * renumbered: a `run-lesson:` marker named another index of the command its block shows.
   */
  kind: "changed" | "missing" | "removed" | "renumbered";
  /** The step whose region it is in. */
  step: string;
  /** The command's 0-based index in the step (absent for removed). */
  index?: number;
  /** The text the doc shows after the change (absent for removed). */
  command?: string;
  /** The text the doc showed before (absent for missing; the old marker when renumbered). */
  was?: string;
  /** 1-based line of the block (changed, removed) or of the text it goes before (missing). */
  line: number;
}

/** A replacement of `source.slice(start, end)` by `text`. */
export interface Edit {
  /** Offset of the first replaced code unit. */
  start: number;
  /** Offset after the last replaced code unit (equal to start for an insertion). */
  end: number;
  /** The new text. */
  text: string;
}

/** What `planCommands` returns: the changes, and the edits that make them. */
export interface CommandPlan {
  /** The changes, in document order. */
  changes: CommandChange[];
  /** The edits, unordered and never overlapping. */
  edits: Edit[];
}

/** What `planCommands` needs. */
export interface PlanInput {
  /** The doc's text. */
  source: string;
  /** Its elements. */
  elements: readonly DocElement[];
  /** Each step region with its links. */
  regions: readonly RegionLinks[];
  /** The run: the commands' outputs and the captures' types. */
  records: RunRecords;
  /** The values the doc's Output blocks show, put into commands before this run's. */
  captures?: Readonly<Record<string, Capture>>;
  /** How the doc writes its blocks. */
  style: DocStyle;
}

interface Item {
  block: FencedBlock;
  el: number;
  index?: number;
}

/** Plans the command edits of every step region (see the module comment). */
export function planCommands(input: PlanInput): CommandPlan {
  const changes: CommandChange[] = [];
  const edits: Edit[] = [];
  const inserts = new Map<
    number,
    { prefix: string; groups: { index: number; lines: string[] }[] }
  >();
  const { source, elements, records, style } = input;
  const lineAt = (offset: number) => source.slice(0, offset).split(/\r\n|\r|\n/).length;
  for (const { region, links, unlinked, undocumented, fixes } of input.regions) {
    const step = region.step.id;
    for (const fix of fixes) {
      const old = `${step}#${fix.from}`;
      const now = `${step}#${fix.to}`;
      edits.push({
        start: fix.marker.start,
        end: fix.marker.end,
        text: source.slice(fix.marker.start, fix.marker.end).replace(old, now),
      });
      changes.push({
        kind: "renumbered",
        step,
        index: fix.to,
        command: region.step.commands[fix.to].run,
        was: `<!-- run-lesson: ${old} -->`,
        line: fix.marker.line,
      });
    }
    const items: Item[] = [
      ...links.map((l) => ({ block: l.block, el: elements.indexOf(l.block), index: l.index })),
      ...unlinked.map((block) => ({ block, el: elements.indexOf(block) })),
    ].sort((a, b) => a.el - b.el);
    const dropped = new Set<number>(); // items whose Output block is removed
    const outputOf = (k: number) =>
      dropped.has(k)
        ? undefined
        : outputAfter(elements, items[k].el, items[k + 1]?.el ?? region.to);
    const ran = (index: number) => records.outcomes.get(commandKey(step, index));
    const inDoc = (real: string, command: Command, stream: "stdout" | "stderr") =>
      withDocValues(real, command, stream, input.captures ?? {}, records.types);
    const shown = (command: Command, index: number) => {
      if (!hasReferences(command.run)) return command.run;
      try {
        return substitute(command.run, input.captures ?? {});
      } catch {
        return ran(index)?.ran ?? command.run; // a value the doc does not show
      }
    };

    for (const link of links) {
      if (commandShows(link.block, link.command.run, records.types)) continue;
      const text = shown(link.command, link.index);
      changes.push({
        kind: "changed",
        step,
        index: link.index,
        command: text,
        was: commandText(link.block),
        line: link.block.line,
      });
      if (link.block.closed) edits.push(rewriteCommand(link.block, text));
    }
    for (const missing of [...undocumented].sort((a, b) => a.index - b.index)) {
      let a = 0;
      items.forEach((item, k) => {
        if (item.index !== undefined && item.index < missing.index) a = k + 1;
      });
      let b = a;
      while (
        b < items.length && !(items[b].index !== undefined && items[b].index! > missing.index)
      ) {
        b++;
      }
      const text = shown(missing.command, missing.index);
      const marker = hasReferences(missing.command.run)
        ? `<!-- run-lesson: ${step}#${missing.index} -->`
        : undefined;
      const free = items.findIndex((item, k) => k >= a && k < b && item.index === undefined);
      if (free >= 0) {
        const item = items[free];
        item.index = missing.index;
        changes.push({
          kind: "changed",
          step,
          index: missing.index,
          command: text,
          was: commandText(item.block),
          line: item.block.line,
        });
        if (!item.block.closed) continue;
        edits.push(rewriteCommand(item.block, text));
        if (marker) {
          edits.push({
            start: item.block.start,
            end: item.block.start,
            text: prefixed([marker], item.block.prefix, item.block.eol),
          });
        }
        const output = outputOf(free);
        const result = ran(missing.index)?.result;
        if (output && output.block.closed && result && ran(missing.index)?.status === "passed") {
          const real = inDoc(normalize(result[output.stream]), missing.command, output.stream);
          if (real === "") {
            // The command that now shows here printed nothing: like a new one, it gets none.
            dropped.add(free);
            edits.push({
              start: output.paragraph.start,
              end: nextStart(elements, elements.indexOf(output.block), source),
              text: "",
            });
          } else if (real !== normalize(output.block.text)) {
            edits.push({
              start: output.block.contentStart,
              end: output.block.contentEnd,
              text: blockContent(output.block, real),
            });
          }
        }
        continue;
      }
      const outcome = ran(missing.index);
      const printed = outcome?.status === "passed" && outcome.result
        ? shownOutput(missing.command, outcome.result)
        : undefined;
      const out = printed &&
        { ...printed, text: inDoc(printed.text, missing.command, printed.stream) };
      const lines = groupLines(style, text, out, marker);
      let at: number;
      let prefix = "";
      if (a > 0) {
        const anchor = items[a - 1];
        at = (outputOf(a - 1)?.block ?? anchor.block).end;
        prefix = anchor.block.prefix;
      } else if (items.length > 0) {
        const first = items[0];
        const above = elements[first.el - 1];
        at = above?.kind === "html" && /^<!--\s*run-lesson:/.test(above.text.trim())
          ? above.start
          : first.block.start;
      } else at = region.end;
      const slot = inserts.get(at) ?? { prefix, groups: [] };
      slot.groups.push({ index: missing.index, lines });
      inserts.set(at, slot);
      changes.push({
        kind: "missing",
        step,
        index: missing.index,
        command: text,
        line: lineAt(at),
      });
    }
    for (const [k, item] of items.entries()) {
      if (item.index !== undefined) continue;
      changes.push({ kind: "removed", step, was: commandText(item.block), line: item.block.line });
      edits.push({ start: item.block.start, end: nextStart(elements, item.el, source), text: "" });
      const output = outputOf(k);
      if (output) {
        const el = elements.indexOf(output.block);
        edits.push({
          start: output.paragraph.start,
          end: nextStart(elements, el, source),
          text: "",
        });
      }
    }
  }
  for (const [at, { prefix, groups }] of inserts) {
    const blank = prefix.replace(/[ \t]+$/, "") + style.eol;
    const body = groups.sort((x, y) => x.index - y.index)
      .map((g) => prefixed(g.lines, prefix, style.eol))
      .join(blank);
    const before = source.slice(0, at);
    const lead = at === 0 || /(?:\r\n|\r|\n)[ \t>]*(?:\r\n|\r|\n)$/.test(before)
      ? ""
      : /(?:\r\n|\r|\n)$/.test(before)
      ? blank
      : style.eol + blank;
    const trail = at === source.length || /^[ \t>]*(?:\r\n|\r|\n)/.test(source.slice(at))
      ? ""
      : blank;
    edits.push({ start: at, end: at, text: lead + body + trail });
  }
  changes.sort((x, y) => x.line - y.line);
  return { changes, edits: mergeRemovals(edits) };
}

/** The edit that makes a command block show `text`, sample output of a console block kept. */
function rewriteCommand(block: FencedBlock, text: string): Edit {
  let content = commandContent({ fence: block.fence, info: block.info }, text);
  if (infoWord(block) === "console") {
    const lines = block.text.split("\n");
    const first = lines.findIndex((line) => /^\$(?: |$)/.test(line));
    if (first >= 0) {
      let last = first;
      while (last + 1 < lines.length && /\\[ \t]*$/.test(lines[last])) last++;
      lines.splice(first, last - first + 1, ...content.split("\n"));
      content = lines.join("\n");
    }
  }
  return { start: block.contentStart, end: block.contentEnd, text: blockContent(block, content) };
}

/** The start of the element after `el`, or the end of the source. */
function nextStart(elements: readonly DocElement[], el: number, source: string): number {
  return elements[el + 1]?.start ?? source.length;
}

/** Removals that touch are joined, so that no two edits overlap. */
function mergeRemovals(edits: Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Edit[] = [];
  for (const edit of sorted) {
    const last = out[out.length - 1];
    if (last && edit.text === "" && last.text === "" && edit.start <= last.end) {
      last.end = Math.max(last.end, edit.end);
    } else out.push({ ...edit });
  }
  return out;
}
