import type { Step } from "../../../lib/mod.ts";

export default {
  id: "isolation",
  title: "Network isolation",
  commands: [
    { run: "docker network create another-network", stdout: { kind: "any" } },
    {
      run:
        "docker run -d \\\n--name isolated-container \\\n--network another-network \\\nalpine:latest \\\nsleep infinity",
      stdout: "{{isolated_id:id}}",
    },
    {
      // The doc shows the message as the whole output, with no exit status.
      run: "docker exec isolated-container ping redis-cache",
      stdout: "ping: bad address 'redis-cache'",
    },
  ],
} satisfies Step;
