import type { Step } from "../../../lib/mod.ts";

export default {
  id: "reuse",
  title: "Use the captured values again",
  commands: [
    {
      // The shell keeps its working folder between commands.
      run: 'echo "token $(cat token.txt) in $(pwd)"',
      stdout: "token {{token}} in {{workdir}}",
    },
    {
      // A capture substituted into a later command.
      run: "grep -c {{token}} {{workdir}}/token.txt",
      stdout: "1",
    },
    {
      run: "ls no-such-file",
      stderr: "ls: cannot access 'no-such-file': No such file or directory",
      exitCode: 2,
    },
  ],
} satisfies Step;
