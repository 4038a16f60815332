import type { LessonIndex } from "../../lib/mod.ts";

export default {
  title: "Container-to-container communication",
  description:
    "User-defined bridge networks: DNS by container name, isolation, connecting and disconnecting, aliases, and a FastAPI + Postgres + Redis service.",
  target: "docker",
  images: ["alpine:latest", "redis:7-alpine", "postgres:16-alpine", "python:3.12-alpine"],
  builds: [
    {
      image: "ai-agent:latest",
      context: "agent",
      offlineDockerfile: "Dockerfile.offline",
    },
  ],
  steps: [
    "steps/01_default_bridge.ts",
    "steps/02_create_network.ts",
    "steps/03_start_services.ts",
    "steps/04_dns_discovery.ts",
    "steps/05_isolation.ts",
    "steps/06_connect_disconnect.ts",
    "steps/07_aliases.ts",
    "steps/08_three_tier.ts",
    "steps/09_cleanup.ts",
  ],
} satisfies LessonIndex;
