import type { Step } from "../../../lib/mod.ts";

export default {
  id: "users",
  title: "Add users and a group",
  commands: [
    { run: "groupadd devs" },
    { run: "useradd --create-home --shell /bin/bash --groups devs alice" },
    { run: "useradd --create-home --shell /bin/bash --groups devs bob" },
    // carol is the outsider: the permissions of the next steps keep her out.
    { run: "useradd --create-home --shell /bin/bash carol" },
    {
      // Ids are handed out in order and differ between machines: captured, not written down.
      run: "id alice",
      stdout:
        "uid={{alice_uid:int}}(alice) gid={{int}}(alice) groups={{int}}(alice),{{devs_gid:int}}(devs)",
    },
    { run: "id carol", stdout: "uid={{int}}(carol) gid={{int}}(carol) groups={{int}}(carol)" },
    { run: "getent group devs", stdout: "devs:x:{{devs_gid}}:alice,bob" },
  ],
  checks: [
    {
      id: "group-devs",
      title: "the group devs exists with alice and bob as members",
      points: 2,
      hint:
        "Create it with groupadd devs, and add the users with useradd --groups devs (or usermod -aG devs NAME).",
      probe: { kind: "group", name: "devs", members: ["alice", "bob"] },
    },
    {
      id: "user-alice",
      title: "alice has a home, bash, and is in devs",
      hint: "useradd --create-home --shell /bin/bash --groups devs alice",
      probe: {
        kind: "user",
        name: "alice",
        home: "/home/alice",
        shell: "/bin/bash",
        groups: ["devs"],
      },
    },
    {
      id: "user-bob",
      title: "bob has a home, bash, and is in devs",
      hint: "useradd --create-home --shell /bin/bash --groups devs bob",
      probe: { kind: "user", name: "bob", home: "/home/bob", shell: "/bin/bash", groups: ["devs"] },
    },
    {
      id: "user-carol",
      title: "carol exists and is not in devs",
      hint:
        "useradd --create-home --shell /bin/bash carol, without --groups: she stays outside devs.",
      probe: [
        { kind: "user", name: "carol", home: "/home/carol", shell: "/bin/bash" },
        { kind: "command", run: "id -nG carol", stdout: "carol" },
      ],
    },
  ],
} satisfies Step;
