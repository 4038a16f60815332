/**
 * Runs the CLI in-process with captured output, for tests.
 * @module
 */
import { main } from "../runner/main.ts";
import type { CliIo } from "../runner/cli_io.ts";

/** What one CLI call printed and returned. */
export interface CliRun {
  /** The exit code. */
  code: number;
  /** Everything written to stdout. */
  out: string;
  /** Everything written to stderr. */
  err: string;
}

/** A non-TTY, colourless CLI I/O whose output is kept in `captured`. */
export function captureIo(): { io: CliIo; captured: { out: string; err: string } } {
  const captured = { out: "", err: "" };
  const io: CliIo = {
    out: (text) => void (captured.out += text),
    err: (text) => void (captured.err += text),
    isTTY: false,
    env: {},
  };
  return { io, captured };
}

/** Runs `run-lesson <argv…>` as a non-TTY process would, without colour. */
export async function cli(...argv: string[]): Promise<CliRun> {
  const { io, captured } = captureIo();
  const code = await main(argv, io);
  return { code, ...captured };
}
