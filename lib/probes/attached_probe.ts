/**
 * The `docker.attached` probe: a container is (or is not) attached to a network, and both sides
 * agree: the container's `NetworkSettings.Networks` and the network's `Containers`.
 * @module
 */
import type { ContainerEndpoint, ContainerInspect, NetworkInspect } from "../docker/mod.ts";
import type { ProbeResult } from "../lesson/types.ts";
import { dockerProbe } from "./_context.ts";
import { containerName, isRunning, noContainer, noNetwork } from "./_find.ts";
import { PROBE_NAME_PREFIX } from "./_probe_container.ts";

const KIND = "docker.attached";

/** Makes the `docker.attached` probe for one engine. */
export const attachedProbe = dockerProbe(KIND, async ({ fields, findContainer, findNetwork }) => {
  const containerRef = fields.text("container");
  const networkRef = fields.text("network");
  const attached = fields.flag("attached", true);
  const aliases = fields.texts("aliases");
  // Both at once: in a graded run they are shared reads that other checks may have made.
  const [container, network] = await Promise.all([
    findContainer(containerRef),
    findNetwork(networkRef),
  ]);
  if (container === undefined) return noContainer(containerRef);
  if (network === undefined) return noNetwork(networkRef);
  return judge(container, network, attached, aliases ?? []);
});

function judge(
  container: ContainerInspect,
  network: NetworkInspect,
  attached: boolean,
  aliases: string[],
): ProbeResult {
  const name = containerName(container);
  const endpoint = endpointOn(container, network);
  const listed = network.Containers?.[container.Id];
  const evidence = [
    `container "${name}" lists networks: ${
      listOrNone(Object.keys(container.NetworkSettings.Networks ?? {}))
    }`,
    `network "${network.Name}" lists containers: ${
      // Without the grader's own probe containers, which other checks may have attached.
      listOrNone(
        Object.values(network.Containers ?? {}).map((c) => c.Name)
          .filter((name) => !name.startsWith(PROBE_NAME_PREFIX)),
      )}`,
  ].join("\n");
  if (endpoint !== undefined && listed === undefined && !isRunning(container)) {
    // The engine lists only running containers on a network; a stopped one cannot be confirmed.
    return {
      ok: false,
      evidence,
      message: `container "${name}" is not running, so network "${network.Name}" does not list it`,
    };
  }
  if ((endpoint === undefined) !== (listed === undefined)) {
    const message = endpoint !== undefined
      ? `container "${name}" lists network "${network.Name}", but the network does not list the container`
      : `network "${network.Name}" lists container "${name}", but the container does not list the network`;
    return { ok: false, evidence, message };
  }
  if (endpoint === undefined) {
    if (!attached) return { ok: true, evidence };
    const others = Object.keys(container.NetworkSettings.Networks ?? {}).sort();
    return {
      ok: false,
      evidence,
      message: `container "${name}" is attached to ${
        others.length === 0 ? "no network" : andList(others)
      }, not to ${network.Name}`,
    };
  }
  const own = visibleAliases(endpoint, container);
  const attachedEvidence = `container "${name}" on network "${network.Name}": address ${
    endpoint.IPAddress || "(none)"
  }, aliases ${listOrNone(own)}`;
  if (!attached) {
    return {
      ok: false,
      evidence: attachedEvidence,
      message: `container "${name}" is still attached to ${network.Name}`,
    };
  }
  const missing = aliases.filter((alias) => !(endpoint.Aliases ?? []).includes(alias));
  if (missing.length > 0) {
    return {
      ok: false,
      evidence: attachedEvidence,
      message: `container "${name}" has no alias ${
        missing.map((a) => `"${a}"`).join(", ")
      } on ${network.Name} (aliases: ${listOrNone(own)})`,
    };
  }
  return { ok: true, evidence: attachedEvidence };
}

/** The container's endpoint on the network, matched by network id or name. */
function endpointOn(
  container: ContainerInspect,
  network: NetworkInspect,
): ContainerEndpoint | undefined {
  const endpoints = container.NetworkSettings.Networks ?? {};
  return Object.values(endpoints).find((e) => e.NetworkID === network.Id) ??
    (Object.hasOwn(endpoints, network.Name) ? endpoints[network.Name] : undefined);
}

/** The aliases a learner set: without the short id that the engine adds by itself. */
function visibleAliases(endpoint: ContainerEndpoint, container: ContainerInspect): string[] {
  return (endpoint.Aliases ?? []).filter((alias) => alias !== container.Id.slice(0, 12));
}

function listOrNone(items: string[]): string {
  return items.length === 0 ? "none" : items.join(", ");
}

function andList(items: string[]): string {
  return items.length === 1
    ? items[0]
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
