/**
 * Applies edits to a doc's text and leaves every other byte alone.
 * @module
 */
import type { Edit } from "./plan_commands.ts";
import { blockContent, type Replacement } from "./render_doc.ts";

/**
 * Returns the source with each edit made. Insertions at one offset keep their order. Throws a
 * RangeError for overlapping edits.
 */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  const sorted = edits.map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.order - b.order)
    .map((e) => e.edit);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) {
      throw new RangeError(`Cannot edit the doc at offset ${edit.start}: it overlaps another edit`);
    }
    out += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + source.slice(at);
}

/** The edits that make Output block replacements (see `renderDoc`). */
export function replacementEdits(replacements: readonly Replacement[]): Edit[] {
  return replacements.map(({ block, text }) => {
    if (!block.closed) {
      throw new RangeError(
        `Cannot rewrite the code block at line ${block.line}: it has no closing fence`,
      );
    }
    return { start: block.contentStart, end: block.contentEnd, text: blockContent(block, text) };
  });
}
