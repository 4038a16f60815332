/**
 * Parses line patterns into one precompiled matcher per line.
 * @module
 */

import type { Capture } from "./types.ts";
import { isType, TYPES, typeSource } from "./_placeholders.ts";
import { type LinePart, type LineRegex, lineRegex } from "./_line_regex.ts";
import { PatternError, userRegex } from "./_regex.ts";

/** A named group of a compiled line: a capture (`{{name:type}}`) or a reference (`{{name}}`). */
export interface Slot {
  /** The regex group that holds the value. */
  group: string;
  /** The capture name. */
  name: string;
  /** The type the capture is bound with (`id`, `/regex/`, "" when unknown at parse time). */
  type: string;
  /** Whether this is a reference (`{{name}}`), which never binds. */
  ref: boolean;
}

/** One compiled pattern line. */
export interface PatternLine {
  /** 1-based line number in the pattern. */
  number: number;
  /** The line as written. */
  text: string;
  /** Whether the line is `...` (matches zero or more whole lines). */
  ellipsis: boolean;
  /** The exact text to compare with, when the line has no placeholders. */
  literal?: string;
  /** The anchored matcher (linear time, RE2), when the line has placeholders. */
  regex?: LineRegex;
  /** Literal text every matching line starts with, for a fast reject. */
  prefix: string;
  /** Captures and references, in order. */
  slots: Slot[];
}

/** A parsed pattern: its lines and the names of the captures it binds. */
export interface ParsedPattern {
  /** The compiled lines, in order. */
  lines: PatternLine[];
  /** Names first bound by this pattern, in order. */
  binds: string[];
  /** Names referenced before this pattern binds them: captures bound elsewhere. */
  refs: string[];
}

/** Captures known before a pattern: names, or captures with their types. */
export type Known = Iterable<string> | Readonly<Record<string, Capture>>;

/**
 * Names in scope while parsing, with their capture types. A lenient scope accepts `{{name}}`
 * for a name it does not hold (a capture bound elsewhere, checked when matching).
 */
export interface Scope {
  /** Capture types by name. */
  types: Map<string, string>;
  /** Whether unknown names are references to captures bound elsewhere. */
  lenient: boolean;
}

const NAME = /^[a-z_][a-z0-9_]*$/;
const NAMED = /^([a-z_][a-z0-9_]*):([\s\S]*)$/;
const REGEX_OPEN = /^(?:([a-z_][a-z0-9_]*):)?\//;

/**
 * Parses a pattern text (already normalised) into compiled lines; throws a SyntaxError naming
 * the line and the problem. Without `known`, `{{name}}` for a name the pattern does not bind
 * is taken as a capture bound elsewhere (listed in `refs`); with `known`, it is an error.
 */
export function parsePattern(text: string, known?: Known): ParsedPattern {
  return parseLines(text, scopeOf(known));
}

/** Builds a parsing scope from known captures; lenient when they are not given. */
export function scopeOf(known?: Known, lenient = known === undefined): Scope {
  const types = new Map<string, string>();
  if (known === undefined) return { types, lenient };
  if (Symbol.iterator in known) {
    for (const name of known as Iterable<string>) types.set(name, "");
  } else {
    for (const [name, c] of Object.entries(known)) types.set(name, c.type);
  }
  return { types, lenient };
}

/** Parses lines with a shared scope, which it extends with the captures bound. */
export function parseLines(text: string, scope: Scope): ParsedPattern {
  const lines: PatternLine[] = [];
  const binds: string[] = [];
  const refs: string[] = [];
  const rows = text === "" ? [] : text.split("\n");
  // Repeated lines compile once; their names are in scope after the first.
  const seen = new Map<string, PatternLine>();
  for (let i = 0; i < rows.length; i++) {
    const same = seen.get(rows[i]);
    if (same !== undefined) {
      lines.push({ ...same, number: i + 1 });
      continue;
    }
    try {
      const line = compileLine(rows[i], i + 1, scope, binds, refs);
      if (line.regex !== undefined) seen.set(rows[i], line);
      lines.push(line);
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      throw new SyntaxError(
        `Cannot parse pattern line ${i + 1} "${rows[i]}": ${error.message}`,
        { cause: error },
      );
    }
  }
  return { lines, binds, refs };
}

const NO_SLOTS: Slot[] = [];

type Segment =
  | { kind: "text"; text: string }
  | { kind: "source"; source: string; name?: string; type?: string; ref?: boolean };

interface Names {
  scope: Scope;
  binds: string[];
  refs: string[];
}

function compileLine(
  text: string,
  number: number,
  scope: Scope,
  binds: string[],
  refs: string[],
): PatternLine {
  if (text.includes("...") && text.trim() === "...") {
    return { number, text, ellipsis: true, literal: undefined, prefix: "", slots: NO_SLOTS };
  }
  if (!text.includes("{{")) {
    return { number, text, ellipsis: false, literal: text, prefix: text, slots: NO_SLOTS };
  }
  const segments = segment(text, { scope, binds, refs });
  if (segments.every((s) => s.kind === "text")) {
    const literal = segments.map((s) => s.kind === "text" ? s.text : "").join("");
    return { number, text, ellipsis: false, literal, prefix: literal, slots: NO_SLOTS };
  }
  const slots: Slot[] = [];
  const parts: LinePart[] = [];
  for (const s of segments) {
    if (s.kind === "text") parts.push({ text: s.text });
    else if (s.name === undefined) parts.push({ source: `(?:${s.source})` });
    else {
      const group = `__c${slots.length}`;
      slots.push({ group, name: s.name, type: s.type ?? "", ref: s.ref === true });
      parts.push({ source: `(?P<${group}>${s.source})` });
    }
  }
  const regex = lineRegex(parts, slots.map((slot) => slot.group));
  const prefix = segments[0].kind === "text" ? segments[0].text : "";
  return { number, text, ellipsis: false, literal: undefined, regex, prefix, slots };
}

function segment(text: string, names: Names): Segment[] {
  const out: Segment[] = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("\\{{", i)) {
      literal += "{{";
      i += 3;
      continue;
    }
    if (!text.startsWith("{{", i)) {
      literal += text[i++];
      continue;
    }
    if (literal !== "") out.push({ kind: "text", text: literal });
    literal = "";
    const rest = text.slice(i + 2);
    const open = REGEX_OPEN.exec(rest);
    const end = open ? text.indexOf("/}}", i + 2 + open[0].length) : text.indexOf("}}", i + 2);
    if (end < 0) throw new PatternError(`unterminated placeholder "${text.slice(i)}"`);
    if (open) {
      const source = text.slice(i + 2 + open[0].length, end);
      out.push(regexSegment(source, open[1], names));
      i = end + 3;
    } else {
      out.push(placeholder(text.slice(i + 2, end), names));
      i = end + 2;
    }
  }
  if (literal !== "") out.push({ kind: "text", text: literal });
  return out;
}

function regexSegment(source: string, name: string | undefined, names: Names): Segment {
  const checked = userRegex(source);
  if (name === undefined) return { kind: "source", source: checked };
  return capture(name, `/${source}/`, names);
}

function placeholder(content: string, names: Names): Segment {
  if (content === "*") return { kind: "source", source: "[\\s\\S]*?" };
  if (isType(content)) return { kind: "source", source: TYPES[content] };
  const named = NAMED.exec(content);
  if (named) {
    if (!isType(named[2])) throw new PatternError(`unknown placeholder type "${named[2]}"`);
    return capture(named[1], named[2], names);
  }
  const { types, lenient } = names.scope;
  if (NAME.test(content) && content !== "__proto__" && (types.has(content) || lenient)) {
    if (!types.has(content) && !names.refs.includes(content)) names.refs.push(content);
    const type = types.get(content) ?? "";
    return { kind: "source", source: typeSource(type), name: content, type, ref: true };
  }
  throw new PatternError(`unknown placeholder type "${content}"`);
}

function capture(name: string, type: string, names: Names): Segment {
  if (isType(name)) throw new PatternError(`capture name "${name}" is a placeholder type`);
  if (name === "__proto__") throw new PatternError(`capture name "${name}" is reserved`);
  const types = names.scope.types;
  if (!types.has(name)) {
    types.set(name, type);
    names.binds.push(name);
  }
  return { kind: "source", source: typeSource(type), name, type: types.get(name) || type };
}
