/**
 * Engine API version negotiation: the newest version both sides speak, never a pinned one.
 * @module
 */
import { DockerError } from "./errors.ts";

/** The newest Engine API version this client speaks. */
export const NEWEST_API_VERSION = "1.47";

/** The oldest Engine API version this client speaks (Docker 1.12). */
export const OLDEST_API_VERSION = "1.24";

/** What unversioned `GET /version` reports; only the fields negotiation reads. */
export interface ServerApiVersions {
  /** The newest API version the engine speaks. */
  ApiVersion?: string;
  /** The oldest API version the engine accepts. */
  MinAPIVersion?: string;
}

/** Compares two `major.minor` API versions numerically: negative, zero or positive. */
export function compareApiVersions(a: string, b: string): number {
  const [aMajor, aMinor] = parseVersion(a);
  const [bMajor, bMinor] = parseVersion(b);
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}

/** Picks min(engine's ApiVersion, {@link NEWEST_API_VERSION}); throws when the engine refuses it. */
export function negotiateApiVersion(
  server: ServerApiVersions,
  newest: string = NEWEST_API_VERSION,
): string {
  const fail = (detail: string) =>
    new DockerError(`Cannot negotiate a Docker API version: ${detail}`, { json: server });
  const serverMax = server.ApiVersion;
  if (serverMax === undefined || !isVersion(serverMax)) {
    throw fail(`the engine reported no usable ApiVersion ("${serverMax ?? ""}")`);
  }
  const serverMin = server.MinAPIVersion !== undefined && isVersion(server.MinAPIVersion)
    ? server.MinAPIVersion
    : serverMax;
  const picked = compareApiVersions(serverMax, newest) < 0 ? serverMax : newest;
  const range = `the engine speaks ${serverMin} to ${serverMax}`;
  const ours = `this client ${OLDEST_API_VERSION} to ${newest}`;
  if (
    compareApiVersions(picked, serverMin) < 0 || compareApiVersions(picked, OLDEST_API_VERSION) < 0
  ) {
    throw fail(`${range}, ${ours}`);
  }
  return picked;
}

/** Whether the negotiated version is at least `version` (features that need a newer API). */
export function apiAtLeast(negotiated: string, version: string): boolean {
  return compareApiVersions(negotiated, version) >= 0;
}

function isVersion(value: string): boolean {
  return /^\d+\.\d+$/.test(value);
}

function parseVersion(value: string): [number, number] {
  if (!isVersion(value)) {
    throw new RangeError(`Cannot compare API version "${value}": not major.minor`);
  }
  const [major, minor] = value.split(".");
  return [Number(major), Number(minor)];
}
