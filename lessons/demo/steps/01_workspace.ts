import type { Step } from "../../../lib/mod.ts";

/** A scratch folder of this lesson: `mktemp` names it demo.XXXXXX in $TMPDIR (or /tmp). */
export const WORKDIR = "{{workdir:/\\/\\S*\\/demo\\.\\w+/}}";

/** Where a learner's scratch folder is, read-only: the newest demo.* folder in $TMPDIR. */
export const NEWEST_WORKDIR = 'ls -dt "${TMPDIR:-/tmp}"/demo.*/ 2>/dev/null | head -n 1';

export default {
  id: "workspace",
  title: "Make a scratch folder and a token",
  commands: [
    {
      run: 'cd "$(mktemp -d -t demo.XXXXXX)" && pwd',
      // The folder name is random: capture it for later steps.
      stdout: WORKDIR,
    },
    {
      run: "head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \\n' > token.txt && cat token.txt",
      // Twelve hex digits, like a short container ID.
      stdout: "{{token:id}}",
    },
  ],
  checks: [
    {
      id: "token-file",
      title: "token.txt exists in the scratch folder",
      hint: "Run the two commands of this step in the same shell, in order.",
      // A run knows the folder it made; `run-lesson check` finds the one you made.
      find: { kind: "shell", run: NEWEST_WORKDIR, stdout: `${WORKDIR}/` },
      probe: { kind: "shell", run: "test -s {{workdir}}/token.txt" },
    },
  ],
} satisfies Step;
