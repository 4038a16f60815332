/**
 * Judges each Output block against the real run: fresh, stale, not compared or failed.
 * @module
 */
import type { Capture, MatchResult } from "../expect/types.ts";
import { match, normalize } from "../expect/mod.ts";
import { commandKey, type RunRecords } from "./collect_run.ts";
import { bindUnbound, mentionedNames } from "./_rebind.ts";
import type { DocLink, FencedBlock, OutputBlock, Verdict } from "./types.ts";

type Linked = DocLink & { output: OutputBlock };

/** Options for `judgeDoc`. */
export interface JudgeOptions {
  /** The doc's path as shown in messages (where a capture was bound). */
  file?: string;
  /** Filled with the captures the doc's blocks bind (after the update), when given. */
  bound?: Record<string, Capture>;
}

/**
 * Judges every linked Output block. A block is fresh when its text satisfies the command's
 * expectation for its stream with the doc's own captures (built from the doc's blocks in
 * order; a value the doc has not shown yet binds where it first appears), or, without an
 * expectation, when it equals the real output. A stale block gets the real output; when that
 * output disagrees with a value an earlier fresh block shows, that block is refreshed too, so
 * the updated doc agrees with itself.
 */
export function judgeDoc(
  links: readonly DocLink[],
  run: RunRecords,
  options: JudgeOptions = {},
): Verdict[] {
  const items = links.filter((l): l is Linked => l.output !== undefined);
  const verdicts: Verdict[] = [];
  const compared: number[] = [];
  const actual = new Map<number, string>();
  for (const [i, link] of items.entries()) {
    const outcome = run.outcomes.get(commandKey(link.step, link.index));
    if (link.output.abridged) {
      verdicts[i] = { link, status: "not-compared", reason: "abridged" };
    } else if (!link.output.block.closed) {
      verdicts[i] = { link, status: "not-compared", reason: "no closing fence" };
    } else if (outcome === undefined) {
      verdicts[i] = { link, status: "not-compared", reason: "not run" };
    } else if (outcome.status === "skipped") {
      verdicts[i] = { link, status: "not-compared", reason: outcome.reason ?? "skipped" };
    } else if (outcome.status !== "passed" || outcome.result === undefined) {
      verdicts[i] = { link, status: "failed", reason: outcome.reason ?? outcome.status };
    } else {
      compared.push(i);
      actual.set(i, normalize(outcome.result[link.output.stream]));
    }
  }
  const stale = new Map<number, { reason: string; result?: MatchResult }>();
  for (let round = 0; round <= compared.length; round++) {
    const doc: Record<string, Capture> = {};
    const boundBy = new Map<string, number>();
    const absorb = (captures: Record<string, Capture>, i: number) => {
      for (const [name, capture] of Object.entries(captures)) {
        if (doc[name] === capture) continue;
        doc[name] = capture;
        if (!boundBy.has(name)) boundBy.set(name, i);
      }
    };
    let restart = false;
    for (const i of compared) {
      const link = items[i];
      const { block, stream } = link.output;
      const real = actual.get(i)!;
      const expectation = link.command[stream];
      if (expectation === undefined) {
        const reason = exactDifference(normalize(block.text), real);
        if (reason === undefined) verdicts[i] = { link, status: "fresh" };
        else verdicts[i] = staleVerdict(link, reason, real);
        continue;
      }
      const pattern = bindUnbound(expectation, doc, run.types);
      const origin = `${options.file ?? "doc"}:${block.line + 1}, output`;
      if (!stale.has(i)) {
        const own = match(pattern, block.text, { captures: doc, origin });
        if (own.ok) {
          absorb(own.captures, i);
          verdicts[i] = { link, status: "fresh" };
          continue;
        }
        stale.set(i, { reason: mismatchText(own), result: own });
      }
      const updated = match(pattern, real, { captures: doc, origin });
      const why = stale.get(i)!;
      verdicts[i] = staleVerdict(link, why.reason, real, why.result);
      if (updated.ok) {
        absorb(updated.captures, i);
        continue;
      }
      // The real output disagrees with a value an earlier fresh block shows: refresh that one.
      const culprits = [...mentionedNames(expectation)]
        .map((name) => boundBy.get(name))
        .filter((j): j is number => j !== undefined && !stale.has(j));
      for (const j of culprits) {
        stale.set(j, {
          reason: `refreshed to agree with the updated block at line ${block.line}`,
        });
      }
      if (culprits.length > 0) {
        restart = true;
        break;
      }
    }
    if (!restart) {
      if (options.bound) Object.assign(options.bound, doc);
      break;
    }
  }
  return verdicts;
}

function staleVerdict(
  link: Linked,
  reason: string,
  actual: string,
  result?: MatchResult,
): Verdict {
  const unwritable = fenceConflict(link.output.block, actual);
  return {
    link,
    status: "stale",
    reason,
    actual,
    ...(result ? { result } : {}),
    ...(unwritable ? { unwritable } : {}),
  };
}

function mismatchText(result: MatchResult): string {
  const m = result.mismatch;
  if (!m) return "differs";
  return m.actualLine > 0 ? `line ${m.actualLine}: ${m.message}` : m.message;
}

/** Why two normalised texts differ, line by line, or undefined when they are equal. */
function exactDifference(doc: string, real: string): string | undefined {
  if (doc === real) return undefined;
  const a = doc === "" ? [] : doc.split("\n");
  const b = real === "" ? [] : real.split("\n");
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    if (a[k] === b[k]) continue;
    if (a[k] === undefined) return `line ${k + 1}: missing line "${b[k]}"`;
    if (b[k] === undefined) return `line ${k + 1}: extra line "${a[k]}"`;
    return `line ${k + 1}: expected "${b[k]}", got "${a[k]}"`;
  }
  return "differs";
}

/** Why `text` cannot be written into the block: one of its lines would close the fence. */
function fenceConflict(block: FencedBlock, text: string): string | undefined {
  const char = block.fence[0];
  const lines = text === "" ? [] : text.split("\n");
  for (const [k, line] of lines.entries()) {
    const fence = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(line);
    if (fence && fence[1][0] === char && fence[1].length >= block.fence.length) {
      return `line ${k + 1} of the real output ("${line}") would close the ${block.fence} fence: ` +
        `use a longer fence`;
    }
  }
  return undefined;
}
