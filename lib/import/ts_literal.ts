/**
 * Plain data written as a TypeScript literal, laid out the way `deno fmt` lays it out (line
 * width 100, two spaces, trailing commas, double quotes unless single ones need fewer escapes, a
 * long string value moved to the line after its key), with `//` comments above elements, so that
 * generated lesson files pass `deno fmt --check` as written.
 * @module
 */

/** A value with comment lines written above it (in an array or as a property). */
export interface Commented {
  /** The comment lines, without `//`. */
  comments: string[];
  /** The value. */
  value: unknown;
}

const WIDTH = 100;

/** Wraps a value so that comment lines are written above it. */
export function commented(value: unknown, comments: string[]): unknown {
  return comments.length === 0 ? value : ({ comments, value, [MARK]: true } as Commented);
}

const MARK = Symbol("commented");

function _isCommented(value: unknown): value is Commented {
  return typeof value === "object" && value !== null && MARK in value;
}

/** A string literal: double quotes, or single quotes when the text has more `"` than `'`. */
export function tsString(text: string): string {
  const doubles = text.split('"').length - 1;
  const singles = text.split("'").length - 1;
  if (doubles <= singles) return JSON.stringify(text);
  const body = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${body}'`;
}

function _key(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : tsString(key);
}

/** The value on one line, or undefined when it cannot be (comments inside). */
function _inline(value: unknown): string | undefined {
  if (_isCommented(value)) return undefined;
  if (typeof value === "string") return tsString(value);
  if (value === null || typeof value !== "object") return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(_inline);
    return parts.includes(undefined) ? undefined : `[${parts.join(", ")}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const parts = entries.map(([k, v]) => {
    const inner = _inline(v);
    return inner === undefined ? undefined : `${_key(k)}: ${inner}`;
  });
  return parts.includes(undefined) ? undefined : `{ ${parts.join(", ")} }`;
}

function _comments(comments: string[], pad: string): string {
  return comments.map((c) => `${pad}// ${c}\n`).join("");
}

/**
 * Writes `value` starting at column `indent` after `prefix` (e.g. `key: `), followed by
 * `suffix` (e.g. `,`).
 *
 * @example
 * ```ts
 * tsLiteral({ run: "ls", stdout: "a" }); // '{ run: "ls", stdout: "a" }'
 * ```
 */
export function tsLiteral(value: unknown, indent = 0, prefix = "", suffix = ""): string {
  const pad = " ".repeat(indent);
  const inline = _inline(value);
  if (inline !== undefined && pad.length + prefix.length + inline.length + suffix.length <= WIDTH) {
    return `${prefix}${inline}${suffix}`;
  }
  if (typeof value === "string" || inline !== undefined && !/^[[{]/.test(inline)) {
    // A long string goes on the line after its key, one level deeper.
    return prefix === "" ? `${inline}${suffix}` : `${prefix.trimEnd()}\n${pad}  ${inline}${suffix}`;
  }
  const inner = " ".repeat(indent + 2);
  if (Array.isArray(value)) {
    const lines = value.map((item) => {
      const [comments, v] = _isCommented(item) ? [item.comments, item.value] : [[], item];
      return `${_comments(comments, inner)}${inner}${tsLiteral(v, indent + 2, "", ",")}`;
    });
    return `${prefix}[\n${lines.join("\n")}\n${pad}]${suffix}`;
  }
  const lines = Object.entries(value as Record<string, unknown>).map(([k, item]) => {
    const [comments, v] = _isCommented(item) ? [item.comments, item.value] : [[], item];
    return `${_comments(comments, inner)}${inner}${tsLiteral(v, indent + 2, `${_key(k)}: `, ",")}`;
  });
  return `${prefix}{\n${lines.join("\n")}\n${pad}}${suffix}`;
}

/** Splits a comment into lines that fit the width at `indent` (after `// `). */
export function wrapComment(text: string, indent: number): string[] {
  const room = Math.max(40, WIDTH - indent - 3);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
