/**
 * Links a doc that has step markers: the command blocks in a step's region are linked to that
 * step's commands only, and blocks outside every region to the steps that have no marker.
 * @module
 */
import type { Step } from "../lesson/types.ts";
import { linkDoc } from "./link_doc.ts";
import type { StepRegion } from "./step_regions.ts";
import type { DocElement, LinkResult } from "./types.ts";

/** One region with what was linked inside it. */
export interface RegionLinks extends LinkResult {
  /** The region. */
  region: StepRegion;
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
    return { region, ...linkDoc(elements.slice(region.from, region.to), [region.step]) };
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
