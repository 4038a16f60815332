/**
 * The one error class of the Docker client: the engine refused a call, or could not be reached.
 * @module
 */

/** Fields a {@link DockerError} may carry besides its message. */
export interface DockerErrorDetails {
  /** The HTTP status the engine answered with, when it answered. */
  statusCode?: number;
  /** docker-modem's short reason for the status, when it had one. */
  reason?: string;
  /** The engine's JSON answer (or the error line of a build or pull stream). */
  json?: unknown;
  /** The system error code when the engine could not be reached (`ENOENT`, `ECONNREFUSED`). */
  code?: string;
  /** The underlying error. */
  cause?: unknown;
}

/** A Docker Engine call that failed; `statusCode` is absent when the engine was not reached. */
export class DockerError extends Error {
  /** The HTTP status the engine answered with, when it answered. */
  statusCode?: number;
  /** docker-modem's short reason for the status, when it had one. */
  reason?: string;
  /** The engine's JSON answer (or the error line of a build or pull stream). */
  json?: unknown;
  /** The system error code when the engine could not be reached. */
  code?: string;

  /** Creates the error; `details.cause` becomes the standard `cause`. */
  constructor(message: string, details: DockerErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "DockerError";
    if (details.statusCode !== undefined) this.statusCode = details.statusCode;
    if (details.reason !== undefined) this.reason = details.reason;
    if (details.json !== undefined) this.json = details.json;
    if (details.code !== undefined) this.code = details.code;
  }
}

/** Formats `Cannot <action> "<subject>": <detail>`, leaving out the subject when absent. */
export function cannot(action: string, subject: string | undefined, detail: string): string {
  const what = subject === undefined ? action : `${action} "${subject}"`;
  return `Cannot ${what}: ${detail}`;
}
