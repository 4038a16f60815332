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

/** Runs `run-lesson <argv…>` as a non-TTY process would, without colour. */
export async function cli(...argv: string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const io: CliIo = {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    isTTY: false,
    env: {},
  };
  const code = await main(argv, io);
  return { code, out, err };
}
