/**
 * Renders a failed match as a human diff: where, why, then `-` expected / `+` actual hunks.
 * @module
 */

import { diffWordsWithSpace } from "diff";
import picocolors from "picocolors";
import type { Hunk, MatchResult } from "../expect/types.ts";

/** Always on: `DiffContext.color` decides whether they are used. */
const colors = picocolors.createColors(true);

/** Where a match happened, and how to render it. */
export interface DiffContext {
  /** The lesson id. */
  lesson: string;
  /** The step id. */
  step: string;
  /** The command as the doc shows it. */
  command: string;
  /** Which output was compared. */
  stream: "stdout" | "stderr" | "exit";
  /** Whether to use red/green ANSI colours. */
  color: boolean;
  /** Lines shown per side of a hunk before the rest is summarised; 40 when absent. */
  maxLines?: number;
}

/** Renders a failed match result (an empty string when it matched). */
export function formatDiff(result: MatchResult, ctx: DiffContext): string {
  if (result.ok) return "";
  const what = ctx.stream === "exit" ? "exit code" : ctx.stream;
  const out = [
    `lesson "${ctx.lesson}", step "${ctx.step}", command "${
      oneLine(ctx.command)
    }": ${what} differs`,
  ];
  const numbered = ctx.stream !== "exit";
  if (result.mismatch) {
    const { expectedLine, actualLine, message } = result.mismatch;
    const where = [
      expectedLine > 0 ? `expected line ${expectedLine}` : "",
      actualLine > 0 ? `actual line ${actualLine}` : "",
    ].filter((s) => s !== "").join(", ");
    out.push(numbered && where !== "" ? `${where}: ${message}` : message);
  }
  for (const hunk of result.hunks) out.push(...formatHunk(hunk, ctx, numbered));
  return out.join("\n");
}

function formatHunk(hunk: Hunk, ctx: DiffContext, numbered: boolean): string[] {
  const max = ctx.maxLines ?? 40;
  const out: string[] = [];
  if (numbered) {
    out.push(
      `@@ ${range("-", hunk.expectedStart, hunk.expected.length)} ${
        range("+", hunk.actualStart, hunk.actual.length)
      } @@`,
    );
  }
  const last = Math.max(
    hunk.expectedStart + Math.min(hunk.expected.length, max),
    hunk.actualStart + Math.min(hunk.actual.length, max),
  ) - 1;
  const width = String(last).length;
  const [expected, actual] = ctx.color
    ? emphasise(hunk.expected, hunk.actual)
    : [hunk.expected, hunk.actual];
  const side = (sign: "-" | "+", lines: string[], start: number) => {
    const color = sign === "-" ? colors.red : colors.green;
    lines.slice(0, max).forEach((text, k) => {
      const gutter = numbered ? `${String(start + k).padStart(width)} | ` : "";
      const line = `${sign} ${gutter}${text}`;
      out.push(ctx.color ? color(line) : line);
    });
    if (lines.length > max) {
      const more = `${sign} … ${lines.length - max} more ${
        lines.length - max === 1 ? "line" : "lines"
      }`;
      out.push(ctx.color ? color(more) : more);
    }
  };
  side("-", expected, hunk.expectedStart);
  side("+", actual, hunk.actualStart);
  return out;
}

/** A unified-diff range: `-3,2`, or the line before for an empty side (`+4,0`). */
function range(sign: string, start: number, count: number): string {
  return `${sign}${count === 0 ? start - 1 : start},${count}`;
}

/** Highlights what changed between the k-th expected and k-th actual line (inverse video). */
function emphasise(expected: string[], actual: string[]): [string[], string[]] {
  const e = expected.slice();
  const a = actual.slice();
  for (let k = 0; k < Math.min(e.length, a.length); k++) {
    let left = "";
    let right = "";
    for (const part of diffWordsWithSpace(expected[k], actual[k])) {
      if (part.removed) left += colors.inverse(part.value);
      else if (part.added) right += colors.inverse(part.value);
      else {
        left += part.value;
        right += part.value;
      }
    }
    e[k] = left;
    a[k] = right;
  }
  return [e, a];
}

/** A command on one line: continuation lines are joined. */
function oneLine(command: string): string {
  return command.replace(/\s*\\?\n\s*/g, " ").trim();
}
