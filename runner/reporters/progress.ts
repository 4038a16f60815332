/**
 * The progress reporter of a grading run, written to stderr beside any other reporter: on a
 * terminal one status line that is redrawn (graded, running, not graded, with the hosts in
 * flight); otherwise one line per host as it ends.
 * @module
 */
import type { GradeEvent } from "../../lib/engine/events.ts";
import type { Reporter } from "./types.ts";
import { CLEAR_LINE, liveLine } from "./_live_line.ts";

/** Yields the progress of `grade`'s hosts; ignores every other event. */
export const progress: Reporter = async function* (events, options) {
  let total = 0;
  let done = 0;
  let failed = 0;
  const running = new Set<string>();
  let cleared = false;
  const status = (elapsedMs: number) => {
    const names = [...running].slice(0, 4).join(", ") + (running.size > 4 ? ", …" : "");
    return `graded ${done - failed}/${total} · running ${running.size}${
      names ? ` (${names})` : ""
    } · not graded ${failed} · ${Math.round(elapsedMs / 1000)} s`;
  };
  const draw = (elapsedMs: number) =>
    options.tty ? liveLine(status(elapsedMs), options.columns?.()) : "";
  for await (const event of events) {
    const e = event as GradeEvent;
    switch (e.type) {
      case "grade:start":
        total = e.hosts;
        break;
      case "grade:host-start":
        running.add(e.host);
        if (options.tty) yield draw(e.elapsedMs);
        break;
      case "grade:tick":
        if (options.tty) yield draw(e.elapsedMs);
        break;
      case "grade:host-end": {
        const { result } = e;
        running.delete(result.id);
        done++;
        if (result.status !== "graded") failed++;
        const what = result.status === "graded"
          ? `${result.score}/${result.maxScore}`
          : `${result.status}: ${result.reason ?? ""}`;
        const line = `[${done}/${total}] ${result.id} ${what} (${
          (result.durationMs / 1000).toFixed(1)
        } s)`;
        yield `${options.tty ? CLEAR_LINE : ""}${line}\n${draw(e.elapsedMs)}`;
        break;
      }
      case "grade:end":
        if (options.tty && !cleared) yield CLEAR_LINE;
        cleared = true;
        break;
    }
  }
  // A run that ended early (an error) still leaves a clean line.
  if (options.tty && !cleared) yield CLEAR_LINE;
};
