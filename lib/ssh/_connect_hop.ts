/**
 * One SSH login: TCP (or a forwarded stream), host key verification, authentication, all under
 * one deadline, with every ssh2 failure turned into an SshError.
 * @module
 */
import type { Duplex, Writable } from "node:stream";
import ssh2 from "ssh2";
import type { Client as ClientType, ConnectConfig, ServerHostKeyAlgorithm } from "ssh2";
import { createAuthSession } from "./_auth.ts";
import type { LoadedIdentity, SecretSources } from "./_auth.ts";
import type { HostKeyCheck } from "./known_hosts.ts";
import { SshError } from "./ssh_error.ts";

const { Client } = ssh2;

/** Everything one login needs. */
export interface HopOptions {
  /** Host to connect to (ignored when `sock` is given, but named in messages). */
  host: string;
  /** Port to connect to. */
  port: number;
  /** Login name. */
  user: string;
  /** `user@host:port`, or with ` via …` for a jump, for messages. */
  label: string;
  /** A stream to the server (a jump host's forwarded channel) instead of a TCP connection. */
  sock?: Duplex;
  /**
   * Checks the offered host key; anything but `known` refuses the connection. Synchronous on
   * purpose: under Deno, ssh2 can hang when an asynchronous verdict lands while it processes
   * the server's NEWKEYS, so known_hosts is read before connecting.
   */
  checkHostKey(key: Buffer): HostKeyCheck;
  /** Host key algorithms to prefer, most wanted first (the types known for this host). */
  preferredHostKeyAlgorithms: string[];
  /** ssh-agent socket, when used. */
  agent?: string;
  /** Loaded private keys. */
  identities: LoadedIdentity[];
  /** Where a password comes from. */
  secrets: SecretSources;
  /** Limit for TCP, handshake and login together, prompts excluded. */
  readyTimeoutMs: number;
  /** Keepalive period; 0 disables. */
  keepaliveIntervalMs: number;
}

const HOST_KEY_KIND = {
  unknown: "hostkey-unknown",
  changed: "hostkey-changed",
  revoked: "hostkey-changed",
} as const;

/** Logs in to one SSH server; resolves with the ready client or rejects with an SshError. */
export function connectHop(options: HopOptions): Promise<ClientType> {
  const { label } = options;
  return new Promise((resolve, reject) => {
    const client = new Client();
    let settled = false;
    let hostKeyFailure: SshError | undefined;
    const notes: string[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fail = (error: SshError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.destroy();
      reject(error);
    };
    const startDeadline = () => {
      clearTimeout(timer);
      if (options.readyTimeoutMs <= 0) return;
      timer = setTimeout(() => {
        fail(
          new SshError(
            "timeout",
            `Cannot connect to "${label}": no SSH login within ${options.readyTimeoutMs} ms`,
            { host: label },
          ),
        );
      }, options.readyTimeoutMs);
    };
    const auth = createAuthSession({
      user: options.user,
      label,
      agent: options.agent,
      identities: options.identities,
      secrets: options.secrets,
      pauseDeadline: () => clearTimeout(timer),
      resumeDeadline: startDeadline,
    });
    client.on("error", (error: Error & { level?: string; code?: unknown }) => {
      if (settled) return;
      const level = error.level ?? "";
      if (hostKeyFailure !== undefined) return fail(hostKeyFailure);
      if (level === "agent" || (level === "client-authentication" && !auth.exhausted())) {
        notes.push(error.message);
        return;
      }
      if (level === "client-authentication" || /authentication/i.test(error.message)) {
        const tried = auth.tried.length === 0
          ? `no credentials to offer: pass an identity file, start ssh-agent, or set ` +
            options.secrets.passwordEnv
          : `the server refused ${auth.tried.join(", ")}`;
        const extra = notes.length === 0 ? "" : ` (${notes.join("; ")})`;
        return fail(
          new SshError("auth-failed", `Cannot log in to "${label}": ${tried}${extra}`, {
            host: label,
            cause: error,
          }),
        );
      }
      const unreachable = level === "client-socket" || level === "client-dns" ||
        /lost before handshake/i.test(error.message);
      const what = level === "handshake" ? `SSH handshake failed: ${error.message}` : error.message;
      fail(
        new SshError(
          unreachable ? "unreachable" : "error",
          `Cannot connect to "${label}": ${what}`,
          {
            host: label,
            cause: error,
          },
        ),
      );
    });
    client.on("close", () => {
      fail(
        hostKeyFailure ?? new SshError(
          "unreachable",
          `Cannot connect to "${label}": the connection closed before login finished`,
          { host: label },
        ),
      );
    });
    client.on("ready", () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(client);
    });
    const config: ConnectConfig = {
      host: options.host,
      port: options.port,
      username: options.user,
      sock: options.sock,
      readyTimeout: 0,
      keepaliveInterval: options.keepaliveIntervalMs,
      keepaliveCountMax: 3,
      authHandler: auth.handler,
      hostVerifier: (key: Buffer): boolean => {
        let check: HostKeyCheck;
        try {
          check = options.checkHostKey(key);
        } catch (error) {
          hostKeyFailure = new SshError(
            "error",
            `Cannot verify the host key of "${label}": ${(error as Error).message}`,
            { host: label, cause: error },
          );
          return false;
        }
        if (check.status === "known") return true;
        hostKeyFailure = new SshError(HOST_KEY_KIND[check.status], check.message, {
          host: label,
          hostKey: check,
        });
        return false;
      },
    };
    if (options.preferredHostKeyAlgorithms.length > 0) {
      // Remove, then prepend: moves the known types to the front (keys are applied in order).
      const preferred = options.preferredHostKeyAlgorithms as ServerHostKeyAlgorithm[];
      config.algorithms = { serverHostKey: { remove: preferred, prepend: preferred, append: [] } };
    }
    startDeadline();
    try {
      client.connect(config);
      _corkPerTick(clientSocket(client));
      _ignoreHostKeysNotice(client);
    } catch (error) {
      fail(
        new SshError("error", `Cannot connect to "${label}": ${(error as Error).message}`, {
          host: label,
          cause: error,
        }),
      );
    }
  });
}

/**
 * The stream an ssh2 client talks over: its TCP socket, or the forwarded channel of a jump
 * host. ssh2 keeps it in a private field, read here only.
 */
export function clientSocket(client: ClientType): Duplex | undefined {
  return (client as unknown as { _sock?: Duplex })._sock;
}

/** ssh2's protocol object, read here only for its message handlers. */
interface _Protocol {
  _handlers?: Record<string, unknown>;
}

/**
 * Leaves OpenSSH's list of the server's other host keys (`hostkeys-00@openssh.com`, sent after
 * every login) unproven. ssh2 answers it on its own by asking the server to prove each key and
 * verifying every signature, a round trip and about 2 ms of CPU per login (parsing the keys,
 * then the signatures), for keys it only reports in an event nothing here listens to: the host
 * key that counts was verified during the handshake. Other global requests go to ssh2 as before.
 */
function _ignoreHostKeysNotice(client: ClientType): void {
  const handlers = (client as unknown as { _protocol?: _Protocol })._protocol?._handlers;
  const handle = handlers?.GLOBAL_REQUEST;
  if (handlers === undefined || typeof handle !== "function") return;
  handlers.GLOBAL_REQUEST = (p: unknown, name: string, wantReply: boolean, data: unknown) => {
    if (name === "hostkeys-00@openssh.com" && !wantReply) return;
    return handle(p, name, wantReply, data);
  };
}

/**
 * Gathers the writes of one tick into one: ssh2 writes every packet to its socket on its own
 * (an HTTP request over a channel is several packets: headers, body, end), each a system call
 * and, on loopback, a wake-up of the server. Corked until the tick ends, they leave as one
 * `writev`.
 */
function _corkPerTick(socket: Writable | undefined): void {
  if (socket === undefined || typeof socket.cork !== "function") return;
  const write = socket.write;
  let corked = false;
  socket.write = function (this: Writable, ...args: Parameters<Writable["write"]>) {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(() => {
        corked = false;
        socket.uncork();
      });
    }
    return write.apply(this, args);
  } as Writable["write"];
}
