/**
 * Read-only host probes for checks on every shell-based target (`local`, `ssh://…`,
 * `container://…`): files, users, groups, ports, processes, services, packages, commands and
 * HTTP from the host itself. Each runs one small POSIX sh script through the target's shell and
 * reads its output; a probe that cannot tell (a tool missing, permission denied) ends `error`.
 *
 * @example
 * ```ts
 * import { hostProbes } from "./lib/probes/host/mod.ts";
 * import type { Check } from "./lib/lesson/types.ts";
 *
 * const check: Check = {
 *   id: "config",
 *   title: "The app's config is private",
 *   hint: "chmod 0640 /etc/app.conf",
 *   probe: { kind: "file", path: "/etc/app.conf", mode: "0640", owner: "root" },
 * };
 * // runLesson(..., { probes: hostProbes() })
 * ```
 * @module
 */
import type { ProbeRunner } from "../../engine/run_check.ts";
import { commandProbe } from "./command_probe.ts";
import { fileProbe } from "./file_probe.ts";
import { portProbe } from "./port_probe.ts";
import { packageProbe } from "./package_probe.ts";
import { processProbe } from "./process_probe.ts";
import { serviceProbe } from "./service_probe.ts";
import { httpProbe } from "./http_probe.ts";
import { groupProbe, userProbe } from "./user_probe.ts";
import type { HostProbe } from "./types.ts";

export type {
  CommandProbe,
  FileProbe,
  GroupProbe,
  HostHttpProbe,
  HostProbe,
  PackageProbe,
  PortProbe,
  ProcessProbe,
  ServiceProbe,
  UserProbe,
} from "./types.ts";
export { HostProbeCannotTell } from "./_host_probe.ts";
export {
  commandProbe,
  fileProbe,
  groupProbe,
  httpProbe,
  packageProbe,
  portProbe,
  processProbe,
  serviceProbe,
  userProbe,
};

/** Every host probe kind's runner. */
export const HOST_PROBES: Readonly<Record<HostProbe["kind"], ProbeRunner>> = {
  file: fileProbe,
  user: userProbe,
  group: groupProbe,
  port: portProbe,
  process: processProbe,
  service: serviceProbe,
  package: packageProbe,
  command: commandProbe,
  http: httpProbe,
};

/** The host probe runners by kind, for a target's probe map. */
export function hostProbes(): Record<string, ProbeRunner> {
  return { ...HOST_PROBES } as Record<string, ProbeRunner>;
}
