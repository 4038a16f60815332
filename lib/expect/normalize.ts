/**
 * Output normalisation, applied to both a pattern and the actual output before matching.
 * @module
 */

// CSI (`ESC [ params intermediates final`) and OSC (`ESC ] ... BEL` or `ESC ] ... ESC \`).
// deno-lint-ignore no-control-regex -- escape sequences are what it removes
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/** Normalises text for matching: LF line ends, no ANSI escapes, no trailing blanks, no BOM. */
export function normalize(text: string): string {
  let out = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (out.includes("\x1b")) out = out.replace(ANSI, "");
  if (out.includes("\r")) out = out.replace(/\r\n?/g, "\n");
  out = out.replace(/[ \t]+$/gm, "");
  let end = out.length;
  while (end > 0 && out.charCodeAt(end - 1) === 10) end--;
  return end === out.length ? out : out.slice(0, end);
}

/** Splits normalised text into lines; the empty text has no lines. */
export function splitLines(text: string): string[] {
  return text === "" ? [] : text.split("\n");
}
