/**
 * Building blocks of the lesson format's schema: the field shapes that recur (names, time
 * limits, kinds), and the one extra keyword the schema uses, `expected`, which words what a
 * field must be for the one-line messages of validation (see explain.ts). The published JSON
 * Schema drops it.
 * @module
 */
import { type SchemaOptions, type TLiteral, type TString, Type } from "@sinclair/typebox";

/**
 * The longest time a timer can wait, in milliseconds (2^31 - 1, about 24.8 days): Node fires a
 * longer one after 1 ms, so longer time limits are refused.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Options of an object whose fields are all known: an unknown field (a typo) is refused. */
export const CLOSED = { additionalProperties: false } as const;

/** Schema options, with `expected`: what the value must be, worded for a message. */
export interface Options extends SchemaOptions {
  /** What the value must be, e.g. `a non-empty array of step module paths`. */
  expected?: string;
}

/** A string of at least one character. */
export function NonEmpty(options: Options = {}): TString {
  return Type.String({ minLength: 1, ...options });
}

/** A time limit in milliseconds: a positive number a timer can wait for. */
export function Millis(options: Options = {}) {
  return Type.Number({ exclusiveMinimum: 0, maximum: MAX_TIMER_MS, ...options });
}

/** The `kind` that tells the variants of a union apart. */
export function Kind<K extends string>(kind: K): TLiteral<K> {
  return Type.Literal(kind);
}

/** A union of string literals, e.g. the signals a stop condition may send. */
export function OneOf<K extends string>(values: readonly K[], options: Options = {}) {
  return Type.Union(values.map((value) => Type.Literal(value)), options);
}

/**
 * The `kind` of an open union's other variants: any non-empty string but the known kinds and
 * the kinds under a reserved prefix (so that `docker.bogus` is refused, while a target may add
 * a kind of its own).
 */
export function OtherKind(known: readonly string[], reservedPrefix: string, expected: string) {
  return Type.Intersect([
    NonEmpty(),
    Type.Not(
      Type.Union([
        ...known.map((kind) => Type.Literal(kind)),
        Type.String({ pattern: `^${reservedPrefix.replaceAll(".", "\\.")}` }),
      ]),
    ),
  ], { expected });
}

/** Quotes a list for a message: `"a", "b" or "c"`. */
export function orList(values: readonly unknown[]): string {
  const quoted = values.map((value) => JSON.stringify(value));
  return quoted.length < 2
    ? quoted.join("")
    : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}
