/**
 * The tutor in a terminal: reads keys in raw mode, ticks a clock, runs the polls the state
 * machine asks for (one at a time), and draws. The step's doc goes into the terminal's
 * scrollback, where the learner can scroll; the status block under it (checks, hints, keys) is
 * redrawn in place.
 * @module
 */
import { stripAnsi } from "../../lib/expect/strip_ansi.ts";
import type { LoadedStep } from "../../lib/lesson/types.ts";
import {
  type PollOutcome,
  TUTOR_KEYS,
  type TutorEffect,
  type TutorKey,
  type TutorOptions,
  tutorReduce,
  tutorStart,
  type TutorState,
  type TutorStep,
} from "../../lib/tutor/state.ts";
import type { StepSection } from "../../lib/tutor/step_doc.ts";
import type { Palette } from "../reporters/_color.ts";
import { fit, renderStatus } from "./render_status.ts";
import { renderSolution, renderStep } from "./render_step.ts";

/** The terminal the tutor runs in. */
export interface TutorTerminal {
  /** Raw-mode-capable input (process.stdin). */
  input: NodeJS.ReadStream;
  /** Writes to the terminal. */
  write(text: string): void;
  /** The terminal's width in columns, now. */
  columns(): number;
  /** The terminal's height in rows, now, when known. */
  rows?(): number;
}

/** What a session needs. */
export interface TutorSessionOptions {
  /** The lesson's steps as loaded. */
  steps: readonly LoadedStep[];
  /** The steps as the state machine sees them (same order). */
  tutorSteps: readonly TutorStep[];
  /** Each step's doc section, by step id. */
  sections: ReadonlyMap<string, StepSection>;
  /** Where to start. */
  start: { index: number; finished: boolean };
  /** Timing. */
  options: TutorOptions;
  /** Polls a step's checks; never rejects (the poll answers errors as outcomes). */
  poll(step: string, signal: AbortSignal): Promise<PollOutcome[]>;
  /** Saves where the learner is; returns a warning to show when the save failed. */
  save(step: string, finished: boolean): string | undefined;
  /** Colours. */
  palette: Palette;
  /** The terminal. */
  terminal: TutorTerminal;
  /** Aborts the session as the q key does (SIGINT, SIGTERM). */
  signal?: AbortSignal;
}

/** How often the clock ticks, in milliseconds: polls are due on ticks. */
const TICK_MS = 250;

/** Runs the tutor until the learner quits; resolves with the last state. */
export function runTutorSession(o: TutorSessionOptions): Promise<TutorState> {
  const { terminal, palette: c } = o;
  const stop = new AbortController();
  let state: TutorState;
  // The visible widths of the status block's lines on screen; the cursor sits at the end of
  // its last.
  let drawn: number[] = [];
  let shown = "";
  let inFlight: Promise<void> = Promise.resolve();
  let done: (state: TutorState) => void = () => {};
  const finished = new Promise<TutorState>((resolve) => (done = resolve));

  const clearStatus = () => {
    if (drawn.length === 0) return;
    // A terminal made narrower since the draw rewraps (reflows) a longer line onto more rows.
    const columns = Math.max(1, terminal.columns());
    const rows = drawn.reduce((sum, width) => sum + Math.max(1, Math.ceil(width / columns)), 0);
    terminal.write(`\r${rows > 1 ? `\x1b[${rows - 1}A` : ""}\x1b[J`);
    drawn = [];
    shown = "";
  };
  const drawStatus = () => {
    let lines = renderStatus(state, c, terminal.columns(), Date.now());
    // Taller than the screen, its top would scroll into the scrollback at every redraw.
    const rows = Math.max(2, terminal.rows?.() ?? Infinity);
    if (lines.length > rows) {
      const more = lines.length - rows + 1;
      lines = [
        ...lines.slice(0, rows - 1),
        fit(c.dim(`… (${more} more lines: a taller terminal shows them)`), terminal.columns()),
      ];
    }
    const text = lines.join("\n");
    if (text === shown && drawn.length > 0) return;
    clearStatus();
    terminal.write(text);
    drawn = lines.map((line) => stripAnsi(line).length);
    shown = text;
  };
  const printAbove = (text: string) => {
    clearStatus();
    terminal.write(text);
  };
  const effect = (e: TutorEffect) => {
    switch (e.kind) {
      case "enter":
        printAbove(renderStep(
          {
            step: o.steps[e.index],
            position: { index: e.index, total: o.steps.length },
            section: o.sections.get(o.steps[e.index].id),
          },
          c,
          terminal.columns(),
        ));
        break;
      case "step-done":
        printAbove(`${c.green(`✔ Step ${e.index + 1} done: every check passes.`)}\n`);
        break;
      case "finished":
        printAbove(`\n${c.bold("You reached the end of the lesson.")}\n\n`);
        break;
      case "poll":
        inFlight = o.poll(e.step, stop.signal).then((outcomes) =>
          dispatch({ type: "poll-result", token: e.token, outcomes, now: Date.now() })
        );
        break;
      case "save": {
        const warning = o.save(e.step, e.finished);
        if (warning !== undefined) printAbove(`${c.yellow(warning)}\n`);
        break;
      }
      case "solution":
        printAbove(renderSolution(o.steps[e.index], c));
        break;
      case "quit":
        stop.abort();
        break;
    }
  };
  const apply = (t: { state: TutorState; effects: TutorEffect[] }) => {
    state = t.state;
    for (const e of t.effects) effect(e);
    drawStatus();
    if (state.quit) end();
  };
  const dispatch = (event: Parameters<typeof tutorReduce>[1]) => {
    if (state.quit) return;
    apply(tutorReduce(state, event));
  };
  const onData = (data: Buffer | string) => {
    const text = data.toString();
    // A paste (text with a space or a line break: a command meant for the shell's pane) is not
    // key presses: its n and p would skip steps.
    if (/\s/.test(text)) return;
    // Nor are escape sequences (arrows, Home, function keys): Home ends in H, Right in C.
    // deno-lint-ignore no-control-regex -- escape sequences are what it removes
    const keys = text.replace(/\x1b(?:\[[0-?]*[ -/]*[@-~]|O.|.)?/gs, "");
    for (const ch of keys) {
      const key = ch === "\x03" || ch === "\x04" ? "q" : ch.toLowerCase();
      if ((TUTOR_KEYS as readonly string[]).includes(key)) {
        dispatch({ type: "key", key: key as TutorKey, now: Date.now() });
      }
    }
  };
  const onAbort = () => dispatch({ type: "key", key: "q", now: Date.now() });
  const timer = setInterval(() => dispatch({ type: "tick", now: Date.now() }), TICK_MS);
  const input = terminal.input;
  const end = () => {
    clearInterval(timer);
    input.off("data", onData);
    o.signal?.removeEventListener("abort", onAbort);
    if (input.isTTY) input.setRawMode(false);
    input.pause();
    // The status stays on screen as the record of where the learner stopped, without a poll
    // that will not report.
    const polling = state.polling !== undefined;
    state = { ...state, polling: undefined };
    drawStatus();
    terminal.write("\n\x1b[?25h");
    // The poll in flight ends at its next check once aborted (a check runs up to its time
    // limit); wait, so the target closes after, and say so when that takes a while.
    const slow = polling
      ? setTimeout(() => terminal.write("Quitting once the check running now ends…\n"), 500)
      : undefined;
    void inFlight.then(() => {
      clearTimeout(slow);
      done(state);
    });
  };

  if (input.isTTY) input.setRawMode(true);
  input.setEncoding("utf8");
  input.on("data", onData);
  input.resume();
  o.signal?.addEventListener("abort", onAbort);
  terminal.write("\x1b[?25l");
  const first = tutorStart(o.tutorSteps, {
    index: o.start.index,
    finished: o.start.finished,
    now: Date.now(),
    options: o.options,
  });
  apply(first);
  if (o.signal?.aborted) onAbort();
  return finished;
}
