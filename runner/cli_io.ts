/**
 * The CLI's I/O, passed in so that tests can capture it.
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { lessonPath } from "../lib/lesson/lesson_path.ts";

/** Where the CLI writes and what it knows of its environment. */
export interface CliIo {
  /** Writes to stdout. */
  out(text: string): void;
  /** Writes to stderr. */
  err(text: string): void;
  /** Whether stdout is a terminal. */
  isTTY: boolean;
  /** Whether stderr is a terminal (live progress is drawn there only then); false when absent. */
  errIsTTY?: boolean;
  /** The width of the terminal a stream writes to, when it is one and says. */
  columns?: (stream: "out" | "err") => number | undefined;
  /** Environment variables. */
  env: Record<string, string | undefined>;
}

/**
 * The process's own I/O. A reader that goes away (`run-lesson … | head -1`) ends the output
 * quietly, as `git` and `ls` do: an `EPIPE` on stdout or stderr stops further writes to it
 * instead of crashing with a stack trace, and the command goes on to its cleanup.
 */
export function processIo(): CliIo {
  const out = _closable(process.stdout);
  const err = _closable(process.stderr);
  return {
    out: (text) => void (out.open && process.stdout.write(text)),
    err: (text) => void (err.open && process.stderr.write(text)),
    isTTY: process.stdout.isTTY === true,
    errIsTTY: process.stderr.isTTY === true,
    columns: (stream) => terminalSize(stream === "err" ? process.stderr : process.stdout)?.columns,
    env: process.env,
  };
}

/** What {@link terminalSize} reads of a stream. */
export interface SizedStream {
  columns?: number;
  rows?: number;
  getWindowSize?: () => [number, number];
}

/**
 * The size of the terminal a stream writes to, asked of the terminal now (an ioctl): a stream's
 * `columns` and `rows` change only once the resize event has been handled, and a redraw that
 * comes in between (a poll's, a live progress line's) would clear what it drew for the old size,
 * leaving copies in the scrollback. The last known size when the terminal does not answer (its
 * rows when known); undefined when the stream is not a terminal.
 */
export function terminalSize(stream: SizedStream): { columns: number; rows?: number } | undefined {
  try {
    const [columns, rows] = stream.getWindowSize?.() ?? [0, 0];
    if (columns > 0 && rows > 0) return { columns, rows };
  } catch {
    // Not a terminal after all: the last known size.
  }
  return stream.columns ? { columns: stream.columns, rows: stream.rows || undefined } : undefined;
}

const _streams = new WeakMap<NodeJS.WriteStream, { open: boolean }>();

/** Watches a standard stream once for a reader that went away; other errors are rethrown. */
function _closable(stream: NodeJS.WriteStream): { open: boolean } {
  let state = _streams.get(stream);
  if (state === undefined) {
    const watched = { open: true };
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      watched.open = false;
    });
    _streams.set(stream, watched);
    state = watched;
  }
  return state;
}

/** A usage error: the CLI prints its message on one line and exits 2. */
export class UsageError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A command's option definitions, as `node:util`'s parseArgs takes them. */
type OptionDefinitions = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses a command's arguments strictly, with positionals and `-h`/`--help`; unknown options
 * and missing values throw the parseArgs errors that the CLI reports as usage errors.
 */
export function parseCommandArgs<O extends OptionDefinitions>(argv: string[], options: O) {
  return parseArgs({
    args: argv,
    allowPositionals: true as const,
    strict: true as const,
    options: { ...options, help: { type: "boolean" as const, short: "h" } },
  });
}

/**
 * The parseArgs definition of `--lessons DIR` (repeatable), for the commands that take a lesson:
 * course folders searched for lesson ids before RUN_LESSON_PATH and the bundled lessons.
 */
export const LESSON_OPTIONS = { lessons: { type: "string", multiple: true } } as const;

/** The lesson search path from `--lessons` and RUN_LESSON_PATH (lib/lesson/lesson_path.ts). */
export function lessonSearchPath(values: { lessons?: string[] }, io: CliIo): string[] {
  return lessonPath({ lessons: values.lessons, env: io.env });
}

/** Prints a command's help and resolves with exit code 0. */
export function showHelp(io: CliIo, help: string): Promise<number> {
  io.out(help);
  return Promise.resolve(0);
}
