/**
 * The Docker engine of an `ssh://[user@]host[:port]` address (`DOCKER_HOST` or a docker
 * context), reached like `--target ssh://`: one SSH connection (ssh_config, known_hosts, keys,
 * agent) whose streamlocal channels carry the Engine API to the remote `/var/run/docker.sock`.
 * The connection holds the process open only while a request or stream uses it, so a program
 * that never closes its local engine client still ends.
 * @module
 */
import type { Agent, ClientRequestArgs } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { clientSocket } from "./_connect_hop.ts";
import { StreamLocalAgent } from "./_docker_agent.ts";
import { connectSsh } from "./connect.ts";
import type { SshConnection } from "./connection.ts";

/** An http.Agent to a remote engine, and how to end its connection. */
export interface SshDockerTunnel {
  /** Makes the Engine API's connections. */
  agent: Agent;
  /** `user@host:port`, for messages. */
  label: string;
  /** Ends the SSH connection. */
  close(): Promise<void>;
}

/** Connects to the host of an `ssh://` engine address; rejects with an SshError. */
export async function openSshDockerTunnel(
  address: { host: string; port?: number; user?: string },
  socketPath = "/var/run/docker.sock",
): Promise<SshDockerTunnel> {
  // No keepalive timer: it would keep the process alive; a dead host fails the request instead.
  const connection = await connectSsh({ ...address, keepaliveIntervalMs: 0 });
  const socket = underlyingSocket(connection);
  socket?.unref();
  const agent = new IdleUnrefAgent(connection, socketPath, socket);
  return { agent, label: connection.label, close: () => connection.close() };
}

/** A StreamLocalAgent that refs the SSH socket while any of its channels is open. */
class IdleUnrefAgent extends StreamLocalAgent {
  #socket: Socket | undefined;
  #open = 0;

  constructor(connection: SshConnection, socketPath: string, socket: Socket | undefined) {
    super(connection.client, socketPath, {
      label: connection.label,
      lost: () => connection.lostError,
    });
    this.#socket = socket;
  }

  override createConnection(
    options: ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): undefined {
    this.#use(1);
    return super.createConnection(options, (error, stream) => {
      if (error !== null && error !== undefined) this.#use(-1);
      else stream.once("close", () => this.#use(-1));
      callback?.(error, stream);
    });
  }

  #use(change: number): void {
    this.#open += change;
    if (this.#open > 0) this.#socket?.ref();
    else this.#socket?.unref();
  }
}

/** The connection's TCP socket, which is only ref'd and unref'd here. */
function underlyingSocket(connection: SshConnection): Socket | undefined {
  const socket = clientSocket(connection.client) as Socket | undefined;
  return typeof socket?.unref === "function" ? socket : undefined;
}
