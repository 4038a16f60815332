/**
 * The volatile values in a line of a tutorial's output: what differs on every run and so becomes
 * a placeholder of the expectation language (lib/expect: `{{id}}`, `{{ipv4}}`, `{{cidr}}`,
 * `{{mac}}`, `{{timestamp}}`, `{{duration}}`). Tutorials also print made-up IDs
 * ("a1b2c3d4e5f6g7h8i9j0"): long runs of letters and digits are taken for IDs too, and flagged.
 * @module
 */

/** A placeholder type the import infers. */
export type VolatileType =
  | "id"
  | "ipv4"
  | "ipv6"
  | "cidr"
  | "mac"
  | "timestamp"
  | "duration"
  | "num";

/** One volatile value found in a text. */
export interface Volatile {
  /** Offset of its first character. */
  start: number;
  /** Offset just after it. */
  end: number;
  /** Its placeholder type. */
  type: VolatileType;
  /** The text. */
  value: string;
  /** An ID that Docker could not have printed (not 12 or 64 hex digits). */
  madeUp?: boolean;
}

const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = `(?:${OCTET}\\.){3}${OCTET}`;
const V6 = "[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}";
const UNIT = "(?:ns|us|µs|μs|ms|s|m|h)";

/** Patterns in priority order: a span found by an earlier one is not searched again. */
const PATTERNS: Array<[VolatileType, RegExp]> = [
  [
    "timestamp",
    /\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})/g,
  ],
  ["mac", /(?<![\w:])[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}(?![\w:])/g],
  ["cidr", new RegExp(`(?<![\\w.])${IPV4}\\/\\d{1,2}(?![\\w.])`, "g")],
  ["cidr", new RegExp(`(?<![\\w:])${V6}\\/\\d{1,3}(?![\\w])`, "g")],
  ["ipv4", new RegExp(`(?<![\\w.])${IPV4}(?![\\w]|\\.\\d)`, "g")],
  ["ipv6", new RegExp(`(?<![\\w:])${V6}(?![\\w:])`, "g")],
  ["num", new RegExp(`\\d+\\.\\d+(?=(?:\\/\\d+\\.\\d+)*\\/\\d+\\.\\d+ ?${UNIT}(?![\\w]))`, "g")],
  ["duration", new RegExp(`(?<![\\w.])\\d+\\.\\d+ ?${UNIT}(?![\\w])`, "g")],
  ["duration", /(?<![\w.])\d+ ?(?:ns|us|µs|μs|ms)(?![\w])|(?<![\w.])\d+[smh](?![\w])/g],
  ["id", /(?<![\w.-])[0-9a-f]{12,64}(?![\w-])/g],
  ["id", /(?<![\w.-])[0-9a-z]{20,64}(?![\w-])/g],
];

function _ipv6(value: string): boolean {
  return value.includes("::") ? value !== "::" : value.split(":").length === 8;
}

function _idLike(value: string): boolean {
  return /\d/.test(value) && /[a-z]/.test(value);
}

/**
 * Finds the volatile values of a text, in order, without overlaps.
 *
 * @example
 * ```ts
 * findVolatile("64 bytes from 172.18.0.2: seq=0 ttl=64 time=0.2ms").map((v) => v.type);
 * // ["ipv4", "duration"]
 * ```
 */
export function findVolatile(text: string): Volatile[] {
  const found: Volatile[] = [];
  const taken = (start: number, end: number) => found.some((v) => start < v.end && end > v.start);
  for (const [type, pattern] of PATTERNS) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) {
      const value = m[0];
      const start = m.index!;
      const end = start + value.length;
      if (taken(start, end)) continue;
      if (type === "ipv6" && !_ipv6(value)) continue;
      if (type === "cidr" && value.includes(":") && !_ipv6(value.split("/")[0])) continue;
      if (type === "id" && !_idLike(value)) continue;
      const v: Volatile = { start, end, type, value };
      if (type === "id" && !/^(?:[0-9a-f]{12}|[0-9a-f]{64})$/.test(value)) v.madeUp = true;
      if (type === "id" && /[g-z]/.test(value) && value.replace(/[^0-9]/g, "").length < 4) {
        continue;
      }
      found.push(v);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Whether two values of a type are one value (an ID and its 12-character short form are). */
export function sameValue(type: VolatileType, a: string, b: string): boolean {
  if (a === b) return true;
  if (type !== "id") return false;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 12 && long.startsWith(short);
}
