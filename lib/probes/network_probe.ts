/**
 * The `docker.network` probe: a network exists under its exact name, with the driver, scope and
 * isolation the check asks for.
 * @module
 */
import type { NetworkInspect } from "../docker/mod.ts";
import { dockerProbe } from "./_context.ts";
import { noNetwork } from "./_find.ts";

const KIND = "docker.network";

/** Makes the `docker.network` probe for one engine. */
export const networkProbe = dockerProbe(KIND, async ({ fields, findNetwork }) => {
  const name = fields.text("network");
  const driver = fields.optionalText("driver");
  const scope = fields.optionalText("scope");
  const internal = fields.optionalFlag("internal");
  const network = await findNetwork(name);
  if (network === undefined) return noNetwork(name);
  const evidence = describeNetwork(network);
  const fail = (message: string) => ({ ok: false, evidence, message });
  if (driver !== undefined && network.Driver !== driver) {
    return fail(`network "${name}" uses driver "${network.Driver}", not "${driver}"`);
  }
  if (scope !== undefined && network.Scope !== scope) {
    return fail(`network "${name}" has scope "${network.Scope}", not "${scope}"`);
  }
  if (internal !== undefined && network.Internal !== internal) {
    return fail(
      network.Internal
        ? `network "${name}" is internal, but the check expects outside access`
        : `network "${name}" is not internal`,
    );
  }
  return { ok: true, evidence };
});

/** `network "n": driver bridge, scope local, subnet 172.18.0.0/16`, from IPAM. */
export function describeNetwork(network: NetworkInspect): string {
  const subnets = (network.IPAM?.Config ?? []).map((c) => c.Subnet).filter(Boolean);
  const parts = [`driver ${network.Driver}`, `scope ${network.Scope}`];
  if (subnets.length > 0) {
    parts.push(`${subnets.length === 1 ? "subnet" : "subnets"} ${subnets.join(", ")}`);
  }
  if (network.Internal) parts.push("internal");
  return `network "${network.Name}": ${parts.join(", ")}`;
}
