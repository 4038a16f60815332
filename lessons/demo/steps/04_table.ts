import type { Step } from "../../../lib/mod.ts";

export default {
  id: "table",
  title: "Compare a table whose rows come in any order",
  commands: [
    {
      run:
        "printf '%s\\n' 'NAME    SIZE' 'alpha   1' 'beta    2' 'gamma   3' | (read -r h; echo \"$h\"; shuf)",
      stdout: {
        kind: "unordered",
        header: 1,
        text: "NAME    SIZE\ngamma   3\nalpha   1\nbeta    2",
      },
    },
  ],
} satisfies Step;
