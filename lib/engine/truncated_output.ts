/**
 * A stream cut at the output bound (lib/target/output_limit.ts) cannot be compared with an
 * expectation that may need what was left out: such a comparison fails with one line saying how
 * big the stream was, instead of matching (and normalising) a part as if it were the whole.
 * @module
 */
import type { Captures, MatchResult } from "../expect/types.ts";
import type { Expectation } from "../lesson/types.ts";
import { formatBytes, maxOutputBytes } from "../target/output_limit.ts";
import type { CommandResult } from "../target/types.ts";

/**
 * The failed comparison for `stream` when the bound cut it and its expectation is not
 * `{ kind: "any" }`; undefined when the stream is whole or the expectation needs none of it.
 */
export function truncatedProblem(
  stream: "stdout" | "stderr",
  expectation: Expectation,
  result: CommandResult,
  captures: Captures = {},
): MatchResult | undefined {
  const size = result.truncated?.[stream];
  if (size === undefined) return undefined;
  if (typeof expectation !== "string" && expectation.kind === "any") return undefined;
  return {
    ok: false,
    resolved: "",
    captures: { ...captures },
    hunks: [],
    mismatch: { expectedLine: 0, actualLine: 0, message: truncatedMessage(size) },
  };
}

/**
 * The one line that says a stream went past the bound and what to do about it (the reason
 * reads `stdout: the output was 200.0 MiB; …`).
 */
export function truncatedMessage(size: number): string {
  return `the output was ${formatBytes(size)}; only the first ${
    formatBytes(_limit())
  } are kept (RUN_LESSON_MAX_OUTPUT), so the expectation cannot be checked: print less or ` +
    `expect { kind: "any" }`;
}

function _limit(): number {
  try {
    return maxOutputBytes();
  } catch {
    return NaN;
  }
}
