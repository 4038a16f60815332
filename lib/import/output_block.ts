/**
 * A tutorial's Output block: what the label above it says ("Output:", "Output (on stderr, exit
 * code 1):", "Output (abridged):", "Expected output:") about the stream, the exit code and whether
 * the block is only part of the output; and which command of the block above it the output
 * belongs to. A doc that shows several commands and then one output usually means the last; but
 * when they run one program and the output's first line names an argument of exactly one of them
 * ("PING redis (…)" under `ping cache-primary`, `ping redis`, `ping cache`), it is that one's.
 * @module
 */
import type { DocCommand } from "./types.ts";

/** What an Output label says. */
export interface OutputLabel {
  /** The output is on stderr. */
  stderr?: boolean;
  /** The exit code it names. */
  exitCode?: number;
  /** The block is only part of the output. */
  partial?: boolean;
}

const LABEL = /^(?:expected\s+|sample\s+|example\s+)?output\b([^\n]*)$/i;

/**
 * Reads a paragraph as an Output label; undefined when it is not one.
 *
 * @example
 * ```ts
 * parseOutputLabel("Output (on stderr, exit code 1):"); // { stderr: true, exitCode: 1 }
 * parseOutputLabel("Output (abridged):"); // { partial: true }
 * parseOutputLabel("Inspect it:"); // undefined
 * ```
 */
export function parseOutputLabel(paragraph: string): OutputLabel | undefined {
  const text = paragraph.trim().replace(/\s+/g, " ");
  const m = LABEL.exec(text);
  if (!m) return undefined;
  const rest = m[1];
  // "Output:" or "Output (…):" — a sentence that merely starts with the word is not a label.
  if (!/^\s*(?:\(.*\))?\s*:?\s*$/.test(rest) && !/^\s*:/.test(rest)) return undefined;
  const label: OutputLabel = {};
  if (/\bstderr\b|standard error/i.test(rest)) label.stderr = true;
  const code = /exit (?:code|status) (\d+)/i.exec(rest);
  if (code) label.exitCode = Number(code[1]);
  if (/\b(?:abridged|part|excerpt|truncated|shortened|trimmed|partial)\b/i.test(rest)) {
    label.partial = true;
  }
  return label;
}

/** The words of a command that may show up in its output: arguments that are not flags. */
function _arguments(run: string): string[] {
  const text = run.replace(/\\\n/g, " ").replace(/(?:^|\s)#.*$/, "");
  return text.trim().split(/\s+/).slice(1).filter((w) => !w.startsWith("-") && w.length >= 3)
    .map((w) => w.replace(/^['"]|['"]$/g, ""));
}

function _escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** How many of the command's arguments the line names, as whole words. */
function _named(run: string, line: string): number {
  return _arguments(run).filter((word) =>
    new RegExp(`(?<![\\w.-])${_escape(word)}(?![\\w-])`).test(line)
  ).length;
}

/** Whether the command's first line sends its stdout into a file (`> f`, `>> f`, `&> f`). */
function _toFile(run: string): boolean {
  return /(?:^|[^\d>])>>?(?![&>])/.test(run.split("\n")[0]);
}

/**
 * The command of `block` that `output` belongs to: the only one whose arguments its first line
 * names best, else the last.
 *
 * @example
 * ```ts
 * const block = ["ping a1", "ping redis", "ping cache"].map((run, i) => ({ run, line: i, block: 1 }));
 * pickOutputCommand(block, "PING redis (10.0.0.2): 56 data bytes").run; // "ping redis"
 * ```
 */
export function pickOutputCommand(block: DocCommand[], output: string): DocCommand {
  const last = block[block.length - 1];
  if (block.length < 2) return last;
  // Only among commands of one program (three pings): otherwise an argument that the output
  // echoes (`echo hello > f; cat f`) would pick the wrong one.
  const programs = new Set(block.map((c) => c.run.trim().split(/\s+/)[0]));
  if (programs.size > 1) return last;
  const first = output.split("\n").find((l) => l.trim() !== "") ?? "";
  // A command whose output goes into a file (`cat > f <<EOF`) shows none, though it names it.
  const scores = block.map((c) => _toFile(c.run) ? 0 : _named(c.run, first));
  const best = Math.max(...scores);
  if (best === 0) return last;
  const winners = block.filter((_, i) => scores[i] === best);
  return winners.length === 1 ? winners[0] : last;
}
