import type { Step } from "../../../lib/mod.ts";

export default {
  id: "cleanup",
  title: "Remove everything the lesson created",
  commands: [
    {
      run:
        "docker rm -f -v agent postgres redis cache-primary isolated-container test-client postgres-db redis-cache",
      stdout: {
        kind: "unordered",
        text:
          "agent\npostgres\nredis\ncache-primary\nisolated-container\ntest-client\npostgres-db\nredis-cache",
      },
    },
    {
      run: "docker network rm ai-service-network another-network ai-app-network",
      stdout: { kind: "unordered", text: "ai-service-network\nanother-network\nai-app-network" },
    },
    { run: "docker volume rm postgres_data", stdout: "postgres_data" },
  ],
} satisfies Step;
