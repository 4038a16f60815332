/**
 * The one error class of the SSH transport: a connection that cannot be made or was lost.
 * @module
 */
import type { HostKeyCheck } from "./known_hosts.ts";

/** Why an SSH connection failed; the grader maps these to outcomes. A revoked host key is `hostkey-changed`. */
export type SshErrorKind =
  | "unreachable"
  | "auth-failed"
  | "hostkey-unknown"
  | "hostkey-changed"
  | "timeout"
  | "error";

/** Options for {@link SshError}. */
export interface SshErrorOptions extends ErrorOptions {
  /** The connection it concerns, as `user@host:port`. */
  host?: string;
  /** The host key check that refused the connection, for the host key kinds. */
  hostKey?: HostKeyCheck;
}

/** An SSH connection that could not be made, was refused, or was lost; never carries secrets. */
export class SshError extends Error {
  /** Why it failed. */
  readonly kind: SshErrorKind;
  /** The connection it concerns, as `user@host:port`, when known. */
  readonly host: string | undefined;
  /** The host key check behind a `hostkey-*` error. */
  readonly hostKey: HostKeyCheck | undefined;

  /** Creates the error; the message must already name the host. */
  constructor(kind: SshErrorKind, message: string, options: SshErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SshError";
    this.kind = kind;
    this.host = options.host;
    this.hostKey = options.hostKey;
  }
}
