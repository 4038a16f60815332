import type { Step } from "../../../lib/mod.ts";

export default {
  id: "isolation",
  title: "Containers on another network cannot see ai-service-network",
  commands: [
    { run: "docker network create another-network", stdout: "{{other_net_id:id}}" },
    {
      run:
        "docker run -d \\\n  --name isolated-container \\\n  --network another-network \\\n  alpine:latest \\\n  sleep infinity",
      stdout: "{{isolated_id:id}}",
    },
    {
      // busybox ping prints this on stderr and exits 1.
      run: "docker exec isolated-container ping -c 1 redis-cache",
      stderr: "ping: bad address 'redis-cache'",
      exitCode: 1,
    },
  ],
  checks: [
    {
      id: "isolation",
      title: "redis-cache does not resolve from another-network",
      points: 2,
      hint:
        "Keep isolated-container on another-network only; do not put redis-cache on another-network.",
      control: "dns-resolves",
      probe: {
        kind: "docker.resolves",
        name: "redis-cache",
        network: "another-network",
        resolves: false,
      },
    },
  ],
} satisfies Step;
