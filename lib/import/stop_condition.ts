/**
 * How an imported command that never ends by itself is ended. When the doc's output ends with
 * `^C`, the reader interrupted it after the lines shown: a stop condition after that many lines,
 * and the `^C` line dropped from the expectation. When the doc shows no `^C` for a command that
 * never ends (`ping` without `-c`, `tail -f`, `docker logs -f`, `watch`), the doc is wrong: the
 * command gets a time limit, so the run reports it as timed out instead of hanging, and a review
 * note proposes a stop condition. A doc that shows such a command failing at once ("ping: bad
 * address") shows it ending: it gets neither.
 * @module
 */
import type { StopCondition } from "../lesson/types.ts";
import { neverEnds } from "./command_words.ts";

/** What the import does about a command's end. */
export interface EndPlan {
  /** The doc's output without its `^C` line. */
  output?: string;
  /** The stop condition, when the doc interrupts the command. */
  stop?: StopCondition;
  /** A time limit, when it never ends and the doc does not say how it is ended. */
  timeoutMs?: number;
  /** A review note. */
  note?: string;
}

/** The time limit given to a command that never ends and that the doc never interrupts. */
export const NEVER_ENDS_TIMEOUT_MS = 5_000;

const CTRL_C = /^\s*\^C\s*$/;
const FAILED =
  /\b(?:bad address|unknown host|not known|not found|no such|cannot|can't|could not|failed|refused|unreachable|error|denied)\b/i;

/**
 * Plans how the command ends.
 *
 * @example
 * ```ts
 * planEnd("ping redis", "PING redis (10.0.0.2)\n64 bytes from 10.0.0.2\n^C");
 * // { output: "PING redis (10.0.0.2)\n64 bytes from 10.0.0.2", stop: { kind: "lines", count: 2 } }
 * ```
 */
export function planEnd(run: string, output: string | undefined): EndPlan {
  const lines = output === undefined ? [] : output.split("\n");
  const cut = lines.findIndex((l) => CTRL_C.test(l));
  if (cut >= 0) {
    const shown = lines.slice(0, cut);
    while (shown.length > 0 && shown[shown.length - 1].trim() === "") shown.pop();
    const count = shown.length;
    if (count > 0) {
      return { output: shown.join("\n"), stop: { kind: "lines", count } };
    }
    return {
      output: undefined,
      stop: { kind: "time", ms: 2_000 },
      note: "the doc interrupts it (^C) without showing output: stopped after 2 s",
    };
  }
  if (!neverEnds(run)) return { output };
  const last = lines.filter((l) => l.trim() !== "").pop() ?? "";
  if (lines.length <= 2 && FAILED.test(last)) {
    return { output, note: "the doc shows it failing, so it ends by itself: no time limit" };
  }
  return {
    output,
    timeoutMs: NEVER_ENDS_TIMEOUT_MS,
    note: "never ends by itself and the doc shows no ^C: the run reports a timeout here; " +
      'if the reader is meant to interrupt it, add stop: { kind: "lines", count: N }',
  };
}
