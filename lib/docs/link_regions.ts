/**
 * Links a doc that has step markers: the command blocks in a step's region are linked to that
 * step's commands only, and blocks outside every region to the steps that have no marker.
 * @module
 */
import type { Step } from "../lesson/types.ts";
import { commandShows } from "./command_text.ts";
import { linkDoc } from "./link_doc.ts";
import type { StepRegion } from "./step_regions.ts";
import type { DocElement, FencedBlock, HtmlBlock, LinkResult } from "./types.ts";

/** A `run-lesson:` marker whose command index is renumbered to the command its block shows. */
export interface MarkerFix {
  /** The marker comment. */
  marker: HtmlBlock;
  /** The step. */
  step: string;
  /** The index it names. */
  from: number;
  /** The index of the command its block shows. */
  to: number;
}

/** One region with what was linked inside it. */
export interface RegionLinks extends LinkResult {
  /** The region. */
  region: StepRegion;
  /** Markers whose index no longer names the command their block shows. */
  fixes: MarkerFix[];
}

/** The links of a doc with step markers: the whole doc's, and each region's. */
export interface RegionLinkResult extends LinkResult {
  /** Each region's links, in document order. */
  regions: RegionLinks[];
}

/**
 * Links each region's blocks to its step's commands (see `linkDoc` for the rules), and the
 * blocks outside every region to the commands of steps without a marker. The result's
 * `unlinked` and `undocumented` are those outside every region.
 */
export function linkRegions(
  elements: readonly DocElement[],
  steps: readonly Step[],
  regions: readonly StepRegion[],
): RegionLinkResult {
  const inRegion = new Set<number>();
  const perRegion: RegionLinks[] = regions.map((region) => {
    for (let i = region.from; i < region.to; i++) inRegion.add(i);
    const { slice, fixes } = renumberMarkers(elements.slice(region.from, region.to), region.step);
    return { region, fixes, ...linkDoc(slice, [region.step]) };
  });
  const marked = new Set(regions.map((r) => r.step.id));
  const outside = linkDoc(
    elements.filter((_, i) => !inRegion.has(i)),
    steps.filter((s) => !marked.has(s.id)),
  );
  const all = [...perRegion, outside];
  const byStart = <T extends { start: number }>(a: T, b: T) => a.start - b.start;
  return {
    links: all.flatMap((r) => r.links).sort((a, b) => a.block.start - b.block.start),
    // Inside a region, a block no command runs and a command no block shows are changes that
    // `planCommands` makes; only the ones outside every region are left to warn about.
    unlinked: outside.unlinked.sort(byStart),
    undocumented: outside.undocumented,
    problems: all.flatMap((r) => r.problems).sort((a, b) => a.line - b.line),
    regions: perRegion,
  };
}

const MARKER = /^<!--\s*run-lesson:\s*([^\s#]+)#(\d+)\s*-->$/;

/**
 * A step gained or lost a command, so a `run-lesson:` marker of its region names another
 * command: the marker is read as naming the first command its block shows that no other marker
 * names (capture references taken as any text), when there is one.
 */
function renumberMarkers(
  slice: DocElement[],
  step: Step,
): { slice: DocElement[]; fixes: MarkerFix[] } {
  const markers = slice.flatMap((el, i) => {
    const found = el.kind === "html" ? MARKER.exec(el.text.trim()) : null;
    const block = slice[i + 1];
    if (!found || found[1] !== step.id || block?.kind !== "fenced") return [];
    return [{ i, el: el as HtmlBlock, index: Number(found[2]), block }];
  });
  const shows = (block: FencedBlock, index: number) => {
    const command = step.commands[index];
    return command !== undefined && command.doc !== false && commandShows(block, command.run, {});
  };
  const claimed = new Set(markers.filter((m) => shows(m.block, m.index)).map((m) => m.index));
  const fixes: MarkerFix[] = [];
  const out = [...slice];
  for (const m of markers) {
    // An index past the step's commands stays an error (a typo, reported before the run).
    if (shows(m.block, m.index) || m.index >= step.commands.length) continue;
    const to = step.commands.findIndex((_, k) => !claimed.has(k) && shows(m.block, k));
    if (to < 0) continue;
    claimed.add(to);
    fixes.push({ marker: m.el, step: step.id, from: m.index, to });
    out[m.i] = { ...m.el, text: m.el.text.replace(`${step.id}#${m.index}`, `${step.id}#${to}`) };
  }
  return { slice: out, fixes };
}
