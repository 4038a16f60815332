import type { Step } from "../../../lib/mod.ts";

const session = { kind: "session", session: "alias-client" } as const;

/** The expected output of one ping of the alias container under `name`. */
const pingOnce = (name: string) =>
  [
    `PING ${name} ({{alias_ip}}): 56 data bytes`,
    "64 bytes from {{alias_ip}}: seq=0 ttl=64 time={{duration}}",
    "",
    `--- ${name} ping statistics ---`,
    "1 packets transmitted, 1 packets received, 0% packet loss",
    "round-trip min/avg/max = {{*}} ms",
  ].join("\n");

export default {
  id: "aliases",
  title: "Three names, one container, one address",
  commands: [
    {
      run:
        "docker run -d \\\n  --name cache-primary \\\n  --network ai-service-network \\\n  --network-alias redis \\\n  --network-alias cache \\\n  redis:7-alpine",
      stdout: "{{cache_primary_id:id}}",
    },
    {
      // --rm: the doc's version leaves an unnamed container behind after exit.
      run:
        "docker run -it --rm \\\n  --network ai-service-network \\\n  alpine:latest \\\n  /bin/sh",
      opens: "alias-client",
    },
    {
      // The first ping binds the address; the other two names must resolve to the same one.
      run: "ping -c 1 cache-primary",
      where: session,
      stdout: pingOnce("cache-primary").replace("({{alias_ip}})", "({{alias_ip:ipv4}})"),
    },
    { run: "ping -c 1 redis", where: session, stdout: pingOnce("redis") },
    { run: "ping -c 1 cache", where: session, stdout: pingOnce("cache") },
    { run: "exit", where: session },
  ],
  checks: [
    {
      id: "aliases",
      title: "cache-primary answers to the aliases redis and cache on ai-service-network",
      points: 2,
      hint: "Start cache-primary with --network-alias redis --network-alias cache.",
      probe: {
        kind: "docker.attached",
        container: "cache-primary",
        network: "ai-service-network",
        aliases: ["redis", "cache"],
      },
    },
    {
      id: "alias-resolves",
      title: "the name redis resolves to cache-primary",
      points: 1,
      hint: "The alias must be set on ai-service-network, where the clients are.",
      probe: {
        kind: "docker.resolves",
        name: "redis",
        network: "ai-service-network",
        sameAs: "cache-primary",
      },
    },
  ],
} satisfies Step;
