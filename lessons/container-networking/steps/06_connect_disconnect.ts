import type { Step } from "../../../lib/mod.ts";

export default {
  id: "connect-disconnect",
  title: "Connect and disconnect a running container",
  commands: [
    { run: "docker network connect ai-service-network isolated-container" },
    {
      run: "docker exec isolated-container ping -c 1 redis-cache",
      stdout: [
        "PING redis-cache ({{redis_ip}}): 56 data bytes",
        "64 bytes from {{redis_ip}}: seq=0 ttl=64 time={{duration}}",
        "",
        "--- redis-cache ping statistics ---",
        "1 packets transmitted, 1 packets received, 0% packet loss",
        "round-trip min/avg/max = {{*}} ms",
      ].join("\n"),
    },
    {
      run: "docker network inspect ai-service-network",
      stdout: {
        kind: "json",
        value: [{
          Containers: {
            "{{isolated_id}}": {
              Name: "isolated-container",
              IPv4Address: "{{isolated_ip:ipv4}}/{{int}}",
            },
          },
        }],
      },
    },
    { run: "docker network disconnect ai-service-network isolated-container" },
    {
      run: "docker exec isolated-container ping -c 1 redis-cache",
      stderr: "ping: bad address 'redis-cache'",
      exitCode: 1,
    },
  ],
  checks: [
    {
      id: "isolated-disconnected",
      title: "isolated-container is back on another-network only",
      points: 1,
      hint: "Disconnect it: docker network disconnect ai-service-network isolated-container",
      probe: {
        kind: "docker.attached",
        container: "isolated-container",
        network: "ai-service-network",
        attached: false,
      },
    },
    {
      id: "isolated-on-other",
      title: "isolated-container is still on another-network",
      points: 1,
      hint: "Start isolated-container with --network another-network.",
      probe: {
        kind: "docker.attached",
        container: "isolated-container",
        network: "another-network",
      },
    },
  ],
} satisfies Step;
