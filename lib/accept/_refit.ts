/**
 * One pattern line refitted to the line the command printed instead: the placeholders and
 * captures that still match are kept, in order, and the literal text around them becomes the
 * printed text.
 * @module
 */
import { RE2JS } from "re2js";
import type { Captures } from "../expect/types.ts";
import { isType, TYPES, typeSource } from "../expect/_placeholders.ts";
import { userRegex } from "../expect/_regex.ts";

type Token = { kind: "text"; text: string } | { kind: "placeholder"; raw: string; source: string };

const NAME = /^[a-z_][a-z0-9_]*$/;
const NAMED = /^([a-z_][a-z0-9_]*):([\s\S]*)$/;
const REGEX_OPEN = /^(?:([a-z_][a-z0-9_]*):)?\//;

/** Escapes a printed line so that, read as a pattern, it matches itself literally. */
export function literalLine(line: string): string {
  return line.replaceAll("{{", "\\{{");
}

/**
 * Refits `pattern` (one line) to `actual`: each placeholder is kept when, with the ones kept
 * before it, the line still matches with the literal text relaxed; a reference is kept only
 * when the printed line shows its value. Returns the new pattern line.
 */
export function refitLine(pattern: string, actual: string, captures: Captures = {}): string {
  let tokens: Token[];
  try {
    tokens = tokenize(pattern, captures);
  } catch {
    return literalLine(actual);
  }
  const placeholders = tokens.flatMap((t, i) => (t.kind === "placeholder" ? [i] : []));
  let kept: number[] = [];
  let best = fit(tokens, kept, actual);
  if (best === undefined) return literalLine(actual);
  for (const i of placeholders) {
    const tried = fit(tokens, [...kept, i], actual);
    if (tried !== undefined) {
      kept = [...kept, i];
      best = tried;
    }
  }
  return best;
}

/**
 * The line with the placeholders `kept` (token indices, ascending) and the literal text between
 * them taken from `actual`, or undefined when they do not fit. The text between two kept
 * placeholders keeps the pattern's own text when it still fits there (leftmost-first).
 */
function fit(tokens: Token[], kept: number[], actual: string): string | undefined {
  const gaps: string[] = [];
  let gap = "";
  for (const [i, token] of tokens.entries()) {
    if (kept.includes(i)) {
      gaps.push(gap);
      gap = "";
    } else if (token.kind === "text") gap += token.text;
  }
  gaps.push(gap);
  const raw = (g: number) => (tokens[kept[g]] as { raw: string }).raw;
  // Named groups: a user's regex may have groups of its own.
  let source = "^";
  gaps.forEach((text, g) => {
    source += `(?P<g${g}>${text === "" ? "" : `${RE2JS.quote(text)}|`}[\\s\\S]*?)`;
    if (g < kept.length) source += `(?P<p${g}>${(tokens[kept[g]] as { source: string }).source})`;
  });
  const matcher = RE2JS.compile(source + "$").matcher(actual);
  if (!matcher.matches()) return undefined;
  const texts = gaps.map((_, g) => matcher.group(`g${g}`) ?? "");
  // A lazy `{{*}}` matches as little as it can, leaving the changed text to the gaps beside it:
  // the gap before it gets back up to the longest end of its own text, the gap after it starts
  // at the longest start of its own text (nothing when it had none), and `{{*}}` the rest.
  for (let g = 1; g < gaps.length; g++) {
    if (raw(g - 1) !== "{{*}}") continue;
    const star = matcher.group(`p${g - 1}`) ?? "";
    const whole = texts[g - 1] + star + texts[g];
    const from = texts[g - 1] === gaps[g - 1]
      ? texts[g - 1].length
      : Math.max(texts[g - 1].length, endsAt(gaps[g - 1], whole));
    texts[g - 1] = whole.slice(0, from);
    let after = whole.slice(Math.max(from, whole.length - texts[g].length));
    if (gaps[g] === "") after = "";
    else if (after !== gaps[g]) {
      const at = resumes(gaps[g], after);
      if (at > 0) after = after.slice(at);
    }
    texts[g] = after;
  }
  let out = "";
  texts.forEach((text, g) => {
    out += literalLine(text);
    if (g < kept.length) out += raw(g);
  });
  return out;
}

/**
 * Where in `text` the longest end (two characters or more) of `literal` is found, the offset
 * after it, or 0.
 */
function endsAt(literal: string, text: string): number {
  for (let length = literal.length; length >= 2; length--) {
    const at = text.indexOf(literal.slice(-length));
    if (at >= 0) return at + length;
  }
  return 0;
}

/**
 * Where in `text` the longest start (two characters or more) of `literal` is found after the
 * first character, or 0.
 */
function resumes(literal: string, text: string): number {
  for (let length = literal.length; length >= 2; length--) {
    const at = text.indexOf(literal.slice(0, length), 1);
    if (at > 0) return at;
  }
  return 0;
}

/** Splits a pattern line into literal text and placeholders with their RE2 source. */
function tokenize(line: string, captures: Captures): Token[] {
  const out: Token[] = [];
  let literal = "";
  let i = 0;
  while (i < line.length) {
    if (line.startsWith("\\{{", i)) {
      literal += "{{";
      i += 3;
      continue;
    }
    if (!line.startsWith("{{", i)) {
      literal += line[i++];
      continue;
    }
    if (literal !== "") out.push({ kind: "text", text: literal });
    literal = "";
    const rest = line.slice(i + 2);
    const open = REGEX_OPEN.exec(rest);
    const end = open ? line.indexOf("/}}", i + 2 + open[0].length) : line.indexOf("}}", i + 2);
    if (end < 0) throw new SyntaxError(`unterminated placeholder in "${line}"`);
    const stop = open ? end + 3 : end + 2;
    const raw = line.slice(i, stop);
    const source = open
      ? userRegex(line.slice(i + 2 + open[0].length, end))
      : placeholderSource(line.slice(i + 2, end), captures);
    if (source === undefined) out.push({ kind: "text", text: raw });
    else out.push({ kind: "placeholder", raw, source });
    i = stop;
  }
  if (literal !== "") out.push({ kind: "text", text: literal });
  return out;
}

function placeholderSource(content: string, captures: Captures): string | undefined {
  if (content === "*") return "[\\s\\S]*?";
  if (isType(content)) return TYPES[content];
  const named = NAMED.exec(content);
  if (named) return isType(named[2]) ? typeSource(named[2]) : undefined;
  if (NAME.test(content) && Object.hasOwn(captures, content)) {
    return RE2JS.quote(captures[content].value);
  }
  return undefined;
}
