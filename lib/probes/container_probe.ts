/**
 * The `docker.container` probe: a container exists, runs (or is stopped), and was created from
 * the expected image.
 * @module
 */
import { type ContainerInspect, familiarImageRef } from "../docker/mod.ts";
import { dockerProbe } from "./_context.ts";
import { isRunning, noContainer } from "./_find.ts";

const KIND = "docker.container";

/** Makes the `docker.container` probe for one engine. */
export const containerProbe = dockerProbe(
  KIND,
  async ({ fields, findContainer }) => {
    const name = fields.text("container");
    const running = fields.flag("running", true);
    const image = fields.optionalText("image");
    const container = await findContainer(name);
    if (container === undefined) return noContainer(name);
    const state = describeState(container);
    const evidence = `container "${name}": ${state} (image ${container.Config.Image})`;
    if (running && !isRunning(container)) {
      return { ok: false, evidence, message: `container "${name}" is not running: ${state}` };
    }
    if (!running && isRunning(container)) {
      return { ok: false, evidence, message: `container "${name}" is still running` };
    }
    if (image !== undefined && normalizeImage(container.Config.Image) !== normalizeImage(image)) {
      return {
        ok: false,
        evidence,
        message: `container "${name}" runs image "${container.Config.Image}", not "${image}"`,
      };
    }
    return { ok: true, evidence };
  },
);

/** `running`, `paused`, `exited with code 137`, `created`. */
export function describeState(container: ContainerInspect): string {
  const state = container.State;
  if (state.Paused) return "paused";
  if (state.Running) return "running";
  if (state.Status === "exited") return `exited with code ${state.ExitCode}`;
  return state.Status;
}

/** `redis` and `docker.io/library/redis:latest` name the same image. */
export function normalizeImage(reference: string): string {
  return familiarImageRef(reference);
}
