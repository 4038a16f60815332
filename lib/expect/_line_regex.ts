/**
 * A pattern line with placeholders compiled for RE2 (re2js): linear time in the line and the
 * pattern, never backtracking. The literal text before the first placeholder and after the last
 * is compared as strings, and the middle is compiled once per distinct source and shared, so the
 * thousands of lines of a long pattern cost a few compilations, not thousands.
 * @module
 */

import { RE2JS } from "re2js";
import { PatternError, reason } from "./_regex.ts";

/** A piece of a pattern line: literal text, or RE2 source for a placeholder. */
export type LinePart = { text: string } | { source: string };

/** A compiled line regex: the whole line must match. */
export interface LineRegex {
  /** Whether the whole text matches. */
  test(text: string): boolean;
  /** The named groups' values when the whole text matches, or null. */
  exec(text: string): Record<string, string> | null;
}

interface Engine {
  re: RE2JS;
  /** Calls so far: the lazy DFA behind test() pays for its states on first use. */
  calls: number;
}

/** After this many calls an engine tests on its DFA, before them on the (cheaper) matcher. */
const DFA_AFTER = 64;
const CACHE_SIZE = 4096;
const cache = new Map<string, Engine>();

/**
 * Compiles a line from its parts (at least one placeholder); `groups` are the named groups to
 * return. Throws a PatternError when RE2 refuses the source.
 */
export function lineRegex(parts: readonly LinePart[], groups: readonly string[]): LineRegex {
  let head = 0;
  let prefix = "";
  while (head < parts.length && "text" in parts[head]) prefix += textOf(parts[head++]);
  let tail = parts.length;
  let suffix = "";
  while (tail > head && "text" in parts[tail - 1]) suffix = textOf(parts[--tail]) + suffix;
  // One character of context on each side keeps `\b`, `^` and `$` meaning what they did.
  const left = lastChar(prefix);
  const right = firstChar(suffix);
  let source = quote(left);
  // The literal text between placeholders must appear in this order: a cheap, exact reject.
  const needles: string[] = [];
  for (let k = head; k < tail; k++) {
    const part = parts[k];
    if ("text" in part) needles.push(part.text);
    source += "text" in part ? quote(part.text) : part.source;
  }
  const engine = compiled(`^(?:${source}${quote(right)})$`);
  const from = prefix.length - left.length;
  const cut = suffix.length - right.length;
  const window = (text: string): string | undefined =>
    text.length >= prefix.length + suffix.length && text.startsWith(prefix) &&
      text.endsWith(suffix) && inOrder(text, needles, prefix.length, text.length - suffix.length)
      ? text.slice(from, text.length - cut)
      : undefined;
  return {
    test(text) {
      const middle = window(text);
      if (middle === undefined) return false;
      return ++engine.calls > DFA_AFTER
        ? engine.re.test(middle)
        : engine.re.matcher(middle).matches();
    },
    exec(text) {
      const middle = window(text);
      if (middle === undefined) return null;
      const m = engine.re.matcher(middle);
      if (!m.matches()) return null;
      const out: Record<string, string> = {};
      for (const name of groups) out[name] = m.group(name) ?? "";
      return out;
    },
  };
}

/** Escapes text so that RE2 matches it literally. */
export function quote(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function compiled(source: string): Engine {
  let engine = cache.get(source);
  if (engine !== undefined) return engine;
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (error) {
    throw new PatternError(reason(error));
  }
  if (cache.size >= CACHE_SIZE) cache.clear();
  engine = { re, calls: 0 };
  cache.set(source, engine);
  return engine;
}

/** Whether the needles occur in `text` between `from` and `to`, in order, without overlapping. */
function inOrder(text: string, needles: readonly string[], from: number, to: number): boolean {
  let at = from;
  for (const needle of needles) {
    const found = text.indexOf(needle, at);
    if (found < 0 || found + needle.length > to) return false;
    at = found + needle.length;
  }
  return true;
}

function textOf(part: LinePart): string {
  return "text" in part ? part.text : "";
}

function lastChar(text: string): string {
  if (text === "") return "";
  const low = text.charCodeAt(text.length - 1);
  return low >= 0xdc00 && low <= 0xdfff && text.length > 1 ? text.slice(-2) : text.slice(-1);
}

function firstChar(text: string): string {
  if (text === "") return "";
  const high = text.charCodeAt(0);
  return high >= 0xd800 && high <= 0xdbff && text.length > 1 ? text.slice(0, 2) : text[0];
}
