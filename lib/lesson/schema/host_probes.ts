/**
 * The schema of the host probe kinds a check may use on every shell-based target (`local`,
 * `ssh://…`, `container://…`): each reads the target host through its shell with one small
 * read-only POSIX sh script. Every string field may hold `{{name}}` capture references; an
 * optional field is not compared when absent.
 * @module
 */
import { Type } from "@sinclair/typebox";
import { CLOSED, Kind, NonEmpty, OneOf } from "./_kit.ts";
import { ExitExpectationSchema, ExpectationSchema } from "./expectation.ts";

const Port = () => Type.Integer({ minimum: 1, maximum: 65535 });
const Id = () => Type.Integer({ minimum: 0, maximum: 4294967295 });
const Bytes = () => Type.Integer({ minimum: 0 });

/** A path exists (or not) with the given type, target, mode, owner, group, size and content. */
export const FileProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("file"),
  /** The absolute path on the target host. */
  path: NonEmpty(),
  /** Whether the path must exist (true when absent); with false, nothing else is compared. */
  exists: Type.Optional(Type.Boolean()),
  /** What the path itself must be; a symlink is not followed for type, mode, owner and group. */
  type: Type.Optional(OneOf(["file", "directory", "symlink"] as const)),
  /** The target a symlink must point to, as `readlink` prints it. */
  target: Type.Optional(NonEmpty()),
  /** The permission bits in octal, special bits included: `"0640"`, `"2770"`, `"755"`. */
  mode: Type.Optional(
    NonEmpty({ pattern: "^[0-7]{3,4}$", expected: 'three or four octal digits, e.g. "0640"' }),
  ),
  /** The owning user's name. */
  owner: Type.Optional(NonEmpty()),
  /** The owning group's name. */
  group: Type.Optional(NonEmpty()),
  /** The least size in bytes. */
  minSize: Type.Optional(Bytes()),
  /** The greatest size in bytes. */
  maxSize: Type.Optional(Bytes()),
  /** What the content must look like (read through a symlink), as a command's stdout. */
  content: Type.Optional(ExpectationSchema),
  /** A JSON subset the content, parsed as JSON, must contain; strings may hold placeholders. */
  json: Type.Optional(Type.Unknown()),
}, CLOSED);

/** A user account exists (or not) with the given ids, home, shell and groups. */
export const UserProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("user"),
  /** The user's name. */
  name: NonEmpty(),
  /** Whether the user must exist (true when absent). */
  exists: Type.Optional(Type.Boolean()),
  /** The user id. */
  uid: Type.Optional(Id()),
  /** The primary group's id. */
  gid: Type.Optional(Id()),
  /** The home directory. */
  home: Type.Optional(NonEmpty()),
  /** The login shell. */
  shell: Type.Optional(NonEmpty()),
  /** Groups the user must be a member of (primary or supplementary); others are allowed. */
  groups: Type.Optional(Type.Array(NonEmpty())),
}, CLOSED);

/** A group exists (or not) with the given id and members. */
export const GroupProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("group"),
  /** The group's name. */
  name: NonEmpty(),
  /** Whether the group must exist (true when absent). */
  exists: Type.Optional(Type.Boolean()),
  /** The group id. */
  gid: Type.Optional(Id()),
  /** Users that must be members, counting users whose primary group it is; others are allowed. */
  members: Type.Optional(Type.Array(NonEmpty())),
}, CLOSED);

/** A port is listened on (or not), on an address, by a process. */
export const PortProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("port"),
  /** The port. */
  port: Port(),
  /** The protocol; `tcp` when absent. */
  protocol: Type.Optional(OneOf(["tcp", "udp"] as const)),
  /** The address listened on, e.g. `127.0.0.1`, `0.0.0.0` or `::`; any when absent. */
  address: Type.Optional(NonEmpty()),
  /** Whether the port must be listened on (true when absent) or not. */
  listening: Type.Optional(Type.Boolean()),
  /** The name of the process holding it (its `comm`), where the host lets the probe see it. */
  process: Type.Optional(NonEmpty()),
}, CLOSED);

/** How many processes match: an exact number, or bounds. */
export const ProcessCountSchema = Type.Union([
  Type.Integer({ minimum: 0 }),
  Type.Object({
    /** The least number. */
    min: Type.Optional(Type.Integer({ minimum: 0 })),
    /** The greatest number. */
    max: Type.Optional(Type.Integer({ minimum: 0 })),
  }, CLOSED),
], { expected: "an integer of at least 0, or {min, max}" });

/** Processes with a name or command line run (or not), as a user, in a number. */
export const ProcessProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("process"),
  /** The exact process name (`comm`, at most 15 characters on Linux). */
  name: Type.Optional(NonEmpty()),
  /** A regex the command line must contain a match of (like `pgrep -f`), run in linear time. */
  match: Type.Optional(NonEmpty()),
  /** The user the matching processes must run as. */
  user: Type.Optional(NonEmpty()),
  /** How many matching processes there must be; at least one when absent. */
  count: Type.Optional(ProcessCountSchema),
  /** Whether a matching process must run (true when absent) or none. */
  running: Type.Optional(Type.Boolean()),
}, CLOSED);

/** A service is active and enabled (or not), under systemd. */
export const ServiceProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("service"),
  /** The unit's name, e.g. `nginx` or `nginx.service`. */
  name: NonEmpty(),
  /** Whether it must be active (running). */
  active: Type.Optional(Type.Boolean()),
  /** Whether it must be enabled (started at boot). */
  enabled: Type.Optional(Type.Boolean()),
}, CLOSED);

/** A package is installed (or not), in a version, by dpkg, apk or rpm. */
export const PackageProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("package"),
  /** The package's name. */
  name: NonEmpty(),
  /** Whether it must be installed (true when absent). */
  installed: Type.Optional(Type.Boolean()),
  /** A line pattern of the expectation language the installed version must match. */
  version: Type.Optional(Type.String()),
}, CLOSED);

/** A read-only command on the target host prints and exits as expected. */
export const CommandProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("command"),
  /** The command, run in the target's shell; it must not change anything. */
  run: NonEmpty(),
  /** The expected stdout; not compared when absent. */
  stdout: Type.Optional(ExpectationSchema),
  /** The expected stderr; not compared when absent. */
  stderr: Type.Optional(ExpectationSchema),
  /** The expected exit code; 0 when absent. */
  exitCode: Type.Optional(ExitExpectationSchema),
}, CLOSED);

/** An HTTP request made from the target host itself gets the expected status and body. */
export const HostHttpProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("http"),
  /** The URL as the target host sees it, e.g. `http://localhost:8080/health`. */
  url: NonEmpty(),
  /** The expected status; 200 when absent. */
  status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  /** A JSON subset the body must contain; strings may hold placeholders. */
  json: Type.Optional(Type.Unknown()),
  /** What the body must look like, as a command's stdout. */
  body: Type.Optional(ExpectationSchema),
  /** The method; GET when absent (POST when `data` is given). */
  method: Type.Optional(OneOf(["GET", "POST"] as const)),
  /** Request headers. */
  headers: Type.Optional(Type.Record(Type.String(), Type.String())),
  /** The request body (POST). */
  data: Type.Optional(Type.String()),
}, CLOSED);

/** Every host probe kind's schema, in the order of the README's table. */
export const HOST_PROBE_SCHEMAS = [
  FileProbeSchema,
  UserProbeSchema,
  GroupProbeSchema,
  PortProbeSchema,
  ProcessProbeSchema,
  ServiceProbeSchema,
  PackageProbeSchema,
  CommandProbeSchema,
  HostHttpProbeSchema,
] as const;

/** Every host probe kind. */
export const HostProbeSchema = Type.Union([...HOST_PROBE_SCHEMAS]);

/** The fields of each host probe kind that hold an expectation, for the loader's pattern checks. */
export const HOST_PROBE_EXPECTATIONS: Readonly<Record<string, readonly string[]>> = {
  file: ["content"],
  command: ["stdout", "stderr"],
  http: ["body"],
};
