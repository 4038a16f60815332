import type { Step } from "../../../lib/mod.ts";

export default {
  id: "create-network",
  title: "Creating a user-defined network",
  commands: [
    { run: "docker network create ai-service-network", stdout: "{{net_id:id}}" },
    {
      run: "docker network ls",
      // The published table, with its alignment as printed.
      stdout: {
        kind: "unordered",
        header: 1,
        text: [
          "NETWORK ID          NAME                 DRIVER       SCOPE",
          "{{net_id}} ai-service-network bridge local",
          "{{id}} bridge bridge local",
          "{{id}} host host local",
          "{{id}} none null local",
        ].join("\n"),
      },
    },
  ],
} satisfies Step;
