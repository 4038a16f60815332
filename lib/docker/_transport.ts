/**
 * The HTTP layer over docker-modem: versioned paths, query and body placement, status codes,
 * timeouts through AbortSignal, and one error shape. Everything else speaks through it.
 * @module
 */
import type { IncomingMessage } from "node:http";
import { clearTimeout, setTimeout } from "node:timers";
import type { Duplex, Readable } from "node:stream";
import Modem from "docker-modem";
import { cannot, DockerError } from "./errors.ts";
import { connectHint, describeEndpoint, type DockerEndpoint } from "./host.ts";

/** A query value; objects (filters) are sent as JSON, arrays as repeated keys. */
export type QueryValue = string | number | boolean | string[] | Record<string, unknown> | undefined;

/** One Engine API call. */
export interface Call {
  /** The HTTP method. */
  method: "GET" | "POST" | "PUT" | "DELETE" | "HEAD";
  /** The path without the version prefix, e.g. `/containers/abc/json`. */
  path: string;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, QueryValue>;
  /** The JSON body (POST). */
  body?: unknown;
  /** A request body to stream (a tar for build and import). */
  file?: Buffer | Readable;
  /** The statuses that mean success. */
  ok: number[];
  /** What the call does, for messages: "start container". */
  action: string;
  /** What it does it to, for messages: the container name. */
  subject?: string;
  /** Unary calls only: milliseconds before giving up; 0 for none. */
  timeoutMs?: number;
  /** Cancels the call. */
  signal?: AbortSignal;
  /** Whether the path is unversioned (`/version`, `/_ping`). */
  unversioned?: boolean;
}

/** docker-modem's error shape. */
interface ModemError extends Error {
  statusCode?: number;
  reason?: string;
  json?: unknown;
  code?: string;
  syscall?: string;
}

/** Talks HTTP to one engine through docker-modem. */
export class Transport {
  /** The engine address. */
  readonly endpoint: DockerEndpoint;
  /** The negotiated API version; unversioned paths until it is set. */
  apiVersion: string | undefined;
  /** The default time limit for unary calls, in milliseconds. */
  readonly timeoutMs: number;
  #modem: Modem;

  /** Wraps a modem built for `endpoint`. */
  constructor(modem: Modem, endpoint: DockerEndpoint, timeoutMs: number) {
    this.#modem = modem;
    this.endpoint = endpoint;
    this.timeoutMs = timeoutMs;
  }

  /** Makes a unary call and resolves with the parsed JSON answer (or undefined when empty). */
  async json<T>(call: Call): Promise<T> {
    const ms = call.timeoutMs ?? this.timeoutMs;
    // A timer cleared when the call ends: an AbortSignal.timeout() fires later all the same,
    // making an exception with its stack and an event for every call that ended long before.
    const limit = ms > 0 ? new AbortController() : undefined;
    const timeout = limit &&
      setTimeout(() => limit.abort(new DOMException("The call timed out", "TimeoutError")), ms);
    timeout?.unref();
    const timer = limit?.signal;
    const signal = anySignal(call.signal, timer);
    try {
      const result = await this.#dial(call, { abortSignal: signal });
      if (Buffer.isBuffer(result)) {
        return (result.length === 0 ? undefined : result.toString()) as T;
      }
      return result as T;
    } catch (error) {
      if (timer?.aborted && !call.signal?.aborted) {
        throw new DockerError(cannot(call.action, call.subject, `no answer within ${ms} ms`), {
          cause: error,
          code: "ETIMEDOUT",
        });
      }
      throw this.error(call, error);
    } finally {
      clearTimeout(timeout);
    }
  }

  /** Makes a streaming call and resolves with the response once the status is known. */
  async stream(call: Call): Promise<IncomingMessage> {
    try {
      return await this.#dial(call, {
        isStream: true,
        abortSignal: call.signal,
      }) as IncomingMessage;
    } catch (error) {
      throw this.error(call, error);
    }
  }

  /** Makes a hijacked call (exec start, attach) and resolves with the raw two-way socket. */
  async hijack(call: Call): Promise<Duplex> {
    try {
      return await this.#dial(call, { isStream: true, hijack: true }) as Duplex;
    } catch (error) {
      throw this.error(call, error);
    }
  }

  /** Turns a modem or system error into a {@link DockerError} that names the call. */
  error(call: Pick<Call, "action" | "subject">, error: unknown): DockerError {
    if (error instanceof DockerError) return error;
    const e = error as ModemError;
    if (typeof e?.statusCode === "number") {
      return new DockerError(cannot(call.action, call.subject, engineMessage(e)), {
        statusCode: e.statusCode,
        reason: e.reason,
        json: e.json ?? undefined,
        cause: error,
      });
    }
    if (e?.name === "AbortError") {
      return new DockerError(cannot(call.action, call.subject, "aborted"), {
        cause: error,
        code: "ABORT_ERR",
      });
    }
    if (typeof e?.code === "string" && (e.syscall === "connect" || e.syscall === "getaddrinfo")) {
      const detail = `${e.syscall} ${e.code}`;
      const hint = e.code === "EACCES"
        ? "run as root or join the docker group"
        : connectHint(this.endpoint);
      return new DockerError(
        `Cannot connect to Docker at ${describeEndpoint(this.endpoint)}: ${detail}: ${hint}`,
        { code: e.code, cause: error },
      );
    }
    const detail = typeof e?.code === "string" && e.syscall
      ? `${e.syscall} ${e.code}`
      : String(e?.message ?? error);
    return new DockerError(cannot(call.action, call.subject, detail), {
      code: e?.code,
      cause: error,
    });
  }

  #dial(call: Call, extra: Partial<Modem.DialOptions>): Promise<unknown> {
    const prefix = call.unversioned || this.apiVersion === undefined ? "" : `/v${this.apiVersion}`;
    const query = cleanQuery(call.query);
    const options: Modem.DialOptions = {
      path: prefix + call.path + (query ? "?" : ""),
      method: call.method,
      statusCodes: Object.fromEntries(call.ok.map((code) => [code, true])),
      ...extra,
    };
    if (query) options.options = { _query: query, _body: call.body ?? {} };
    else if (call.body !== undefined) options.options = { _body: call.body };
    if (call.file !== undefined) {
      options.file = call.file;
      options.headers = { "Content-Type": "application/x-tar" };
    }
    if (extra.abortSignal === undefined) delete options.abortSignal;
    return new Promise((resolve, reject) => {
      this.#modem.dial(options, (error, result) => error ? reject(error) : resolve(result));
    });
  }
}

/** The engine's own words from a modem error: its JSON `message`, else the modem's text. */
function engineMessage(error: ModemError): string {
  const json = error.json as { message?: unknown } | null | undefined;
  if (
    json && typeof json === "object" && !Buffer.isBuffer(json) && typeof json.message === "string"
  ) {
    return json.message.trim();
  }
  if (Buffer.isBuffer(json) && json.length > 0) return json.toString().trim();
  const text = error.message.replace(/^\(HTTP code \d+\) .*? - /s, "").replace(/ $/, "");
  return text.trim() || `HTTP ${error.statusCode}`;
}

function cleanQuery(query: Call["query"]): Record<string, unknown> | undefined {
  if (!query) return undefined;
  const entries = Object.entries(query).filter(([, value]) => value !== undefined);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

function anySignal(
  a: AbortSignal | undefined,
  b: AbortSignal | undefined,
): AbortSignal | undefined {
  if (!a) return b;
  if (!b) return a;
  return AbortSignal.any([a, b]);
}
