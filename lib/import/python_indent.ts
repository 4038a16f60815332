/**
 * Indentation for Python code that lost it: text copied off a web page keeps the lines of a
 * code block but not their leading spaces. The structure is guessed back from the code: a line
 * that ends with `:` opens a block, `return`/`raise`/`pass`/`break`/`continue` close one, `else`,
 * `elif`, `except` and `finally` line up with the `if`, loop or `try` they continue, lines inside brackets are continuation lines,
 * and a decorator, `def` or `class` after a blank line starts again at the top level (or inside
 * the class being defined). The result is a guess: the import marks it for review.
 * @module
 */

const CLOSES = /^(?:return|raise|pass|break|continue)\b/;
const OUTDENTED = /^(?:elif|else|except|finally)\b/;
const TOP = /^(?:@|def\s|async\s+def\s|class\s)/;

/** The bracket depth change of a line, ignoring strings and comments. */
function _depth(line: string): number {
  let depth = 0;
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (line.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = "";
      }
      continue;
    }
    if (ch === "#") break;
    if (ch === '"' || ch === "'") quote = line.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
    else if ("([{".includes(ch)) depth++;
    else if (")]}".includes(ch)) depth--;
  }
  return depth;
}

/** The line without a trailing comment (roughly: a `#` outside quotes). */
function _code(line: string): string {
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "#") return line.slice(0, i).trimEnd();
  }
  return line.trimEnd();
}

/**
 * Re-indents flattened Python with four spaces a level.
 *
 * @example
 * ```ts
 * reindentPython("def f(x):\nif x:\nreturn 1\nreturn 2\n");
 * // "def f(x):\n    if x:\n        return 1\n    return 2\n"
 * ```
 */
export function reindentPython(source: string): string {
  const out: string[] = [];
  let level = 0;
  let depth = 0;
  let statement = "";
  let classLevel: number | undefined;
  const openers: Array<{ level: number; keyword: string }> = [];
  let blank = true;
  for (const raw of source.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (line === "") {
      out.push("");
      blank = true;
      continue;
    }
    if (depth > 0) {
      const closing = /^[)\]}]/.test(line) ? 0 : 1;
      out.push("    ".repeat(level + closing) + line);
    } else {
      if (TOP.test(line) && blank && !out[out.length - 2]?.trim().startsWith("@")) {
        level = classLevel !== undefined && !/^class\s/.test(line) ? classLevel + 1 : 0;
        if (/^class\s/.test(line)) classLevel = undefined;
      }
      if (OUTDENTED.test(line)) {
        // Back to the `if`/`try` (or loop) it belongs to, wherever the block above ended.
        const partner = /^(?:except|finally)\b/.test(line)
          ? /^(?:try|except)$/
          : /^(?:if|elif|for|while|try|except)$/;
        const opener = [...openers].reverse().find((o) =>
          o.level <= level && partner.test(o.keyword)
        );
        level = opener ? opener.level : Math.max(0, level - 1);
      }
      while (openers.length > 0 && openers[openers.length - 1].level >= level) openers.pop();
      out.push("    ".repeat(level) + line);
      statement = line;
      if (/^class\s/.test(line)) classLevel = level;
    }
    blank = false;
    depth = Math.max(0, depth + _depth(line));
    if (depth > 0 || line.startsWith("#")) continue;
    if (_code(line).endsWith(":") && !CLOSES.test(statement)) {
      openers.push({ level, keyword: /^[a-z]+/.exec(statement)?.[0] ?? "" });
      level++;
    } else if (CLOSES.test(statement)) level = Math.max(0, level - 1);
  }
  return out.join("\n");
}
