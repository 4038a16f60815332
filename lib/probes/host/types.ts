/**
 * The host probe kinds a check may use on every shell-based target (`local`, `ssh://…`,
 * `container://…`): plain data in step files. Every string field may hold `{{name}}` capture
 * references. The types come from the schema of the lesson format
 * (`lib/lesson/schema/host_probes.ts`), which validates them at load.
 *
 * @example
 * ```ts
 * import type { Check } from "../../lesson/types.ts";
 * import type { FileProbe } from "./types.ts";
 *
 * const probe: FileProbe = { kind: "file", path: "/srv/app", type: "directory", mode: "2770" };
 * const check: Check = { id: "app-dir", title: "The shared folder", hint: "…", probe };
 * ```
 * @module
 */
import type { Static } from "@sinclair/typebox";
import type {
  CommandProbeSchema,
  FileProbeSchema,
  GroupProbeSchema,
  HostHttpProbeSchema,
  HostProbeSchema,
  PackageProbeSchema,
  PortProbeSchema,
  ProcessProbeSchema,
  ServiceProbeSchema,
  UserProbeSchema,
} from "../../lesson/schema/host_probes.ts";

/** A path exists (or not) with the given type, target, mode, owner, group, size and content. */
export type FileProbe = Static<typeof FileProbeSchema>;

/** A user account exists (or not) with the given ids, home, shell and groups. */
export type UserProbe = Static<typeof UserProbeSchema>;

/** A group exists (or not) with the given id and members. */
export type GroupProbe = Static<typeof GroupProbeSchema>;

/** A port is listened on (or not), on an address, by a process. */
export type PortProbe = Static<typeof PortProbeSchema>;

/** Processes with a name or command line run (or not), as a user, in a number. */
export type ProcessProbe = Static<typeof ProcessProbeSchema>;

/** A service is active and enabled (or not), under systemd. */
export type ServiceProbe = Static<typeof ServiceProbeSchema>;

/** A package is installed (or not), in a version, by dpkg, apk or rpm. */
export type PackageProbe = Static<typeof PackageProbeSchema>;

/** A read-only command on the target host prints and exits as expected. */
export type CommandProbe = Static<typeof CommandProbeSchema>;

/** An HTTP request made from the target host itself gets the expected status and body. */
export type HostHttpProbe = Static<typeof HostHttpProbeSchema>;

/** Every host probe kind. */
export type HostProbe = Static<typeof HostProbeSchema>;
