import type { Step } from "../../../lib/mod.ts";

export default {
  id: "start-services",
  title: "Connecting containers to a network",
  commands: [
    {
      run:
        "docker run -d \\\n--name redis-cache \\\n--network ai-service-network \\\nredis:7-alpine",
      stdout: "{{redis_id:id}}",
    },
    {
      run:
        "docker run -d \\\n--name postgres-db \\\n--network ai-service-network \\\n-e POSTGRES_PASSWORD=secret \\\npostgres:16-alpine",
      stdout: "{{postgres_id:id}}",
    },
    {
      run: "docker network inspect ai-service-network",
      stdout: {
        kind: "json",
        value: [{
          Name: "ai-service-network",
          Id: "{{net_id}}",
          Created: "{{timestamp}}",
          Scope: "local",
          Driver: "bridge",
          EnableIPv6: false,
          IPAM: {
            Driver: "default",
            Config: [{ Subnet: "{{subnet:cidr}}", Gateway: "{{gateway:ipv4}}" }],
          },
          Internal: false,
          Attachable: true,
          Ingress: false,
          Containers: {
            "{{redis_id}}": {
              Name: "redis-cache",
              EndpointID: "{{hex}}",
              MacAddress: "{{mac}}",
              IPv4Address: "{{redis_ip:ipv4}}/{{int}}",
              IPv6Address: "",
            },
            "{{postgres_id}}": {
              Name: "postgres-db",
              EndpointID: "{{hex}}",
              MacAddress: "{{mac}}",
              IPv4Address: "{{postgres_ip:ipv4}}/{{int}}",
              IPv6Address: "",
            },
          },
        }],
      },
    },
  ],
} satisfies Step;
