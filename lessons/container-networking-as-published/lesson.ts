import type { LessonIndex } from "../../lib/mod.ts";

/**
 * The lesson exactly as its author published it: the same commands and the same sample output.
 * It does not pass; running it shows each defect as a diff. container-networking is the
 * corrected version.
 */
export default {
  title: "Container-to-container communication, as published",
  description:
    "The published lesson, kept to show its defects; run container-networking for the corrected one.",
  target: "docker",
  images: ["alpine:latest", "redis:7-alpine", "postgres:16-alpine", "python:3.12-alpine"],
  builds: [{ image: "ai-agent:latest", context: "agent", offlineDockerfile: "Dockerfile.offline" }],
  steps: [
    "steps/01_create_network.ts",
    "steps/02_start_services.ts",
    "steps/03_dns_discovery.ts",
    "steps/04_isolation.ts",
    "steps/05_connect_disconnect.ts",
    "steps/06_aliases.ts",
    "steps/07_three_tier.ts",
  ],
} satisfies LessonIndex;
