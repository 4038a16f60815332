import type { Step } from "../../../lib/mod.ts";

export default {
  id: "create-network",
  title: "Create, list and inspect a user-defined network",
  commands: [
    {
      run: "docker network create ai-service-network",
      // The full 64-digit network ID; ls shows its first 12 digits, which must agree.
      stdout: "{{net_id:id}}",
    },
    {
      run: "docker network ls",
      stdout: {
        kind: "unordered",
        header: 1,
        text: [
          // Column widths follow the longest name on the engine, so the spacing is a wildcard.
          "NETWORK ID{{*}}NAME{{*}}DRIVER{{*}}SCOPE",
          "{{net_id}}   ai-service-network{{*}}bridge{{*}}local",
          "{{id}}   bridge{{*}}bridge{{*}}local",
          "{{id}}   host{{*}}host{{*}}local",
          "{{id}}   none{{*}}null{{*}}local",
          "...",
        ].join("\n"),
      },
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
          Attachable: false,
          Ingress: false,
          Containers: {},
        }],
      },
    },
  ],
  checks: [
    {
      id: "network-exists",
      title: "ai-service-network exists and uses the bridge driver",
      points: 1,
      hint: "Create it with: docker network create ai-service-network",
      probe: { kind: "docker.network", network: "ai-service-network", driver: "bridge" },
    },
  ],
} satisfies Step;
