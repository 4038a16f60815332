/**
 * A new expectation from what a command printed: the pattern lines that still match are kept
 * as written, and each differing line is refitted (see `refitLine`), so placeholders and
 * captures that still match stay and only the literal text changes.
 * @module
 */
import type { Expectation } from "../lesson/types.ts";
import { matchLine, normalize } from "../expect/mod.ts";
import type { Captures, MatchResult } from "../expect/types.ts";
import { literalLine, refitLine } from "./_refit.ts";

/** The accepted expectation, or why it is left alone. */
export type Accepted =
  | { ok: true; expectation: Expectation; text: string }
  | { ok: false; reason: string };

/**
 * Accepts `actual` for an expectation that failed with `result` (the run's match, whose
 * captures include the ones bound before). Strings, `lines` and `unordered` are accepted;
 * `json` is left alone.
 */
export function acceptExpectation(
  expectation: Expectation,
  actual: string,
  result: MatchResult,
): Accepted {
  const text = normalize(actual);
  if (typeof expectation === "string") {
    const accepted = acceptLines(expectation, result);
    return { ok: true, expectation: accepted, text: accepted };
  }
  switch (expectation.kind) {
    case "lines": {
      const accepted = acceptLines(expectation.text, result);
      return { ok: true, expectation: { ...expectation, text: accepted }, text: accepted };
    }
    case "unordered": {
      const accepted = acceptUnordered(expectation.text, expectation.header ?? 0, text, result);
      return { ok: true, expectation: { ...expectation, text: accepted }, text: accepted };
    }
    default:
      return { ok: false, reason: `a "${expectation.kind}" expectation is not accepted` };
  }
}

/**
 * An ordered pattern accepted: outside the result's hunks the pattern lines are kept (they
 * matched), and in each hunk the k-th printed line is the k-th pattern line refitted.
 */
export function acceptLines(pattern: string, result: MatchResult): string {
  if (result.ok) return pattern;
  const lines = splitText(normalize(pattern));
  const out: string[] = [];
  let p = 0;
  for (const hunk of result.hunks) {
    while (p < hunk.expectedStart - 1) out.push(lines[p++]);
    out.push(...refitHunk(hunk.expected, hunk.actual, result.captures));
    p = Math.max(p, hunk.expectedStart - 1 + hunk.expected.length);
  }
  out.push(...lines.slice(p));
  return out.join("\n");
}

/**
 * An unordered pattern accepted: the header is refitted line by line; a body line that still
 * matches a printed line is kept (in the pattern's order), each other body line is refitted to
 * the printed line that matches none and shares the most words with it, and a printed line left
 * over is added, in the printed order. A `...` line (room for other rows) is kept, last, and
 * takes the printed lines left over instead.
 */
export function acceptUnordered(
  pattern: string,
  header: number,
  actual: string,
  result: MatchResult,
): string {
  if (result.ok) return pattern;
  const lines = splitText(normalize(pattern));
  const printed = splitText(actual);
  const captures = result.captures;
  const out: string[] = [];
  for (const [k, line] of lines.slice(0, header).entries()) {
    if (k >= printed.length) break;
    out.push(accepts(line, printed[k], captures) ? line : refitLine(line, printed[k], captures));
  }
  const body = printed.slice(header);
  const used = new Set<number>();
  const unmatched: string[] = [];
  const room: string[] = [];
  for (const line of lines.slice(header)) {
    if (line.trim() === "...") {
      room.push(line);
      continue;
    }
    const a = body.findIndex((b, k) => !used.has(k) && accepts(line, b, captures));
    if (a >= 0) {
      used.add(a);
      out.push(line);
    } else unmatched.push(line);
  }
  const models = new Map<number, string>();
  for (const model of unmatched) {
    let best = -1;
    let most = room.length > 0 ? 0 : -1; // with room, a row that shares no word is another row
    body.forEach((line, k) => {
      const score = used.has(k) || models.has(k) ? -1 : sharedWords(model, line);
      if (score > most) [best, most] = [k, score];
    });
    if (best >= 0) models.set(best, model);
  }
  body.forEach((line, k) => {
    if (used.has(k)) return;
    const model = models.get(k);
    if (model !== undefined) out.push(refitLine(model, line, captures));
    else if (room.length === 0) out.push(literalLine(line));
  });
  return [...out, ...room].join("\n");
}

/** How many of the pattern line's words (placeholders aside) the printed line shows. */
function sharedWords(pattern: string, line: string): number {
  const words = new Set(line.split(/\s+/));
  return pattern.split(/\s+/).filter((w) => w !== "" && !w.includes("{{") && words.has(w)).length;
}

function refitHunk(expected: string[], actual: string[], captures: Captures): string[] {
  return actual.map((line, k) =>
    k < expected.length ? refitLine(expected[k], line, captures) : literalLine(line)
  );
}

function accepts(pattern: string, line: string, captures: Captures): boolean {
  if (pattern.trim() === "...") return false;
  try {
    return matchLine(pattern, line, captures).ok;
  } catch {
    return false;
  }
}

function splitText(text: string): string[] {
  return text === "" ? [] : text.split("\n");
}
