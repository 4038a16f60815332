/**
 * Output normalisation, applied to both a pattern and the actual output before matching.
 * Idempotent: normalising normalised text changes nothing.
 * @module
 */

import { stripAnsi } from "./strip_ansi.ts";

/**
 * Normalises text for matching: no terminal control sequences, LF line ends, no leading byte
 * order marks, no trailing blanks on a line, no trailing empty lines.
 */
export function normalize(text: string): string {
  // Each step leaves nothing an earlier one would remove: escapes go first (removing one can
  // join CR and LF, or bring a byte order mark to the front), trailing blanks before empty lines.
  let out = stripAnsi(text);
  if (out.includes("\r")) out = out.replace(/\r\n?/g, "\n");
  if (out.charCodeAt(0) === 0xfeff) out = out.replace(/^\ufeff+/, "");
  out = trimLines(out);
  let end = out.length;
  while (end > 0 && out.charCodeAt(end - 1) === 10) end--;
  return end === out.length ? out : out.slice(0, end);
}

/** Removes trailing spaces and tabs from every line, in one pass (a regex is quadratic here). */
function trimLines(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  if (!text.includes(" \n") && !text.includes("\t\n") && last !== 32 && last !== 9) return text;
  const lines = text.split("\n");
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let end = line.length;
    for (let c = line.charCodeAt(end - 1); c === 32 || c === 9; c = line.charCodeAt(end - 1)) end--;
    if (end < line.length) {
      lines[i] = line.slice(0, end);
      changed = true;
    }
  }
  return changed ? lines.join("\n") : text;
}

/** Splits normalised text into lines; the empty text has no lines. */
export function splitLines(text: string): string[] {
  return text === "" ? [] : text.split("\n");
}
