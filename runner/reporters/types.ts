/**
 * The reporter contract: a function of the event stream that yields text; the CLI writes it.
 * @module
 */
import type { RunEvent } from "../../lib/engine/events.ts";

/** Options every reporter receives. */
export interface ReporterOptions {
  /** Whether to use ANSI colours. */
  color: boolean;
  /** Whether output goes to a terminal (live redrawing allowed). */
  tty: boolean;
}

/** A reporter: reads events, yields text to write. Does no I/O itself. */
export type Reporter = (
  events: AsyncIterable<RunEvent> | Iterable<RunEvent>,
  options: ReporterOptions,
) => AsyncGenerator<string>;
