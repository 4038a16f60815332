/**
 * User regexes in patterns (`{{/regex/}}`): written in JavaScript syntax, run on RE2 (re2js),
 * which matches in time linear in the line and the pattern, with no backtracking, so no pattern
 * can hang a run. What RE2 cannot run (backreferences, lookaround) is refused when the pattern
 * is parsed.
 * @module
 */

import { RE2JS } from "re2js";

/** A malformed pattern; its message is the problem, without the line. */
export class PatternError extends Error {}

/** The syntax RE2 has no linear-time algorithm for, found by `unsupported()`. */
const REFUSED: [RegExp, string][] = [
  [/^\\[1-9]/, "backreference"],
  [/^\\k<[^>]*>?/, "backreference"],
  [/^\(\?[=!]/, "lookahead"],
  [/^\(\?<[=!]/, "lookbehind"],
];

/**
 * Checks a user regex (JavaScript syntax, no flags) and returns its RE2 source. Throws a
 * PatternError for an invalid regex or one that uses a backreference or lookaround.
 */
export function userRegex(source: string): string {
  try {
    new RegExp(source);
  } catch (error) {
    throw new PatternError(`invalid regex "${source}": ${reason(error)}`);
  }
  const found = unsupported(source);
  if (found !== undefined) {
    const [what, text] = found;
    throw new PatternError(
      `${what} "${text}" in regex "${source}": patterns run on RE2 in linear time, ` +
        `which has no backreferences or lookaround`,
    );
  }
  const translated = RE2JS.translateRegExp(source);
  try {
    RE2JS.compile(translated);
  } catch (error) {
    throw new PatternError(`regex "${source}" cannot run on RE2: ${reason(error)}`);
  }
  return translated;
}

/** The first backreference or lookaround outside character classes: [what, its text]. */
function unsupported(source: string): [string, string] | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\" || (c === "(" && !inClass)) {
      if (!inClass) {
        const rest = source.slice(i);
        for (const [syntax, what] of REFUSED) {
          const hit = syntax.exec(rest);
          if (hit) return [what, hit[0]];
        }
      }
      if (c === "\\") i++;
    } else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
  }
  return undefined;
}

/** The engine's reason for refusing a regex, without its boilerplate. */
export function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const engine = /^Invalid regular expression: \/[\s\S]*\/[a-z]*: ([^:]*)$/.exec(message);
  if (engine) return engine[1];
  return message.replace(/^error parsing regexp: /, "");
}
