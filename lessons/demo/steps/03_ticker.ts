import type { Step } from "../../../lib/mod.ts";

export default {
  id: "ticker",
  title: "Stop a command that never ends",
  commands: [
    {
      // Like `ping` without `-c`: interrupted (the doc's ^C) once the third tick is printed.
      run: 'i=0; while true; do i=$((i+1)); echo "tick $i at $(date -u +%T)"; sleep 1; done',
      stop: { kind: "pattern", pattern: "tick 3 at {{*}}" },
      stdout: "tick 1 at {{*}}\ntick 2 at {{*}}\ntick 3 at {{*}}",
      timeoutMs: 10_000,
    },
    {
      // The loop ran in the lesson's shell: its counter survives the interrupt.
      run: 'echo "stopped at $i"',
      stdout: "stopped at 3",
    },
    {
      run: "yes",
      stop: { kind: "lines", count: 2 },
      stdout: "y\ny",
    },
  ],
} satisfies Step;
