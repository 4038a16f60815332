/**
 * The placeholder types of the expectation language and how captured values agree.
 * @module
 */

import { userRegex } from "./_regex.ts";

const H = "[0-9a-fA-F]{1,4}";
const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = `(?:${OCTET}\\.){3}${OCTET}`;
const IPV6 = "(?:" + [
  `(?:${H}:){7}${H}`,
  `(?:${H}:){1,7}:`,
  `(?:${H}:){1,6}:${H}`,
  `(?:${H}:){1,5}(?::${H}){1,2}`,
  `(?:${H}:){1,4}(?::${H}){1,3}`,
  `(?:${H}:){1,3}(?::${H}){1,4}`,
  `(?:${H}:){1,2}(?::${H}){1,5}`,
  `${H}:(?::${H}){1,6}`,
  `:(?:(?::${H}){1,7}|:)`,
  `::(?:ffff(?::0{1,4})?:)?${IPV4}`,
  `(?:${H}:){1,4}:${IPV4}`,
].join("|") + ")";

// JavaScript's \s, which RE2's ASCII-only \s is not: `word` keeps excluding Unicode spaces.
const SPACE = "\\s\\x{0B}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}" +
  "\\x{205F}\\x{3000}\\x{FEFF}";

/** RE2 source (no flags, no capturing groups) for each placeholder type. */
export const TYPES: Readonly<Record<string, string>> = {
  id: "\\b(?:[0-9a-f]{64}|[0-9a-f]{12})\\b",
  hex: "[0-9a-fA-F]+",
  ipv4: IPV4,
  ipv6: IPV6,
  cidr: `(?:${IPV4}|${IPV6})\\/\\d{1,3}`,
  mac: "[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}",
  duration: "\\d+(?:\\.\\d+)? ?(?:ns|us|µs|μs|ms|s|m|h)",
  timestamp: "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:[Zz]|[+-]\\d{2}:\\d{2})",
  int: "-?\\d+",
  num: "-?\\d+(?:\\.\\d+)?",
  word: `[^${SPACE}]+`,
};

/** Whether `name` is a placeholder type. */
export function isType(name: string): boolean {
  return Object.hasOwn(TYPES, name);
}

/** RE2 source for a capture type: a type name, `/regex/`, or "" when unknown. */
export function typeSource(type: string): string {
  if (type.startsWith("/")) return `(?:${userRegex(type.slice(1, -1))})`;
  return isType(type) ? TYPES[type] : "[\\s\\S]+?";
}

function prefixTyped(type: string): boolean {
  return type === "id" || type === "hex";
}

/** Whether a new value agrees with a bound one (ids and hex: one a prefix of the other, >= 12). */
export function agree(type: string, bound: string, value: string): boolean {
  if (bound === value) return true;
  if (!prefixTyped(type)) return false;
  const [short, long] = bound.length < value.length ? [bound, value] : [value, bound];
  return short.length >= 12 && long.startsWith(short);
}

/** Whether `value` should replace `bound` (the longer form of an id is kept). */
export function longer(type: string, bound: string, value: string): boolean {
  return prefixTyped(type) && value.length > bound.length;
}
