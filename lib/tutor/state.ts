/**
 * The tutor's state machine: which step the learner is on, what the last poll of its checks
 * said, whether hints and the solution are shown, and what happens on each event (a key, a clock
 * tick, a poll's result). Pure: `tutorStart` and `tutorReduce` return the next state and the
 * effects the driver carries out (draw a step, poll its checks, save progress, quit), so a
 * terminal or a web page can drive the same tutor.
 * @module
 */
import type { CheckStatus } from "../engine/events.ts";

/** A step as the tutor shows it. */
export interface TutorStep {
  /** The step's id. */
  id: string;
  /** The step's title. */
  title: string;
  /** The checks shown for the step, in lesson order. */
  checks: readonly TutorCheck[];
}

/** A check as the tutor shows it. */
export interface TutorCheck {
  /** The check's id. */
  id: string;
  /** The check's title. */
  title: string;
  /** The learner-facing hint. */
  hint: string;
}

/** A check with what the last poll said of it; `pending` before the step's first poll. */
export interface CheckView extends TutorCheck {
  /** The outcome's status, or `pending` when not polled yet on this step. */
  status: CheckStatus | "pending";
  /** Why it did not pass, from the last poll. */
  message?: string;
}

/** One check's verdict in a poll. */
export interface PollOutcome {
  /** The check's id. */
  id: string;
  /** Its status. */
  status: CheckStatus;
  /** Why it did not pass. */
  message?: string;
}

/** Timing of the polls and of the hints. */
export interface TutorOptions {
  /** Time between the end of one poll and the start of the next, in milliseconds. */
  intervalMs: number;
  /** Polls in a row with a check failing on a step before its hints show. */
  hintAfterPolls: number;
}

/** The defaults: a poll every 2 s, hints after 3 failing polls. */
export const TUTOR_DEFAULTS: TutorOptions = { intervalMs: 2000, hintAfterPolls: 3 };

/** Everything the tutor knows; the driver draws from it. */
export interface TutorState {
  /** The lesson's steps. */
  readonly steps: readonly TutorStep[];
  /** The current step's index. */
  readonly index: number;
  /** Whether the learner went past the last step. */
  readonly finished: boolean;
  /** The current step's checks with their last verdicts. */
  readonly checks: readonly CheckView[];
  /** Polls in a row on this step in which some check did not pass. */
  readonly failingPolls: number;
  /** Whether the hints of the checks that do not pass are shown. */
  readonly hintsShown: boolean;
  /**
   * Whether a poll on this visit of the step saw a check not passing. Only then does the step
   * passing move the learner on: a step whose checks pass on arrival (done before, or already
   * true from earlier steps, or visited again with `p`) waits for `n`, so it is not skipped
   * unread.
   */
  readonly sawFailing: boolean;
  /** Whether the learner asked for this step's solution. */
  readonly solutionShown: boolean;
  /** The token of the poll in flight, or undefined when none is. */
  readonly polling: number | undefined;
  /** The token the next poll gets. */
  readonly nextToken: number;
  /** The token of the first poll started on the current step; earlier ones are stale. */
  readonly stepFirstToken: number;
  /** Whether a poll should start as soon as the one in flight ends. */
  readonly pollWanted: boolean;
  /** When (clock ms) the next poll is due. */
  readonly nextPollAt: number;
  /** When (clock ms) the last poll of this step ended, if one did. */
  readonly lastPolledAt: number | undefined;
  /** Whether the learner quit. */
  readonly quit: boolean;
  /** Timing. */
  readonly options: TutorOptions;
}

/** What the driver reads from the learner and the clock. */
export type TutorEvent =
  | { type: "key"; key: TutorKey; now: number }
  | { type: "tick"; now: number }
  | { type: "poll-result"; token: number; outcomes: readonly PollOutcome[]; now: number };

/** The keys: next, previous, check now, hint, solution, quit. */
export type TutorKey = "n" | "p" | "c" | "h" | "s" | "q";

/** The keys the tutor knows, for drivers that read raw input. */
export const TUTOR_KEYS: readonly TutorKey[] = ["n", "p", "c", "h", "s", "q"];

/** What the driver does after a transition. */
export type TutorEffect =
  /** Show this step (its doc, title and commands): the learner arrived on it. */
  | { kind: "enter"; index: number }
  /** Every check of this step passes: say so before the next step is entered. */
  | { kind: "step-done"; index: number }
  /** The learner went past the last step. */
  | { kind: "finished" }
  /** Poll these checks of this step; answer with a `poll-result` carrying the token. */
  | { kind: "poll"; token: number; step: string; checks: string[] }
  /** Save where the learner is. */
  | { kind: "save"; step: string; finished: boolean }
  /** Show this step's commands. */
  | { kind: "solution"; index: number }
  /** End the tutor (after the poll in flight, if any, ended). */
  | { kind: "quit" };

/** A state and the effects that lead to it. */
export interface Transition {
  /** The new state. */
  state: TutorState;
  /** What the driver does, in order. */
  effects: TutorEffect[];
}

/** Where the tutor starts: a step index (clamped) and whether the learner had finished. */
export interface TutorStart {
  /** The step to start on. */
  index?: number;
  /** Whether the learner had gone past the last step. */
  finished?: boolean;
  /** The clock, in ms. */
  now: number;
  /** Timing; the defaults when absent. */
  options?: Partial<TutorOptions>;
}

/** The first state, entering the start step and polling its checks at once. */
export function tutorStart(steps: readonly TutorStep[], start: TutorStart): Transition {
  if (steps.length === 0) throw new RangeError("Cannot start a tutor: the lesson has no steps");
  const index = Math.min(Math.max(0, start.index ?? 0), steps.length - 1);
  const base: TutorState = {
    steps,
    index,
    finished: false,
    checks: [],
    failingPolls: 0,
    hintsShown: false,
    sawFailing: false,
    solutionShown: false,
    polling: undefined,
    nextToken: 1,
    stepFirstToken: 1,
    pollWanted: false,
    nextPollAt: start.now,
    lastPolledAt: undefined,
    quit: false,
    options: { ...TUTOR_DEFAULTS, ...start.options },
  };
  if (start.finished) {
    return {
      state: { ...base, index: steps.length - 1, finished: true },
      effects: [{ kind: "finished" }],
    };
  }
  return _enter(base, index, start.now, []);
}

/** The transition an event causes. */
export function tutorReduce(state: TutorState, event: TutorEvent): Transition {
  if (state.quit) return { state, effects: [] };
  switch (event.type) {
    case "tick":
      if (_canPoll(state) && state.polling === undefined && event.now >= state.nextPollAt) {
        return _poll(state, []);
      }
      return { state, effects: [] };
    case "poll-result":
      return _pollResult(state, event.token, event.outcomes, event.now);
    case "key":
      return _key(state, event.key, event.now);
  }
}

/** Whether every check of the current step passes (false for a step without checks). */
export function stepPasses(state: TutorState): boolean {
  return state.checks.length > 0 && state.checks.every((c) => c.status === "pass");
}

/** The checks whose hints are shown now: those not passing, once hints are shown. */
export function shownHints(state: TutorState): CheckView[] {
  if (!state.hintsShown || state.finished) return [];
  return state.checks.filter((c) => c.status !== "pass");
}

function _key(state: TutorState, key: TutorKey, now: number): Transition {
  switch (key) {
    case "q":
      return { state: { ...state, quit: true }, effects: [{ kind: "quit" }] };
    case "n":
      if (state.finished) return { state, effects: [] };
      if (state.index === state.steps.length - 1) return _finish(state, []);
      return _enter(state, state.index + 1, now, []);
    case "p":
      if (state.finished) return _enter({ ...state, finished: false }, state.index, now, []);
      if (state.index === 0) return { state, effects: [] };
      return _enter(state, state.index - 1, now, []);
    case "c":
      return _requestPoll(state, []);
    case "h":
      return { state: { ...state, hintsShown: true }, effects: [] };
    case "s":
      if (state.finished) return { state, effects: [] };
      return {
        state: { ...state, solutionShown: true },
        effects: [{ kind: "solution", index: state.index }],
      };
  }
}

function _pollResult(
  state: TutorState,
  token: number,
  outcomes: readonly PollOutcome[],
  now: number,
): Transition {
  if (state.polling !== token) return { state, effects: [] };
  const ended: TutorState = {
    ...state,
    polling: undefined,
    pollWanted: false,
    nextPollAt: now + state.options.intervalMs,
  };
  // A poll of a step the learner has left: only start the one the new step wants.
  if (token < state.stepFirstToken) {
    return state.pollWanted ? _poll(ended, []) : { state: ended, effects: [] };
  }
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  const checks = state.checks.map((c): CheckView => {
    const o = byId.get(c.id);
    if (o === undefined) return { ...c, status: "pending", message: undefined };
    return { ...c, status: o.status, message: o.status === "pass" ? undefined : o.message };
  });
  const passes = checks.length > 0 && checks.every((c) => c.status === "pass");
  const failingPolls = passes ? 0 : state.failingPolls + 1;
  const next: TutorState = {
    ...ended,
    checks,
    failingPolls,
    lastPolledAt: now,
    sawFailing: state.sawFailing || !passes,
    hintsShown: state.hintsShown || failingPolls >= state.options.hintAfterPolls,
  };
  if (passes && state.sawFailing) {
    const effects: TutorEffect[] = [{ kind: "step-done", index: state.index }];
    if (state.index === state.steps.length - 1) return _finish(next, effects);
    return _enter(next, state.index + 1, now, effects);
  }
  return state.pollWanted ? _poll(next, []) : { state: next, effects: [] };
}

function _enter(
  state: TutorState,
  index: number,
  now: number,
  effects: TutorEffect[],
): Transition {
  const step = state.steps[index];
  const entered: TutorState = {
    ...state,
    index,
    finished: false,
    checks: step.checks.map((c) => ({ ...c, status: "pending" as const })),
    failingPolls: 0,
    hintsShown: false,
    sawFailing: false,
    solutionShown: false,
    lastPolledAt: undefined,
    nextPollAt: now,
    stepFirstToken: state.nextToken,
  };
  const more: TutorEffect[] = [
    ...effects,
    { kind: "enter", index },
    { kind: "save", step: step.id, finished: false },
  ];
  return _requestPoll(entered, more);
}

function _finish(state: TutorState, effects: TutorEffect[]): Transition {
  const last = state.steps[state.steps.length - 1];
  return {
    state: { ...state, finished: true, pollWanted: false },
    effects: [...effects, { kind: "finished" }, { kind: "save", step: last.id, finished: true }],
  };
}

function _canPoll(state: TutorState): boolean {
  return !state.finished && state.checks.length > 0;
}

function _requestPoll(state: TutorState, effects: TutorEffect[]): Transition {
  if (!_canPoll(state)) return { state: { ...state, pollWanted: false }, effects };
  if (state.polling !== undefined) return { state: { ...state, pollWanted: true }, effects };
  return _poll(state, effects);
}

function _poll(state: TutorState, effects: TutorEffect[]): Transition {
  const token = state.nextToken;
  const step = state.steps[state.index];
  return {
    state: { ...state, polling: token, nextToken: token + 1, pollWanted: false },
    effects: [...effects, {
      kind: "poll",
      token,
      step: step.id,
      checks: step.checks.map((c) => c.id),
    }],
  };
}
