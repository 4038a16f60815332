import type { Step } from "../../../lib/mod.ts";

const session = { kind: "session", session: "test-client" } as const;

export default {
  id: "dns-discovery",
  title: "Automatic DNS service discovery",
  commands: [
    {
      run:
        "docker run -it \\\n--name test-client \\\n--network ai-service-network \\\nalpine:latest \\\n/bin/sh",
      opens: "test-client",
    },
    {
      // The doc shows two replies, then ^C.
      run: "ping redis-cache",
      where: session,
      stop: { kind: "lines", count: 3 },
      stdout: [
        "PING redis-cache ({{redis_ip}}): 56 data bytes",
        "64 bytes from {{redis_ip}}: seq=0 ttl=64 time={{duration}}",
        "64 bytes from {{redis_ip}}: seq=0 ttl=64 time={{duration}}",
      ].join("\n"),
    },
    { run: "apk add redis", where: session, tags: ["network"], stdout: { kind: "any" } },
    { run: "redis-cli -h redis-cache ping", where: session, stdout: "PONG" },
    { run: "exit", where: session },
  ],
} satisfies Step;
