/**
 * The CLI's I/O, passed in so that tests can capture it.
 * @module
 */

/** Where the CLI writes and what it knows of its environment. */
export interface CliIo {
  /** Writes to stdout. */
  out(text: string): void;
  /** Writes to stderr. */
  err(text: string): void;
  /** Whether stdout is a terminal. */
  isTTY: boolean;
  /** Environment variables. */
  env: Record<string, string | undefined>;
}

/** The process's own I/O. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
  };
}

/** A usage error: the CLI prints its message on one line and exits 2. */
export class UsageError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
