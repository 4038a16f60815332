/**
 * SSH addresses: `ssh://user@host:port` URLs and `[user@]host[:port]` jump host specs.
 * @module
 */

/** Where to connect; absent parts come from ssh_config or defaults. */
export interface SshAddress {
  /** The login name, when given. */
  user?: string;
  /** The host name or IP address (IPv6 without brackets). */
  host: string;
  /** The port, when given. */
  port?: number;
}

const URL_SHAPE = "expected ssh://[user@]host[:port]";
const JUMP_SHAPE = "expected [user@]host[:port] or ssh://[user@]host[:port]";

/** Parses `ssh://[user@]host[:port]`; throws a TypeError naming the problem (a usage error). */
export function parseSshUrl(url: string): SshAddress {
  if (!/^ssh:\/\//i.test(url)) {
    throw new TypeError(`Cannot parse SSH URL "${redact(url)}": ${URL_SHAPE}`);
  }
  return parseAuthority(url.slice("ssh://".length).replace(/\/$/, ""), url, "SSH URL", URL_SHAPE);
}

/** Parses one ProxyJump hop, `[user@]host[:port]` or an `ssh://` URL; throws a TypeError. */
export function parseJumpHost(spec: string): SshAddress {
  const text = spec.trim();
  if (/^ssh:\/\//i.test(text)) return parseSshUrl(text);
  return parseAuthority(text, spec, "jump host", JUMP_SHAPE);
}

/** Parses a ProxyJump list (`hop1,hop2`); `none` means no jump host. */
export function parseJumpHosts(list: string): SshAddress[] {
  if (list.trim().toLowerCase() === "none") return [];
  return list.split(",").map(parseJumpHost);
}

/** Formats an address as `user@host:port` (IPv6 in brackets), for messages and target names. */
export function formatSshAddress(address: { user?: string; host: string; port?: number }): string {
  const host = address.host.includes(":") ? `[${address.host}]` : address.host;
  const user = address.user === undefined ? "" : `${address.user}@`;
  const port = address.port === undefined ? "" : `:${address.port}`;
  return `${user}${host}${port}`;
}

function parseAuthority(
  authority: string,
  input: string,
  noun: string,
  shape: string,
): SshAddress {
  const what = `Cannot parse ${noun} "${redact(input)}"`;
  const at = authority.lastIndexOf("@");
  const userPart = at === -1 ? undefined : authority.slice(0, at);
  const hostPart = at === -1 ? authority : authority.slice(at + 1);
  if (userPart !== undefined && userPart.includes(":")) {
    throw new TypeError(
      `${what}: passwords in addresses are not accepted: ` +
        `set RUN_LESSON_SSH_PASSWORD or use a key`,
    );
  }
  const match = /^(?:\[([0-9A-Fa-f:.%\w]+)\]|([^:/?#@[\]\s]+))(?::(\d*))?$/.exec(hostPart);
  if (match === null || userPart === "" || (userPart !== undefined && /[\s/]/.test(userPart))) {
    throw new TypeError(`${what}: ${shape}`);
  }
  const address: SshAddress = { host: match[1] ?? match[2] };
  if (userPart !== undefined) address.user = decodeUser(userPart, what);
  if (match[3] !== undefined) {
    const port = Number(match[3]);
    if (match[3] === "" || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new TypeError(
        `${what}: port "${match[3]}" is not between 1 and 65535`,
      );
    }
    address.port = port;
  }
  return address;
}

function decodeUser(user: string, what: string): string {
  try {
    return decodeURIComponent(user);
  } catch {
    throw new TypeError(`${what}: user "${user}" is badly escaped`);
  }
}

/** Hides a password given by mistake (`user:secret@host`) before the input is quoted. */
function redact(input: string): string {
  return input.replace(/^((?:ssh:\/\/)?[^@/:]*):[^@/]*@/i, "$1:***@");
}
