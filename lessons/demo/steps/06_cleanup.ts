import type { Step } from "../../../lib/mod.ts";

export default {
  id: "cleanup",
  title: "Remove the scratch folder",
  commands: [
    { run: "cd / && rm -rf {{workdir}}" },
    { run: "test -e {{workdir}}", exitCode: 1 },
  ],
  checks: [
    {
      id: "workdir-gone",
      title: "the scratch folder is gone",
      hint: "Remove the folder with rm -rf.",
      probe: { kind: "shell", run: "test ! -e {{workdir}}" },
    },
  ],
} satisfies Step;
