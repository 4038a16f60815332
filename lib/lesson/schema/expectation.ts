/**
 * The schema of an expectation: what a command's stdout or stderr should look like, and which
 * exit codes count as success. A string is
 * an ordered pattern of lines (see the README's expectation language); the object forms select
 * the other modes. That the patterns parse, and that captures are bound before they are used,
 * is checked after the schema (validate.ts).
 * @module
 */
import { Type } from "@sinclair/typebox";
import { CLOSED, Kind } from "./_kit.ts";

/** Ordered lines, the same as a plain string. */
export const LinesExpectationSchema = Type.Object({
  /** The expectation form. */
  kind: Kind("lines"),
  /** The pattern, one output line per line. */
  text: Type.String(),
}, CLOSED);

/** Lines in any order, for tables; `...` allows extra lines. */
export const UnorderedExpectationSchema = Type.Object({
  /** The expectation form. */
  kind: Kind("unordered"),
  /** The pattern, one output line per line. */
  text: Type.String(),
  /** How many leading lines (a table's header) must come first and in order; 0 when absent. */
  header: Type.Optional(Type.Integer({ minimum: 0 })),
}, CLOSED);

/** The output parsed as JSON must contain this value; strings may hold placeholders. */
export const JsonExpectationSchema = Type.Object({
  /** The expectation form. */
  kind: Kind("json"),
  /** The JSON subset the output must contain. */
  value: Type.Unknown(),
}, CLOSED);

/** Anything, not compared (the output is still recorded). */
export const AnyExpectationSchema = Type.Object({
  /** The expectation form. */
  kind: Kind("any"),
}, CLOSED);

/** Every form of expectation. */
export const ExpectationSchema = Type.Union([
  Type.String(),
  LinesExpectationSchema,
  UnorderedExpectationSchema,
  JsonExpectationSchema,
  AnyExpectationSchema,
], { expected: "a string or an expectation object" });

/** Which exit codes count as success for a command. */
export const ExitExpectationSchema = Type.Union([
  Type.Integer({ minimum: 0, maximum: 255 }),
  Kind("nonzero"),
  Kind("any"),
], { expected: '0-255, "nonzero" or "any"' });
