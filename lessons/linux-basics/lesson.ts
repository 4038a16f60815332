import type { LessonIndex } from "../../lib/mod.ts";

export default {
  title: "Linux basics: users, permissions, a service and a package",
  description:
    "Users and groups, a shared setgid folder, a file only a group may read, a small web service under its own user, a package installed from a .deb, and finding it all again with find, ps and ss.",
  // It changes system files: by default it runs in a throwaway container made from this image.
  // ss -p names the process behind a socket only with SYS_PTRACE, which Docker drops by default.
  container: { image: "linux-basics-lab:bookworm", capabilities: ["SYS_PTRACE"] },
  steps: [
    "steps/01_users.ts",
    "steps/02_shared_folder.ts",
    "steps/03_group_file.ts",
    "steps/04_service.ts",
    "steps/05_package.ts",
    "steps/06_find.ts",
  ],
} satisfies LessonIndex;
