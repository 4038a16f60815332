/**
 * The live line a reporter redraws on a terminal (the running step, grading's status): cleared,
 * then written cut to the terminal's width, so that a long step title or command never wraps (a
 * wrapped line cannot be cleared with one carriage return, and the redraws pile up as garbage).
 * The cut counts what the terminal shows: colour codes take no room, wide characters take two
 * columns (cli-truncate, which does this for ANSI-coloured text).
 *
 * @example
 * ```ts
 * liveLine("▸ 3/9 a very long step title …", 40); // "\r\x1b[2K▸ 3/9 a very long step title …"
 * ```
 * @module
 */
import cliTruncate from "cli-truncate";

/** Clears the terminal's current line and returns to its start. */
export const CLEAR_LINE = "\r\x1b[2K";

/** Width assumed when the terminal does not say. */
const DEFAULT_COLUMNS = 80;

/**
 * The text to draw a live line: clear, then `text` (one line) cut with an ellipsis to one column
 * less than `columns` (the last column would wrap on some terminals).
 */
export function liveLine(text: string, columns: number | undefined): string {
  const width = Math.max(10, (columns && columns > 0 ? columns : DEFAULT_COLUMNS) - 1);
  return `${CLEAR_LINE}${cliTruncate(text, width, { position: "end" })}`;
}
