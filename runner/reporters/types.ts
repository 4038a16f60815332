/**
 * The reporter contract: a function of any command's event stream that yields text; the CLI
 * writes it.
 * @module
 */
import type { CommandEvent } from "../../lib/engine/events.ts";

/** Options every reporter receives. */
export interface ReporterOptions {
  /** Whether to use ANSI colours. */
  color: boolean;
  /** Whether output goes to a terminal (live redrawing allowed). */
  tty: boolean;
  /** The terminal's width now, for live lines (undefined when it does not say). */
  columns?: () => number | undefined;
}

/** A reporter: reads events, yields text to write. Does no I/O itself. */
export type Reporter = (
  events: AsyncIterable<CommandEvent> | Iterable<CommandEvent>,
  options: ReporterOptions,
) => AsyncGenerator<string>;
