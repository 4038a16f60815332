/**
 * Rewrites the content of some fenced blocks and leaves every other byte of the doc alone.
 * @module
 */
import type { FencedBlock, Verdict } from "./types.ts";

/** New content for one fenced block. */
export interface Replacement {
  /** The block, as parsed from the same source. */
  block: FencedBlock;
  /** Its new content: normalised text, lines joined with `\n`, no final newline. */
  text: string;
}

/**
 * Returns the source with each block's content replaced. Each new line is written with the
 * block's prefix (container markers as spaces, `>` kept; blank lines get the prefix without
 * its trailing spaces) and the line ending of the block's opening fence line. Throws a
 * RangeError for a block without a closing fence or for overlapping blocks.
 */
export function renderDoc(source: string, replacements: readonly Replacement[]): string {
  const sorted = [...replacements].sort((a, b) => a.block.contentStart - b.block.contentStart);
  let out = "";
  let at = 0;
  for (const { block, text } of sorted) {
    if (!block.closed) {
      throw new RangeError(
        `Cannot rewrite the code block at line ${block.line}: it has no closing fence`,
      );
    }
    if (block.contentStart < at) {
      throw new RangeError(
        `Cannot rewrite the code block at line ${block.line}: it overlaps another`,
      );
    }
    out += source.slice(at, block.contentStart) + blockContent(block, text);
    at = block.contentEnd;
  }
  return out + source.slice(at);
}

/** The bytes of a block's content for a text, as `renderDoc` writes them. */
export function blockContent(block: FencedBlock, text: string): string {
  if (text === "") return "";
  const blank = block.prefix.replace(/[ \t]+$/, "");
  return text.split("\n").map((line) => (line === "" ? blank : block.prefix + line) + block.eol)
    .join("");
}

/** The replacements an update writes: each stale block's real output, unless it cannot be. */
export function staleReplacements(verdicts: readonly Verdict[]): Replacement[] {
  return verdicts.flatMap((v) =>
    v.status === "stale" && v.unwritable === undefined
      ? [{ block: v.link.output.block, text: v.actual }]
      : []
  );
}
