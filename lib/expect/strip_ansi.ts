/**
 * Terminal control sequences removed from output before matching: what `node:util`'s
 * `stripVTControlCharacters` removes (CSI such as colours and `ESC[K`, OSC such as window titles
 * and hyperlinks), plus what it misses: device-control and other string sequences, charset
 * selects such as `ESC ( B`, single-character escapes, and C1 control codes.
 * @module
 */

import { stripVTControlCharacters } from "node:util";

// DCS, SOS, PM and APC strings (7-bit `ESC P|X|^|_` or their C1 forms), ended by ST or BEL.
// deno-lint-ignore no-control-regex -- control sequences are what it removes
const STRINGS = /(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)/g;
// nF escapes (`ESC ( B`, `ESC # 8`) and the single-character Fp, Fe and Fs escapes (`ESC =`).
// deno-lint-ignore no-control-regex -- control sequences are what it removes
const ESCAPES = /\x1b[\x20-\x2f]*[\x30-\x7e]/g;
// What is left: a lone ESC, or a C1 control code (U+0080 to U+009F).
// deno-lint-ignore no-control-regex -- control characters are what it removes
const LEFT = /[\x1b\x80-\x9f]/g;
// deno-lint-ignore no-control-regex -- control characters are what it looks for
const ANY = /[\x1b\x80-\x9f]/;

/**
 * Removes terminal control sequences and stray control codes: the result has no ESC and no C1
 * control code, so stripping again changes nothing. Other C0 controls (BEL, tab) are kept.
 */
export function stripAnsi(text: string): string {
  if (!ANY.test(text)) return text;
  const out = stripVTControlCharacters(text.replace(STRINGS, ""));
  return out.replace(ESCAPES, "").replace(LEFT, "");
}
