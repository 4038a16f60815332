/**
 * The `docker.resolves` probe: from a throwaway container on a network, busybox `nslookup` asks
 * the network's DNS (Docker's embedded server at 127.0.0.11 on user-defined networks) for a name.
 * @module
 */
import type { ContainerInspect } from "../docker/mod.ts";
import { dockerProbe } from "./_context.ts";
import { shellQuote } from "../shell_quote.ts";
import { isNamed, networkMissing, noContainer } from "./_find.ts";
import { parseNslookup } from "./_nslookup.ts";

const KIND = "docker.resolves";

/** Makes the `docker.resolves` probe for one engine. */
export const resolvesProbe = dockerProbe(
  KIND,
  async ({ fields, image, runScript, findContainer, findNetwork }) => {
    const name = fields.text("name");
    const network = fields.text("network");
    const resolves = fields.flag("resolves", true);
    const sameAs = resolves ? fields.optionalText("sameAs") : undefined;
    let expected: string[] = [];
    if (sameAs !== undefined) {
      const container = await findContainer(sameAs);
      if (container === undefined) return noContainer(sameAs);
      expected = addressesOn(container, network);
      if (expected.length === 0) {
        const message = `container "${sameAs}" has no address on network "${network}"`;
        return { ok: false, evidence: message, message };
      }
    }
    const noNetwork = await networkMissing(findNetwork, network);
    if (noNetwork) return noNetwork;
    const result = await runScript(network, `nslookup ${shellQuote(name)} 2>&1`);
    const output = result.stdout + result.stderr;
    if (result.exitCode === 126 || result.exitCode === 127) {
      throw new Error(
        `probe "${KIND}" cannot run nslookup in image "${image()}": ${output.trim()}`,
      );
    }
    const lookup = parseNslookup(output);
    const on = `on network "${network}"`;
    if (lookup.addresses.length === 0) {
      const evidence = `"${name}" does not resolve ${on} (${lookup.reason})`;
      return resolves ? { ok: false, evidence, message: evidence } : { ok: true, evidence };
    }
    const found = lookup.addresses.join(", ");
    const evidence = `"${name}" resolves to ${found} ${on}`;
    if (!resolves) {
      return { ok: false, evidence, message: `${evidence}, but it should not` };
    }
    if (sameAs !== undefined) {
      if (!lookup.addresses.every((address) => expected.includes(address))) {
        return {
          ok: false,
          evidence,
          message: `${evidence}, not to "${sameAs}" (${expected.join(", ")})`,
        };
      }
      return { ok: true, evidence: `${evidence}, the address of "${sameAs}"` };
    }
    return { ok: true, evidence };
  },
);

/** A container's IPv4 and IPv6 addresses on a network, by network name or id. */
function addressesOn(container: ContainerInspect, network: string): string[] {
  const endpoints = container.NetworkSettings.Networks ?? {};
  const endpoint = Object.hasOwn(endpoints, network)
    ? endpoints[network]
    : Object.values(endpoints).find((e) => isNamed("", e.NetworkID, network));
  if (endpoint === undefined) return [];
  return [endpoint.IPAddress, endpoint.GlobalIPv6Address].filter(
    (address): address is string => typeof address === "string" && address !== "",
  );
}
