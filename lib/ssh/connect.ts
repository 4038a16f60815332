/**
 * Opening an SSH connection the way `ssh` would: ssh_config, known_hosts verification (trust
 * on first use only when asked), key, agent and password authentication, and ProxyJump hops
 * done client-side, so nothing runs on a jump host.
 * @module
 */
import { readFile } from "node:fs/promises";
import { homedir, userInfo } from "node:os";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import type { Client } from "ssh2";
import { agentKeyBlobs } from "./_agent_keys.ts";
import { loadIdentities } from "./_auth.ts";
import type { IdentitySource, InAgent, LoadedIdentity, Prompt, SecretSources } from "./_auth.ts";
import { connectHop } from "./_connect_hop.ts";
import { displayPath } from "./_display_path.ts";
import { resolveSshConfig } from "./config.ts";
import type { SshHostConfig } from "./config.ts";
import { createSshConnection } from "./connection.ts";
import type { SshConnection } from "./connection.ts";
import { hostKeyTrust } from "./_host_key_trust.ts";
import type { HostKeyAdded } from "./_host_key_trust.ts";
import { parsePinnedHostKey } from "./known_hosts.ts";
import type { KnownHostEntry } from "./known_hosts.ts";
import { formatSshAddress, parseJumpHosts } from "./ssh_url.ts";
import type { SshAddress } from "./ssh_url.ts";
import { SshError } from "./ssh_error.ts";

export { parseSshUrl } from "./ssh_url.ts";
export type { SshAddress } from "./ssh_url.ts";
export type { Prompt } from "./_auth.ts";
export type { HostKeyAdded } from "./_host_key_trust.ts";

/** The environment variable read for key passphrases unless `passphraseEnv` names another. */
export const DEFAULT_PASSPHRASE_ENV = "RUN_LESSON_SSH_PASSPHRASE";
/** The environment variable read for the login password unless `passwordEnv` names another. */
export const DEFAULT_PASSWORD_ENV = "RUN_LESSON_SSH_PASSWORD";

/** Options for {@link connectSsh}. Secrets are only read from the environment or a prompt. */
export interface ConnectSshOptions {
  /** Host name, IP address, or ssh_config alias. */
  host: string;
  /** Port; ssh_config's, else 22. */
  port?: number;
  /** Login name; ssh_config's, else the local user's. */
  user?: string;
  /** Private key file(s); otherwise ssh_config's IdentityFile, else `~/.ssh/id_{ed25519,ecdsa,rsa}`. */
  identityFile?: string | string[];
  /** Environment variable holding key passphrases (default `RUN_LESSON_SSH_PASSPHRASE`). */
  passphraseEnv?: string;
  /** Environment variable holding the password (default `RUN_LESSON_SSH_PASSWORD`). */
  passwordEnv?: string;
  /** ssh-agent: false disables, a string is its socket, true or absent uses `SSH_AUTH_SOCK`. */
  agent?: boolean | string;
  /** known_hosts files; new keys go to the first (default `~/.ssh/known_hosts`, `/etc/ssh/ssh_known_hosts`). */
  knownHostsFiles?: string[];
  /** Trust on first use: add unknown host keys to the first known_hosts file. Changed keys are always refused. */
  acceptNewHostKeys?: boolean;
  /** Writes added entries hashed (`|1|…`), as `HashKnownHosts yes` does. */
  hashKnownHosts?: boolean;
  /** Trust exactly this key for the target (known_hosts line format); known_hosts is not read for it. */
  pinnedHostKey?: string;
  /** Jump hosts, `[user@]host[:port]` comma-separated as `ssh -J`; overrides ssh_config's ProxyJump. */
  proxyJump?: string;
  /** Limit for TCP, handshake and login of each hop, prompts excluded (default 20000). */
  readyTimeoutMs?: number;
  /** Keepalive period (default 15000; 0 disables); three missed replies end the connection. */
  keepaliveIntervalMs?: number;
  /** ssh_config file (default `~/.ssh/config` when it exists); null reads none. */
  configFile?: string | null;
  /** Asks for a passphrase or password the environment does not hold; absent: never ask. Memoise it to ask once for many hosts. */
  prompt?: Prompt;
  /** Told about each host key added through `acceptNewHostKeys`. */
  onHostKeyAdded?: (added: HostKeyAdded) => void;
  /** Told (one line) about each ssh_config Match block skipped; absent: written to stderr once. */
  onConfigWarning?: (message: string) => void;
}

interface Hop {
  host: string;
  port: number;
  user: string;
  label: string;
  config: SshHostConfig;
  pinned?: KnownHostEntry;
}

const DEFAULT_IDENTITIES = ["id_ed25519", "id_ecdsa", "id_rsa"];

/** Connects and logs in; rejects with an SshError whose `kind` says what went wrong. */
export async function connectSsh(options: ConnectSshOptions): Promise<SshConnection> {
  const configText = await readConfig(options.configFile);
  const localUser = userInfo().username;
  const onWarning = options.onConfigWarning ?? warnOnce;
  const file = displayPath(options.configFile ?? join(homedir(), ".ssh", "config"));
  const resolve = (alias: string) =>
    resolveSshConfig(alias, configText, { localUser, onWarning, file });
  const target = makeHop(options.host, options.port, options.user, resolve, localUser);
  if (options.pinnedHostKey !== undefined) {
    target.pinned = parsePinnedHostKey(options.pinnedHostKey);
  }
  const jumpSpecs: SshAddress[] = options.proxyJump === undefined
    ? target.config.proxyJump
    : parseJumpHosts(options.proxyJump);
  const hops = [
    ...jumpSpecs.map((jump) => makeHop(jump.host, jump.port, jump.user, resolve, localUser)),
    target,
  ];
  const secrets: SecretSources = {
    passphraseEnv: options.passphraseEnv ?? DEFAULT_PASSPHRASE_ENV,
    passwordEnv: options.passwordEnv ?? DEFAULT_PASSWORD_ENV,
    prompt: options.prompt,
  };
  const agent = agentSocket(options.agent, target.label);
  let agentKeys: Promise<Buffer[]> | undefined;
  const inAgent: InAgent | undefined = agent === undefined
    ? undefined
    : async (blob) =>
      (await (agentKeys ??= agentKeyBlobs(agent))).some((held) => held.equals(blob));
  const loaded = new Map<string, LoadedIdentity[]>();
  const clients: Client[] = [];
  try {
    let sock: Duplex | undefined;
    for (const [index, hop] of hops.entries()) {
      const identities = await identitiesFor(hop, options.identityFile, secrets, loaded, inAgent);
      const trust = await hostKeyTrust(hop, options);
      if (index > 0) sock = await forward(clients[index - 1], hops[index - 1], hop);
      const client = await connectHop({
        host: hop.host,
        port: hop.port,
        user: hop.user,
        label: hop.label,
        sock,
        checkHostKey: trust.check,
        preferredHostKeyAlgorithms: trust.preferred,
        agent,
        identities,
        secrets,
        readyTimeoutMs: options.readyTimeoutMs ?? 20_000,
        keepaliveIntervalMs: options.keepaliveIntervalMs ?? 15_000,
      });
      clients.push(client);
      await trust.recordNewKey();
    }
  } catch (error) {
    for (const client of clients.reverse()) client.end();
    throw error;
  }
  return createSshConnection(clients[clients.length - 1], target.label, clients.slice(0, -1));
}

async function readConfig(configFile: string | null | undefined): Promise<string> {
  if (configFile === null) return "";
  const file = configFile ?? join(homedir(), ".ssh", "config");
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if (configFile === undefined && (error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw new SshError(
      "error",
      `Cannot read SSH config "${displayPath(file)}": ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function makeHop(
  alias: string,
  port: number | undefined,
  user: string | undefined,
  resolve: (alias: string) => SshHostConfig,
  localUser: string,
): Hop {
  let config: SshHostConfig;
  try {
    config = resolve(alias);
  } catch (error) {
    throw new SshError("error", (error as Error).message, { cause: error });
  }
  const resolvedPort = port ?? config.port ?? 22;
  const resolvedUser = user ?? config.user ?? localUser;
  const label = formatSshAddress({ user: resolvedUser, host: alias, port: resolvedPort });
  return { host: config.hostName, port: resolvedPort, user: resolvedUser, label, config };
}

const warned = new Set<string>();

function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.stderr.write(`run-lesson: ${message}\n`);
}

function agentSocket(agent: boolean | string | undefined, label: string): string | undefined {
  if (agent === false) return undefined;
  if (typeof agent === "string" && agent !== "") return agent;
  const socket = process.env.SSH_AUTH_SOCK;
  if (agent === true && (socket === undefined || socket === "")) {
    throw new SshError(
      "auth-failed",
      `Cannot use ssh-agent for "${label}": SSH_AUTH_SOCK is not set: start ssh-agent and ` +
        `ssh-add your key`,
      { host: label },
    );
  }
  return socket === "" ? undefined : socket;
}

async function identitiesFor(
  hop: Hop,
  identityFile: string | string[] | undefined,
  secrets: SecretSources,
  cache: Map<string, LoadedIdentity[]>,
  inAgent: InAgent | undefined,
): Promise<LoadedIdentity[]> {
  const explicit = identityFile === undefined ? [] : [identityFile].flat();
  const sources: IdentitySource[] = [
    ...explicit.map((path) => ({ path, explicit: true })),
    ...hop.config.identityFiles.map((path) => ({ path, explicit: false })),
  ];
  if (sources.length === 0) {
    for (const name of DEFAULT_IDENTITIES) {
      sources.push({ path: join(homedir(), ".ssh", name), explicit: false });
    }
  }
  const identities: LoadedIdentity[] = [];
  for (const source of sources) {
    const key = `${source.explicit}:${source.path}`;
    let found = cache.get(key);
    if (found === undefined) {
      found = await loadIdentities([source], secrets, hop.label, inAgent);
      cache.set(key, found);
    }
    identities.push(...found);
  }
  return identities;
}

/** Opens a TCP channel from the previous hop to the next one, to carry the next login. */
function forward(via: Client, viaHop: Hop, to: Hop): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error & { reason?: unknown }) => {
      const hint = error.reason === 1
        ? ": the jump host does not allow forwarding (AllowTcpForwarding)"
        : error.reason === 2
        ? `: the jump host cannot reach ${to.host}:${to.port}`
        : "";
      return new SshError(
        "unreachable",
        `Cannot connect to "${to.label}" via "${viaHop.label}": the jump host could not open ` +
          `a connection: ${error.message}${hint}`,
        { host: to.label, cause: error },
      );
    };
    try {
      via.forwardOut("127.0.0.1", 0, to.host, to.port, (error, channel) => {
        if (error !== undefined && error !== null) reject(fail(error));
        else resolve(channel);
      });
    } catch (error) {
      reject(fail(error as Error));
    }
  });
}
