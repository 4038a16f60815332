/**
 * Matches one compiled pattern line against one actual line, checking and binding captures.
 * @module
 */

import type { Capture } from "./types.ts";
import type { PatternLine } from "./parse_pattern.ts";
import { agree, longer } from "./_placeholders.ts";

/** Captures while matching: copied on write, never mutated. */
export type CaptureMap = Record<string, Capture>;

/** The outcome of matching one line. */
export type LineOutcome =
  | { ok: true; captures: CaptureMap; key: string }
  | { ok: false; message: string };

/** Whether the line's shape matches, ignoring what captures are bound to. */
export function shapeMatches(line: PatternLine, actual: string): boolean {
  if (line.ellipsis) return false;
  if (line.literal !== undefined) return actual === line.literal;
  return actual.startsWith(line.prefix) && line.regex!.test(actual);
}

/**
 * Matches a line with captures. `key` lists what changed, so a search can tell states apart;
 * `origin` is called only when a capture is bound.
 */
export function testLine(
  line: PatternLine,
  actual: string,
  captures: CaptureMap,
  origin: () => string | undefined,
): LineOutcome {
  if (line.ellipsis) return { ok: true, captures, key: "" };
  if (line.literal !== undefined) {
    return actual === line.literal
      ? { ok: true, captures, key: "" }
      : { ok: false, message: differs(line.text, actual) };
  }
  if (!actual.startsWith(line.prefix)) return { ok: false, message: differs(line.text, actual) };
  if (line.slots.length === 0) {
    return line.regex!.test(actual)
      ? { ok: true, captures, key: "" }
      : { ok: false, message: differs(line.text, actual) };
  }
  const found = line.regex!.exec(actual);
  if (!found) return { ok: false, message: differs(line.text, actual) };
  let out = captures;
  let key = "";
  for (const slot of line.slots) {
    const value = found[slot.group];
    const bound = Object.hasOwn(out, slot.name) ? out[slot.name] : undefined;
    let next: Capture;
    if (bound === undefined && slot.ref) {
      return { ok: false, message: `capture "${slot.name}" is not bound` };
    } else if (bound === undefined) {
      const where = origin();
      next = where === undefined
        ? { type: slot.type, value }
        : { type: slot.type, value, origin: where };
    } else if (!agree(bound.type, bound.value, value)) {
      return { ok: false, message: disagreement(slot.name, bound, value) };
    } else if (longer(bound.type, bound.value, value)) {
      next = { ...bound, value };
    } else continue;
    if (out === captures) out = { ...captures };
    out[slot.name] = next;
    key += `\0${slot.name}=${value}`;
  }
  return { ok: true, captures: out, key };
}

/** The message for a line that differs. */
export function differs(expected: string, actual: string): string {
  return `expected "${expected}", got "${actual}"`;
}

/** The message for a capture whose new value disagrees with its bound value. */
export function disagreement(name: string, bound: Capture, value: string): string {
  const where = bound.origin === undefined ? "" : ` (bound at ${bound.origin})`;
  return `capture "${name}" was "${bound.value}", now "${value}"${where}`;
}

/** Where a capture is bound, from the caller's origin and a position. */
export function originAt(origin: string | undefined, position: string): string {
  return origin === undefined || origin === "" ? position : `${origin} ${position}`;
}
