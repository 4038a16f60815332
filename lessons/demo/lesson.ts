import type { LessonIndex } from "../../lib/mod.ts";

export default {
  title: "Shell warm-up: captures, stop conditions, tables and JSON",
  description:
    "A lesson that needs nothing but a shell. It shows every kind of expectation the runner knows.",
  steps: [
    "steps/01_workspace.ts",
    "steps/02_reuse.ts",
    "steps/03_ticker.ts",
    "steps/04_table.ts",
    "steps/05_json.ts",
    "steps/06_cleanup.ts",
  ],
} satisfies LessonIndex;
