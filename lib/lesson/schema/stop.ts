/**
 * The schema of a stop condition: how to end a command that does not end by itself (the doc's
 * `^C` after `ping`), keeping its partial output.
 *
 * @example
 * ```ts
 * const stop = { kind: "lines", count: 3, signal: "SIGINT" }; // ping, three replies, then ^C
 * ```
 * @module
 */
import { Type } from "@sinclair/typebox";
import { CLOSED, Kind, Millis, NonEmpty, OneOf } from "./_kit.ts";

/** The signals a stop condition may send. */
export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGKILL"] as const;

/** The signal a stop condition sends: SIGINT is the doc's `^C`. */
export const StopSignalSchema = OneOf(STOP_SIGNALS);

/** Interrupt once a stdout line matches this pattern (expectation syntax, one line). */
export const PatternStopSchema = Type.Object({
  /** The stop condition's kind. */
  kind: Kind("pattern"),
  /** The line pattern that ends the command; one line, since it is matched line by line. */
  pattern: NonEmpty({
    pattern: "^[^\\n\\r]*$",
    expected: "one line: a stop pattern is matched against each line of output",
  }),
  /** The signal to send; SIGINT when absent. */
  signal: Type.Optional(StopSignalSchema),
}, CLOSED);

/** Interrupt once stdout has this many complete lines. */
export const LinesStopSchema = Type.Object({
  /** The stop condition's kind. */
  kind: Kind("lines"),
  /** How many complete stdout lines end the command. */
  count: Type.Integer({ exclusiveMinimum: 0 }),
  /** The signal to send; SIGINT when absent. */
  signal: Type.Optional(StopSignalSchema),
}, CLOSED);

/** Interrupt after this many milliseconds. */
export const TimeStopSchema = Type.Object({
  /** The stop condition's kind. */
  kind: Kind("time"),
  /** Milliseconds after which the command is ended. */
  ms: Millis(),
  /** The signal to send; SIGINT when absent. */
  signal: Type.Optional(StopSignalSchema),
}, CLOSED);

/** Every stop condition. */
export const StopConditionSchema = Type.Union([PatternStopSchema, LinesStopSchema, TimeStopSchema]);
