/**
 * The schema of the Docker probe kinds a check may use on the docker target: plain data in
 * step files. Every string field may hold `{{name}}` capture references.
 * @module
 */
import { Type } from "@sinclair/typebox";
import { CLOSED, Kind, NonEmpty, OneOf } from "./_kit.ts";
import { ExpectationSchema } from "./expectation.ts";

/** A network exists under this exact name, optionally with a driver, scope and isolation. */
export const DockerNetworkProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("docker.network"),
  /** The network's exact name (or its id). */
  network: NonEmpty(),
  /** The driver it must use, e.g. `bridge`. */
  driver: Type.Optional(NonEmpty()),
  /** The scope it must have, e.g. `local`. */
  scope: Type.Optional(NonEmpty()),
  /** Whether it must be internal (no route outside); not compared when absent. */
  internal: Type.Optional(Type.Boolean()),
}, CLOSED);

/** A container exists and is running (or stopped). */
export const DockerContainerProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("docker.container"),
  /** The container's name (or its id). */
  container: NonEmpty(),
  /** Whether it must be running (true when absent) or stopped. */
  running: Type.Optional(Type.Boolean()),
  /** The image reference it must have been created from, e.g. `redis:7-alpine`. */
  image: Type.Optional(NonEmpty()),
}, CLOSED);

/** A container is (or is not) attached to a network, seen from both sides. */
export const DockerAttachedProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("docker.attached"),
  /** The container's name (or its id). */
  container: NonEmpty(),
  /** The network's exact name (or its id). */
  network: NonEmpty(),
  /** Whether it must be attached (true when absent) or detached. */
  attached: Type.Optional(Type.Boolean()),
  /** DNS aliases the container must have on that network. */
  aliases: Type.Optional(Type.Array(NonEmpty())),
}, CLOSED);

/** A name resolves (or does not) through the DNS of a network, seen from a probe container. */
export const DockerResolvesProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("docker.resolves"),
  /** The name to look up, e.g. `redis-cache`. */
  name: NonEmpty(),
  /** The network the probe container joins. */
  network: NonEmpty(),
  /** Whether the name must resolve (true when absent) or not. */
  resolves: Type.Optional(Type.Boolean()),
  /** A container whose address on `network` must be the only answer (with `resolves: true`). */
  sameAs: Type.Optional(NonEmpty()),
  /** The probe container's image; `alpine:latest` when absent (needs busybox `nslookup`). */
  image: Type.Optional(NonEmpty()),
}, CLOSED);

/** A TCP port is open (or not) from a probe container on a network. */
export const DockerTcpProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("docker.tcp"),
  /** The host to connect to: a container name, alias or address. */
  host: NonEmpty(),
  /** The port. */
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  /** The network the probe container joins. */
  network: NonEmpty(),
  /** Whether the port must accept connections (true when absent) or not. */
  open: Type.Optional(Type.Boolean()),
  /** The probe container's image; `alpine:latest` when absent (needs busybox `nc`). */
  image: Type.Optional(NonEmpty()),
}, CLOSED);

/** An HTTP request from a probe container gets the expected status and JSON. */
export const DockerHttpProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("docker.http"),
  /** The URL, e.g. `http://agent:8000/health`. */
  url: NonEmpty(),
  /** The network the probe container joins; the engine host's network when absent. */
  network: Type.Optional(NonEmpty()),
  /** The expected status; 200 when absent. */
  status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  /** A JSON subset the body must contain; strings may hold placeholders. */
  json: Type.Optional(Type.Unknown()),
  /** The method; GET when absent. */
  method: Type.Optional(OneOf(["GET", "POST"] as const)),
  /** The request body (POST). */
  body: Type.Optional(Type.String()),
  /** Request headers. */
  headers: Type.Optional(Type.Record(Type.String(), Type.String())),
  /** The probe container's image; `alpine:latest` when absent (needs curl or busybox `wget`). */
  image: Type.Optional(NonEmpty()),
}, CLOSED);

/** A read-only command in an existing container prints what is expected. */
export const DockerExecProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("docker.exec"),
  /** The container's name (or its id). */
  container: NonEmpty(),
  /** The command, run with `sh -c`; it must not change anything. */
  command: NonEmpty(),
  /** The expected stdout; not compared when absent. */
  stdout: Type.Optional(ExpectationSchema),
  /** The expected exit code; 0 when absent. */
  exitCode: Type.Optional(Type.Integer({ minimum: 0, maximum: 255 })),
}, CLOSED);

/** A volume exists (or does not). */
export const DockerVolumeProbeSchema = Type.Object({
  /** The probe kind. */
  kind: Kind("docker.volume"),
  /** The volume's exact name. */
  volume: NonEmpty(),
  /** Whether it must exist (true when absent) or not. */
  exists: Type.Optional(Type.Boolean()),
}, CLOSED);

/** Every Docker probe kind's schema, in the order of the README's table. */
export const DOCKER_PROBE_SCHEMAS = [
  DockerNetworkProbeSchema,
  DockerContainerProbeSchema,
  DockerAttachedProbeSchema,
  DockerResolvesProbeSchema,
  DockerTcpProbeSchema,
  DockerHttpProbeSchema,
  DockerExecProbeSchema,
  DockerVolumeProbeSchema,
] as const;

/** Every Docker probe kind. */
export const DockerProbeSchema = Type.Union([...DOCKER_PROBE_SCHEMAS]);
