import type { Step } from "../../../lib/mod.ts";

export default {
  id: "shared-folder",
  title: "A shared project folder with the setgid bit",
  commands: [
    { run: "mkdir /srv/project" },
    { run: "chgrp devs /srv/project" },
    // 2: setgid, so new files get the folder's group; 7: owner rwx; 7: group rwx; 0: others none.
    { run: "chmod 2770 /srv/project" },
    {
      run: "ls -ld /srv/project",
      stdout: "drwxrws--- 2 root devs {{int}} {{*}} /srv/project",
    },
    { run: "stat -c '%A %a %U:%G' /srv/project", stdout: "drwxrws--- 2770 root:devs" },
    { run: "su alice -c 'touch /srv/project/notes.txt'" },
    {
      // alice's primary group is alice, but the file takes the folder's group: setgid.
      run: "stat -c '%U:%G %n' /srv/project/notes.txt",
      stdout: "alice:devs /srv/project/notes.txt",
    },
    {
      run: "su carol -c 'ls /srv/project'",
      stderr: "ls: cannot open directory '/srv/project': Permission denied",
      exitCode: 2,
    },
  ],
  checks: [
    {
      id: "project-folder",
      title: "/srv/project belongs to root:devs with mode 2770",
      points: 2,
      hint: "chgrp devs /srv/project, then chmod 2770 /srv/project (the 2 is the setgid bit).",
      probe: {
        kind: "file",
        path: "/srv/project",
        type: "directory",
        mode: "2770",
        owner: "root",
        group: "devs",
      },
    },
    {
      id: "notes-group",
      title: "alice's notes.txt in /srv/project belongs to the group devs",
      hint:
        "Set the setgid bit on /srv/project first, then create the file as alice: su alice -c 'touch /srv/project/notes.txt'",
      probe: {
        kind: "file",
        path: "/srv/project/notes.txt",
        type: "file",
        owner: "alice",
        group: "devs",
      },
    },
  ],
} satisfies Step;
