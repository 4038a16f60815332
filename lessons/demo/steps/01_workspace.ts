import type { Step } from "../../../lib/mod.ts";

export default {
  id: "workspace",
  title: "Make a scratch folder and a token",
  commands: [
    {
      run: 'cd "$(mktemp -d)" && pwd',
      // The folder name is random: capture it for later steps.
      stdout: "{{workdir:/\\/tmp\\/tmp\\.[A-Za-z0-9]+/}}",
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
      probe: { kind: "shell", run: "test -s {{workdir}}/token.txt" },
    },
  ],
} satisfies Step;
