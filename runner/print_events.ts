/**
 * Where a command's events meet its reporters: every event goes to each reporter, and what each
 * yields is written to its stream (the chosen reporter to stdout; grading's progress to stderr).
 * @module
 */
import type { CommandEvent } from "../lib/engine/events.ts";
import type { CliIo } from "./cli_io.ts";
import { useColor } from "./reporters/_color.ts";
import type { Reporter } from "./reporters/types.ts";

/** A reporter and where its text goes. */
export interface ReporterOutput {
  /** The reporter. */
  reporter: Reporter;
  /** `out` (stdout, the default) or `err` (stderr). */
  stream?: "out" | "err";
}

/** An event stream that a command pushes into while reporters read it. */
export class EventQueue implements AsyncIterable<CommandEvent> {
  #items: CommandEvent[] = [];
  #ended = false;
  #wake: (() => void) | undefined;

  /** Adds an event; ignored once the queue has ended. */
  push(event: CommandEvent): void {
    if (this.#ended) return;
    this.#items.push(event);
    this.#wake?.();
  }

  /** Ends the stream once the events pushed so far are read. */
  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  /** Reads the events in order until the queue ends. */
  async *[Symbol.asyncIterator](): AsyncIterator<CommandEvent> {
    while (true) {
      const next = this.#items.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = undefined;
    }
  }
}

/**
 * Feeds every event to every reporter and writes what each yields, as it yields it; resolves
 * when the events end and every reporter is done. Colour and live redrawing follow the stream
 * each reporter writes to.
 */
export async function printEvents(
  io: CliIo,
  outputs: readonly ReporterOutput[],
  events: AsyncIterable<CommandEvent> | Iterable<CommandEvent>,
): Promise<void> {
  if (outputs.length === 1) {
    await _drain(io, outputs[0], events);
    return;
  }
  const queues = outputs.map(() => new EventQueue());
  const drained = Promise.all(outputs.map((output, i) => _drain(io, output, queues[i])));
  drained.catch(() => {}); // awaited below, once the events are read
  try {
    for await (const event of events) for (const queue of queues) queue.push(event);
  } finally {
    for (const queue of queues) queue.end();
  }
  await drained;
}

async function _drain(
  io: CliIo,
  output: ReporterOutput,
  events: AsyncIterable<CommandEvent> | Iterable<CommandEvent>,
): Promise<void> {
  // Colour and live redrawing follow the stream the reporter writes to.
  const toErr = output.stream === "err";
  // A terminal that says it cannot move the cursor (TERM=dumb) gets plain lines, no redraws.
  const tty = (toErr ? io.errIsTTY === true : io.isTTY) && io.env.TERM !== "dumb";
  const options = {
    color: useColor(tty, io.env),
    tty,
    columns: () => io.columns?.(toErr ? "err" : "out"),
  };
  const write = toErr ? (t: string) => io.err(t) : (t: string) => io.out(t);
  for await (const text of output.reporter(events, options)) write(text);
}

/**
 * Runs `work` while the reporters print what it emits; resolves with what `work` resolved once
 * every reporter is done (also when `work` throws).
 */
export async function printWhile<T>(
  io: CliIo,
  outputs: readonly ReporterOutput[],
  work: (emit: (event: CommandEvent) => void) => Promise<T>,
): Promise<T> {
  const events = new EventQueue();
  const printing = printEvents(io, outputs, events);
  try {
    return await work((event) => events.push(event));
  } finally {
    events.end();
    await printing;
  }
}
