/**
 * OpenSSH host patterns (`*`, `?`, `!negation`), shared by known_hosts and ssh_config.
 * @module
 */

/** Whether `text` matches one glob pattern with `*` and `?`, ignoring case. */
export function matchPattern(text: string, pattern: string): boolean {
  const source = pattern.toLowerCase().split("").map((char) =>
    char === "*" ? ".*" : char === "?" ? "." : char.replace(/[\\^$.+()[\]{}|/]/g, "\\$&")
  ).join("");
  return new RegExp(`^${source}$`, "s").test(text.toLowerCase());
}

/**
 * Matches `text` against patterns where a leading `!` negates: -1 when a negated pattern
 * matches (which vetoes the whole list), 1 when a plain one does, 0 when none does.
 */
export function matchPatternList(text: string, patterns: readonly string[]): -1 | 0 | 1 {
  let result: 0 | 1 = 0;
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) {
      if (matchPattern(text, pattern.slice(1))) return -1;
    } else if (pattern !== "" && matchPattern(text, pattern)) {
      result = 1;
    }
  }
  return result;
}
