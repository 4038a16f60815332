import type { Step } from "../../../lib/mod.ts";

export default {
  id: "find",
  title: "Find it all again with find, ps and ss",
  commands: [
    {
      // Everything the group devs owns, wherever it is.
      run: "find /srv /etc/webapp -group devs",
      stdout: {
        kind: "unordered",
        text: "/srv/project\n/srv/project/notes.txt\n/etc/webapp/token",
      },
    },
    // Folders with the setgid bit (-perm -2000: at least these bits set).
    { run: "find /srv -type d -perm -2000", stdout: "/srv/project" },
    { run: "find /srv -user alice", stdout: "/srv/project/notes.txt" },
    {
      run: "pgrep -u webapp -a python3",
      stdout:
        "{{server_pid:int}} python3 -m http.server 8080 --bind 127.0.0.1 --directory /srv/www",
    },
    {
      run: "ps -o user=,pid=,comm= -p {{server_pid}}",
      stdout: "webapp{{*}}{{server_pid}} python3",
    },
    {
      run: "ss -ltnp 'sport = :8080'",
      stdout: [
        "State{{*}}Recv-Q{{*}}Send-Q{{*}}Local Address:Port{{*}}Peer Address:Port{{*}}Process",
        'LISTEN{{*}}127.0.0.1:8080{{*}}0.0.0.0:*{{*}}users:(("python3",pid={{server_pid}},fd={{int}}))',
      ].join("\n"),
    },
  ],
  checks: [
    {
      id: "find-devs",
      title: "find lists the three things that belong to devs",
      hint: "The folder, alice's notes and the token file must all have the group devs.",
      probe: {
        kind: "command",
        run: "find /srv /etc/webapp -group devs",
        stdout: {
          kind: "unordered",
          text: "/srv/project\n/srv/project/notes.txt\n/etc/webapp/token",
        },
      },
    },
  ],
} satisfies Step;
