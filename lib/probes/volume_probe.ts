/**
 * The `docker.volume` probe: a volume exists (or does not) under its exact name.
 * @module
 */
import { dockerProbe } from "./_context.ts";
import { findVolume, missing } from "./_find.ts";

const KIND = "docker.volume";

/** Makes the `docker.volume` probe for one engine. */
export const volumeProbe = dockerProbe(KIND, async ({ docker, fields, deadline: { signal } }) => {
  const name = fields.text("volume");
  const exists = fields.flag("exists", true);
  const volume = await findVolume(docker, name, signal);
  if (volume === undefined) {
    const evidence = `no volume named "${name}"`;
    return exists ? missing(evidence) : { ok: true, evidence };
  }
  const evidence = `volume "${name}": driver ${volume.Driver}, scope ${volume.Scope}`;
  return exists
    ? { ok: true, evidence }
    : { ok: false, evidence, message: `volume "${name}" still exists` };
});
