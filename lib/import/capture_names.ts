/**
 * Names for captures, from what the doc shows around a value: the ID that `docker run --name
 * redis-cache` prints is `redis_cache_id`, the one `docker network create ai-app-network` prints
 * `ai_app_network_id`, and the address in `PING redis-cache (172.18.0.2)` is `redis_cache_ip`.
 * JSON outputs name their values from the objects' "Name" (lib/import/expectation_draft.ts).
 * A name is lower-case letters, digits and `_`, as the expectation language wants.
 * @module
 */
import type { Slot } from "./captures.ts";
import { parseDockerRun } from "./docker_line.ts";
import type { Volatile } from "./volatile.ts";

/** `redis-cache` → `redis_cache`; a name the expectation language accepts, or "". */
export function snakeName(text: string): string {
  let name = text.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  if (/^\d/.test(name)) name = `n_${name}`;
  return name;
}

/** The thing a command creates and prints the ID of: a container, network, volume or image. */
function _created(run: string): string | undefined {
  const compact = run.replace(/\\\n\s*/g, " ").trim();
  const parsed = parseDockerRun(compact);
  if (parsed) {
    return parsed.name ?? parsed.image.split("/").pop()!.split(/[:@]/)[0];
  }
  const m = /^(?:docker|podman)\s+(?:network|volume)\s+create\s+(?:.*\s)?([\w.-]+)\s*$/.exec(
    compact,
  );
  return m?.[1];
}

/**
 * The hint for the output of `run` (whose whole output is `output`).
 *
 * @example
 * ```ts
 * const hint = outputHint("docker run -d --name redis-cache redis", "a1b2c3d4e5f6");
 * hint({ start: 0, end: 12, type: "id", value: "a1b2c3d4e5f6" }, "a1b2c3d4e5f6"); // "redis_cache_id"
 * ```
 */
export function outputHint(run: string, output: string): Slot["hint"] {
  const created = _created(run);
  const whole = output.trim();
  return (v: Volatile, line: string) => {
    if (v.type === "id" && created && v.value === whole) return `${created}_id`;
    if (v.type === "ipv4" || v.type === "ipv6") {
      const before = line.slice(0, v.start);
      const named = /([A-Za-z][\w.-]*) \(?$/.exec(before);
      if (named && !/^(?:from|to|at|via|is|address|Address)$/.test(named[1])) {
        return `${named[1]}_ip`;
      }
    }
    return undefined;
  };
}
