import type { Step } from "../../../lib/mod.ts";

const session = { kind: "session", session: "alias-client" } as const;

export default {
  id: "aliases",
  title: "Container aliases",
  commands: [
    {
      run:
        "docker run -d \\\n--name cache-primary \\\n--network ai-service-network \\\n--network-alias redis \\\n--network-alias cache \\\nredis:7-alpine",
      stdout: { kind: "any" },
    },
    {
      run: "docker run -it \\\n--network ai-service-network \\\nalpine:latest \\\n/bin/sh",
      opens: "alias-client",
    },
    // Typed as the doc shows them: three pings without -c, and the output the doc prints.
    {
      run: "ping cache-primary  # Primary name",
      where: session,
      timeoutMs: 5_000,
      stdout: { kind: "any" },
    },
    {
      run: "ping redis # Alias",
      where: session,
      timeoutMs: 5_000,
      stdout: [
        "PING redis ({{redis_ip}}): 56 data bytes",
        "64 bytes from {{redis_ip}}: seq=0 ttl=64 time={{duration}}",
      ].join("\n"),
    },
    {
      run: "ping cache # Another alias",
      where: session,
      timeoutMs: 5_000,
      stdout: { kind: "any" },
    },
    { run: "exit", where: session },
  ],
} satisfies Step;
