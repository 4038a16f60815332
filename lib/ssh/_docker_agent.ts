/**
 * An http.Agent whose connections are `direct-streamlocal@openssh.com` channels to a Unix
 * socket on the SSH server, so HTTP (including hijacked Docker exec streams) rides on the one
 * SSH connection.
 * @module
 */
import { Agent } from "node:http";
import type { AgentOptions, ClientRequestArgs } from "node:http";
import type { Duplex } from "node:stream";
import { inspect } from "node:util";
import type { Client } from "ssh2";
import { SshError } from "./ssh_error.ts";

/** How the agent reaches its connection. */
export interface StreamLocalContext {
  /** `user@host:port`, for messages. */
  label: string;
  /** The error explaining why the connection is gone, or undefined while it is up. */
  lost(): SshError | undefined;
}

/** An http.Agent tunnelling every request to a Unix socket on the SSH server. */
export class StreamLocalAgent extends Agent {
  #client: Client;
  #socketPath: string;
  #context: StreamLocalContext;

  /** Creates the agent for one connection and remote socket path. */
  constructor(
    client: Client,
    socketPath: string,
    context: StreamLocalContext,
    options?: AgentOptions,
  ) {
    super(options);
    this.#client = client;
    this.#socketPath = socketPath;
    this.#context = context;
  }

  /**
   * What `util.inspect` shows of the agent. docker-modem inspects every request's options, the
   * agent among them, to their full depth even while its debug output is off; through the
   * agent's sockets that walked the whole SSH connection, milliseconds of CPU per request.
   */
  [inspect.custom](): string {
    return `StreamLocalAgent { ${this.#context.label}:${this.#socketPath} }`;
  }

  /** Opens one channel to the remote socket and hands it to the HTTP client. */
  override createConnection(
    _options: ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): undefined {
    const done = callback ?? (() => {});
    const what = `Cannot open "${this.#socketPath}" on "${this.#context.label}"`;
    const failed = (error: Error) => {
      const hint = /prohibited/i.test(error.message)
        ? "the server needs AllowStreamLocalForwarding yes"
        : "check that the socket exists there and the login user may open it";
      return new SshError("error", `${what}: ${error.message}: ${hint}`, {
        host: this.#context.label,
        cause: error,
      });
    };
    const gone = this.#context.lost();
    if (gone !== undefined) {
      queueMicrotask(() => done(gone, undefined as unknown as Duplex));
      return undefined;
    }
    try {
      this.#client.openssh_forwardOutStreamLocal(this.#socketPath, (error, channel) => {
        if (error !== undefined && error !== null) {
          return done(this.#context.lost() ?? failed(error), undefined as unknown as Duplex);
        }
        done(null, asSocket(channel));
      });
    } catch (error) {
      const lost = this.#context.lost() ??
        new SshError("unreachable", `${what}: ${(error as Error).message}`, {
          host: this.#context.label,
          cause: error,
        });
      queueMicrotask(() => done(lost, undefined as unknown as Duplex));
    }
    return undefined;
  }
}

/** Gives a channel the socket methods the HTTP client calls. */
function asSocket(channel: Duplex): Duplex {
  const noop = () => channel;
  return Object.assign(channel, {
    setKeepAlive: noop,
    setNoDelay: noop,
    setTimeout: noop,
    ref: noop,
    unref: noop,
    destroySoon: () => channel.destroy(),
  });
}
