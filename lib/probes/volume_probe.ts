/**
 * The `docker.volume` probe: a volume exists (or does not) under its exact name.
 * @module
 */
import type { ProbeRunner } from "../engine/run_check.ts";
import { dockerOf, ProbeFields, withDeadline } from "./_context.ts";
import { findVolume } from "./_find.ts";

const KIND = "docker.volume";

/** Runs a `docker.volume` probe. */
export const volumeProbe: ProbeRunner = (probe, ctx) =>
  withDeadline(KIND, ctx.timeoutMs, async ({ signal }) => {
    const docker = dockerOf(ctx, KIND);
    const fields = new ProbeFields(probe, ctx);
    const name = fields.text("volume");
    const exists = fields.flag("exists", true);
    const volume = await findVolume(docker, name, signal);
    if (volume === undefined) {
      const evidence = `no volume named "${name}"`;
      return exists ? { ok: false, evidence, message: evidence } : { ok: true, evidence };
    }
    const evidence = `volume "${name}": driver ${volume.Driver}, scope ${volume.Scope}`;
    return exists
      ? { ok: true, evidence }
      : { ok: false, evidence, message: `volume "${name}" still exists` };
  });
