import type { SelfTestSpec } from "../../lib/mod.ts";

const relink = (from: string, to: string) => [
  `docker network disconnect ${from} redis-cache`,
  `docker network disconnect ${from} postgres-db`,
  `docker network disconnect ${from} cache-primary`,
  `docker network rm ${from}`,
  `docker network create ${to}`,
  `docker network connect ${to} redis-cache`,
  `docker network connect ${to} postgres-db`,
  `docker network connect --alias redis --alias cache ${to} cache-primary`,
];

const cachePrimary = (aliases: string) =>
  `docker run -d --name cache-primary --network ai-service-network ${aliases} redis:7-alpine`;

export default {
  finishedAfter: "three-tier",
  broken: [
    {
      id: "redis-on-default-bridge",
      title: "redis-cache runs on the default bridge",
      break: [
        "docker network disconnect ai-service-network redis-cache",
        "docker network connect bridge redis-cache",
      ],
      repair: [
        "docker network disconnect bridge redis-cache",
        "docker network connect ai-service-network redis-cache",
      ],
      // The isolation check counts only when its positive control (dns-resolves) passes.
      fails: ["redis-on-network", "dns-resolves", "isolation"],
    },
    {
      id: "alias-missing",
      title: "cache-primary lacks the alias cache",
      break: ["docker rm -f -v cache-primary", cachePrimary("--network-alias redis")],
      repair: [
        "docker rm -f -v cache-primary",
        cachePrimary("--network-alias redis --network-alias cache"),
      ],
      fails: ["aliases"],
    },
    {
      id: "network-misspelled",
      title: "the network is named ai-service-netwrk",
      break: relink("ai-service-network", "ai-service-netwrk"),
      repair: relink("ai-service-netwrk", "ai-service-network"),
      fails: [
        "network-exists",
        "redis-on-network",
        "postgres-on-network",
        "dns-resolves",
        "isolation",
        "aliases",
        "alias-resolves",
        // With no ai-service-network, "disconnected from it" cannot be verified: fail closed.
        "isolated-disconnected",
      ],
    },
    {
      id: "isolated-left-connected",
      title: "isolated-container was left connected to ai-service-network",
      break: ["docker network connect ai-service-network isolated-container"],
      repair: ["docker network disconnect ai-service-network isolated-container"],
      fails: ["isolated-disconnected"],
    },
  ],
} satisfies SelfTestSpec;
