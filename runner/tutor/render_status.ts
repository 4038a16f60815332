/**
 * The tutor's status block, redrawn in place under the step: the step's checks with a tick or a
 * cross, the hints of those still failing once hints are shown, whether a poll is running, and
 * the keys. Pure: lines no wider than the terminal, so that the session knows how many lines to
 * move up when it redraws.
 * @module
 */
import { stripAnsi } from "../../lib/expect/strip_ansi.ts";
import { type CheckView, shownHints, type TutorState } from "../../lib/tutor/state.ts";
import type { Palette } from "../reporters/_color.ts";
import { wrap } from "./render_step.ts";

/** The keys line. */
const KEYS = "[n] next  [p] previous  [c] check now  [h] hint  [s] solution  [q] quit";

/** The status block's lines for the state at clock time `now`. */
export function renderStatus(state: TutorState, c: Palette, width: number, now: number): string[] {
  const lines: string[] = [];
  const step = state.steps[state.index];
  if (state.finished) {
    lines.push(
      c.green(c.bold(`✔ End of the lesson: you went through all ${state.steps.length} steps.`)),
      c.dim("To start over: run-lesson tutor <lesson> --restart"),
      c.dim("[p] back to the last step  [q] quit"),
    );
    return lines.map((l) => fit(l, width));
  }
  lines.push(c.bold(`Step ${state.index + 1}/${state.steps.length} · ${step.title}`));
  if (state.checks.length === 0) {
    lines.push(c.dim("Nothing to check in this step: type its commands, then press n."));
  } else {
    const hinted = new Set(shownHints(state).map((h) => h.id));
    for (const check of state.checks) {
      lines.push(checkLine(check, c));
      if (hinted.has(check.id)) {
        const [first, ...rest] = wrap(check.hint, Math.max(20, width - 12));
        lines.push(`      ${c.yellow("hint:")} ${first ?? ""}`);
        for (const more of rest) lines.push(`            ${more}`);
      }
    }
    lines.push(c.dim(pollLine(state, now)));
  }
  lines.push(c.dim(KEYS));
  return lines.map((l) => fit(l, width));
}

function checkLine(check: CheckView, c: Palette): string {
  switch (check.status) {
    case "pending":
      return `  ${c.dim("·")} ${check.title}`;
    case "pass":
      return `  ${c.green("✔")} ${check.title}`;
    case "fail":
      return `  ${c.red("✖")} ${check.title}${check.message ? c.dim(`: ${check.message}`) : ""}`;
    default:
      return `  ${c.yellow("?")} ${check.title}${
        c.dim(`: ${check.status}${check.message ? `, ${check.message}` : ""}`)
      }`;
  }
}

function pollLine(state: TutorState, now: number): string {
  if (state.polling !== undefined) return "checking…";
  if (state.lastPolledAt === undefined) return "waiting to check";
  const seconds = Math.max(0, Math.round((now - state.lastPolledAt) / 1000));
  const failing = state.checks.filter((c) => c.status !== "pass").length;
  if (failing === 0) return `checked ${seconds} s ago: every check passes, press n to go on`;
  return `checked ${seconds} s ago: ${failing} of ${state.checks.length} still to do`;
}

/** A line cut to fit the terminal (colours kept, an ellipsis where it was cut). */
export function fit(line: string, width: number): string {
  const max = Math.max(10, width - 1);
  if (stripAnsi(line).length <= max) return line;
  // Cut the visible text; the escape codes before the cut stay, a reset ends the line.
  let visible = 0;
  let out = "";
  for (let i = 0; i < line.length;) {
    // deno-lint-ignore no-control-regex -- a colour code is what it looks for
    const code = /^\x1b\[[0-9;]*m/.exec(line.slice(i));
    if (code) {
      out += code[0];
      i += code[0].length;
      continue;
    }
    if (visible === max - 1) break;
    out += line[i];
    visible++;
    i++;
  }
  return `${out}…\x1b[0m`;
}
