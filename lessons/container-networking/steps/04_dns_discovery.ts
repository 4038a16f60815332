import type { Step } from "../../../lib/mod.ts";

export default {
  id: "dns-discovery",
  title: "Find containers by name from a client container",
  commands: [
    {
      run:
        "docker run -it \\\n  --name test-client \\\n  --network ai-service-network \\\n  alpine:latest \\\n  /bin/sh",
      opens: "test-client",
    },
    {
      // Without -c, ping never ends; the address shown is the one inspect reported.
      run: "ping -c 2 redis-cache",
      where: { kind: "session", session: "test-client" },
      stdout: [
        "PING redis-cache ({{redis_ip}}): 56 data bytes",
        "64 bytes from {{redis_ip}}: seq=0 ttl=64 time={{duration}}",
        "64 bytes from {{redis_ip}}: seq=1 ttl=64 time={{duration}}",
        "",
        "--- redis-cache ping statistics ---",
        "2 packets transmitted, 2 packets received, 0% packet loss",
        "round-trip min/avg/max = {{*}} ms",
      ].join("\n"),
    },
    {
      // Needs the internet; the prepared alpine stand-in already carries redis-cli.
      run: "apk add redis",
      where: { kind: "session", session: "test-client" },
      tags: ["network"],
      stdout: { kind: "any" },
    },
    {
      run: "redis-cli -h redis-cache ping",
      where: { kind: "session", session: "test-client" },
      stdout: "PONG",
    },
    { run: "exit", where: { kind: "session", session: "test-client" } },
  ],
  checks: [
    {
      id: "dns-resolves",
      title: "redis-cache resolves by name on ai-service-network",
      points: 2,
      hint:
        "Containers find each other by name only on a user-defined network: put redis-cache on ai-service-network.",
      probe: {
        kind: "docker.resolves",
        name: "redis-cache",
        network: "ai-service-network",
        sameAs: "redis-cache",
      },
    },
  ],
} satisfies Step;
