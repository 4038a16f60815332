/**
 * The pretty reporter's check lists: `run-lesson check` (each check with its points and, when it
 * fails, its hint, then the score) and `run-lesson test` (each self-test phase with its problems).
 * @module
 */
import type { ChecksEvent, SelfTestEvent } from "../../lib/engine/events.ts";
import { palette } from "./_color.ts";
import type { ReporterOptions } from "./types.ts";

/** Renders the events of `check` and `test` one at a time (an empty string for none). */
export function prettyChecks(
  options: ReporterOptions,
): (event: ChecksEvent | SelfTestEvent) => string {
  const c = palette(options.color);
  return (event) => {
    switch (event.type) {
      case "checks:start":
        return `${c.bold(event.title)} ${c.dim(`(${event.target})`)}\n`;
      case "checks:outcome": {
        const o = event.outcome;
        const points = c.dim(`${o.points}/${o.maxPoints}`);
        if (o.status === "pass") return `${c.green("✔")} ${o.title} ${points}\n`;
        return `${c.red("✖")} ${o.title} ${points}${o.message ? `: ${o.message}` : ""}\n` +
          `    ${c.yellow("hint:")} ${o.hint}\n`;
      }
      case "checks:end":
        return `score ${event.score}/${event.maxScore}\n${event.passed} passed, ${event.failed} failed\n`;
      case "selftest:start":
        return `${c.bold(`Self-test of ${event.lesson}`)} ${c.dim(`(${event.target})`)}\n`;
      case "selftest:phase": {
        const { phase } = event;
        let text = `${phase.ok ? c.green("✔") : c.red("✖")} ${phase.title}\n`;
        for (const problem of phase.problems) text += `    ${problem}\n`;
        if (phase.id.startsWith("broken:")) {
          for (const o of phase.outcomes.filter((o) => o.status !== "pass")) {
            text += c.dim(`    ✖ ${o.id}: ${o.message ?? o.status} (hint: ${o.hint})\n`);
          }
        }
        return text;
      }
      case "selftest:end":
        return `${event.passed} passed, ${event.failed} failed\n`;
    }
  };
}
