import type { Step } from "../../../lib/mod.ts";

export default {
  id: "start-services",
  title: "Start Redis and Postgres on the network",
  commands: [
    {
      run:
        "docker run -d \\\n  --name redis-cache \\\n  --network ai-service-network \\\n  redis:7-alpine",
      stdout: "{{redis_id:id}}",
    },
    {
      run:
        "docker run -d \\\n  --name postgres-db \\\n  --network ai-service-network \\\n  -e POSTGRES_PASSWORD=secret \\\n  postgres:16-alpine",
      stdout: "{{postgres_id:id}}",
    },
    {
      run: "docker network inspect ai-service-network",
      stdout: {
        kind: "json",
        value: [{
          Name: "ai-service-network",
          Id: "{{net_id}}",
          IPAM: { Config: [{ Subnet: "{{subnet}}", Gateway: "{{gateway}}" }] },
          Containers: {
            "{{redis_id}}": {
              Name: "redis-cache",
              MacAddress: "{{mac}}",
              IPv4Address: "{{redis_ip:ipv4}}/{{int}}",
            },
            "{{postgres_id}}": {
              Name: "postgres-db",
              MacAddress: "{{mac}}",
              IPv4Address: "{{postgres_ip:ipv4}}/{{int}}",
            },
          },
        }],
      },
    },
  ],
  checks: [
    {
      id: "redis-on-network",
      title: "redis-cache runs on ai-service-network",
      points: 2,
      hint:
        "Start Redis with --network ai-service-network (docker run -d --name redis-cache --network ai-service-network redis:7-alpine).",
      probe: { kind: "docker.attached", container: "redis-cache", network: "ai-service-network" },
    },
    {
      id: "postgres-on-network",
      title: "postgres-db runs on ai-service-network",
      points: 2,
      hint: "Start Postgres with --network ai-service-network and -e POSTGRES_PASSWORD=secret.",
      probe: { kind: "docker.attached", container: "postgres-db", network: "ai-service-network" },
    },
  ],
} satisfies Step;
