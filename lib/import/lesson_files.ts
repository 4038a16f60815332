/**
 * The files of an imported lesson: `lesson.ts`, one `steps/NN_<slug>.ts` module per step (each a
 * `satisfies Step` default export whose types come from the `run-lesson` package, as `run-lesson
 * new` writes them), and the review notes as `// review:` comments where the guesses are.
 * @module
 */
import type { Command } from "../lesson/types.ts";
import type { LessonPlan, PlannedStep } from "./plan_lesson.ts";
import { commented, tsLiteral, wrapComment } from "./ts_literal.ts";

const FIELD_ORDER: Array<keyof Command> = [
  "run",
  "where",
  "opens",
  "stdout",
  "stderr",
  "exitCode",
  "timeoutMs",
  "stop",
  "tags",
  "doc",
];

function _ordered(command: Command): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) if (command[key] !== undefined) out[key] = command[key];
  return out;
}

function _wrap(comments: string[], indent: number): string[] {
  return comments.flatMap((c) => wrapComment(c, indent));
}

/** The source of one step module. */
export function stepModule(step: PlannedStep, stepNotes: string[]): string {
  const commands = step.commands.map((c) => commented(_ordered(c.command), _wrap(c.comments, 4)));
  const data = {
    id: step.id,
    title: step.title,
    commands: commented(commands, _wrap(stepNotes.map((n) => `review: ${n}`), 2)),
  };
  // The line's width counts what is around the literal.
  return `import type { Step } from "run-lesson";\n\n${
    tsLiteral(data, 0, "export default ", " satisfies Step;")
  }\n`;
}

/** The source of the lesson's index. */
export function indexModule(plan: LessonPlan, source: string, lessonNotes: string[]): string {
  const { title, ...rest } = plan.index;
  const data = {
    title: commented(title, _wrap(lessonNotes.map((n) => `review: ${n}`), 2)),
    description: `Imported from ${source} by run-lesson import.`,
    ...rest,
  };
  return `import type { LessonIndex } from "run-lesson";\n\n${
    tsLiteral(data, 0, "export default ", " satisfies LessonIndex;")
  }\n`;
}

/**
 * Every generated TypeScript file of the plan, by lesson-relative path; `source` names the
 * imported file in the index's description.
 */
export function lessonModules(plan: LessonPlan, source: string): Map<string, string> {
  const files = new Map<string, string>();
  const commandNotes = new Set(
    plan.steps.flatMap((s) =>
      s.commands.flatMap((c) => c.comments.filter((t) => t.startsWith("review: ")))
    ),
  );
  const stepIds = new Set(plan.steps.map((s) => s.id));
  // Notes about a step that no command of it carries (builds) go above its commands.
  const loose = (id: string) =>
    plan.notes.filter((n) =>
      n.where === id && ![...commandNotes].some((c) => n.text.startsWith(c.slice(8)))
    ).map((n) => n.text);
  files.set(
    "lesson.ts",
    indexModule(
      plan,
      source,
      plan.notes.filter((n) => !stepIds.has(n.where)).map((n) => n.text),
    ),
  );
  for (const step of plan.steps) files.set(step.file, stepModule(step, loose(step.id)));
  return files;
}
