import type { Step } from "../../../lib/mod.ts";
import { NEWEST_WORKDIR, WORKDIR } from "./01_workspace.ts";

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
      // Without a run: the newest scratch folder left, or, when none is, a name that is gone.
      find: {
        kind: "shell",
        run: `${NEWEST_WORKDIR} | grep . || echo "\${TMPDIR:-/tmp}/demo.gone/"`,
        stdout: `${WORKDIR}/`,
      },
      probe: { kind: "shell", run: "test ! -e {{workdir}}" },
    },
  ],
} satisfies Step;
