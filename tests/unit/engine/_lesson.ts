/**
 * Helpers of the engine's unit tests: a lesson built from step data (no files), the events of a
 * run collected into a list, and compact views of them for assertions.
 * @module
 */
import type { RunEvent } from "../../../lib/engine/events.ts";
import { runLesson, type RunLessonOptions } from "../../../lib/engine/run_lesson.ts";
import type { Lesson, Step } from "../../../lib/lesson/types.ts";

/** A lesson `fake` whose steps are the given data, in order. */
export function fakeLesson(steps: Step[]): Lesson {
  return {
    id: "fake",
    dir: "/nonexistent/lessons/fake",
    index: { title: "A fake lesson", steps: steps.map((s) => `steps/${s.id}.ts`) },
    steps: steps.map((s) => ({ ...s, file: `lessons/fake/steps/${s.id}.ts` })),
  };
}

/** Runs the lesson and collects every event. */
export async function runAll(lesson: Lesson, options: RunLessonOptions): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for await (const event of runLesson(lesson, options)) events.push(event);
  return events;
}

/** The events as short strings: `type` and the step, command index or check id they concern. */
export function trace(events: RunEvent[]): string[] {
  return events.map((e) => {
    switch (e.type) {
      case "command:start":
        return `${e.type} ${e.step}#${e.index}`;
      case "command:end":
        return `${e.type} ${e.step}#${e.outcome.index} ${e.outcome.status}`;
      case "check:end":
        return `${e.type} ${e.outcome.id} ${e.outcome.status}`;
      case "step:start":
        return `${e.type} ${e.step}`;
      case "step:end":
        return `${e.type} ${e.step} ${e.status}`;
      default:
        return e.type;
    }
  });
}

/** The events of one type, typed. */
export function ofType<T extends RunEvent["type"]>(
  events: RunEvent[],
  type: T,
): Extract<RunEvent, { type: T }>[] {
  return events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);
}
