import type { Step } from "../../../lib/mod.ts";

export default {
  id: "connect-disconnect",
  title: "Runtime network management",
  commands: [
    { run: "docker network connect ai-service-network isolated-container" },
    {
      // No -c and no ^C in the doc: this ping never ends by itself.
      run: "docker exec isolated-container ping redis-cache",
      timeoutMs: 5_000,
      stdout: [
        "PING redis-cache ({{redis_ip}}): 56 data bytes",
        "64 bytes from {{redis_ip}}: seq=0 ttl=64 time={{duration}}",
      ].join("\n"),
    },
    { run: "docker network inspect ai-service-network", stdout: { kind: "any" } },
    { run: "docker network disconnect ai-service-network isolated-container" },
  ],
} satisfies Step;
