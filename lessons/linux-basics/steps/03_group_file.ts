import type { Step } from "../../../lib/mod.ts";

export default {
  id: "group-file",
  title: "A file only one group may read",
  commands: [
    { run: "mkdir /etc/webapp" },
    { run: "echo 'token=lab-secret' > /etc/webapp/token" },
    { run: "chown root:devs /etc/webapp/token" },
    // 6: owner reads and writes; 4: the group reads; 0: nobody else.
    { run: "chmod 0640 /etc/webapp/token" },
    { run: "ls -l /etc/webapp/token", stdout: "-rw-r----- 1 root devs 17 {{*}} /etc/webapp/token" },
    { run: "su bob -c 'cat /etc/webapp/token'", stdout: "token=lab-secret" },
    {
      run: "su carol -c 'cat /etc/webapp/token'",
      stderr: "cat: /etc/webapp/token: Permission denied",
      exitCode: 1,
    },
  ],
  checks: [
    {
      id: "token-file",
      title: "/etc/webapp/token belongs to root:devs with mode 0640",
      points: 2,
      hint: "chown root:devs /etc/webapp/token, then chmod 0640 /etc/webapp/token",
      probe: {
        kind: "file",
        path: "/etc/webapp/token",
        type: "file",
        mode: "0640",
        owner: "root",
        group: "devs",
        content: "token=lab-secret",
      },
    },
    {
      id: "carol-kept-out",
      title: "carol cannot read /etc/webapp/token",
      hint:
        "Others must have no permission on the file: chmod 0640 /etc/webapp/token, and keep carol out of devs.",
      // Counts only when the file is there at all (a missing file keeps everyone out, too).
      control: "token-file",
      probe: {
        kind: "command",
        run: "setpriv --reuid carol --regid carol --init-groups cat /etc/webapp/token",
        stderr: "cat: /etc/webapp/token: Permission denied",
        exitCode: 1,
      },
    },
  ],
} satisfies Step;
