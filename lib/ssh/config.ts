/**
 * The basics of ssh_config(5): Host blocks and HostName, User, Port, IdentityFile, ProxyJump,
 * with the first obtained value winning. Match blocks other than `Match all` and Include are not
 * supported: their lines are ignored.
 * @module
 */
import { homedir, userInfo } from "node:os";
import { matchPatternList } from "./_host_pattern.ts";
import { parseJumpHosts } from "./ssh_url.ts";
import type { SshAddress } from "./ssh_url.ts";

/** What ssh_config says about one host alias. */
export interface SshHostConfig {
  /** The alias looked up, as typed. */
  alias: string;
  /** The real host name: HostName (with `%h` expanded) or the alias itself. */
  hostName: string;
  /** User, when set. */
  user?: string;
  /** Port, when set. */
  port?: number;
  /** IdentityFile values in order, with `~` and `%d %u %h %r %p %%` expanded. */
  identityFiles: string[];
  /** ProxyJump hops in order; empty when unset or `none`. */
  proxyJump: SshAddress[];
}

/** Options for {@link resolveSshConfig}. */
export interface ResolveSshConfigOptions {
  /** The home folder for `~` and `%d`; the current user's when absent. */
  homeDir?: string;
  /** The local user name for `%u` and the default remote user; the current user's when absent. */
  localUser?: string;
  /** The file name shown in syntax errors. */
  file?: string;
}

interface Line {
  keyword: string;
  args: string[];
  number: number;
}

/** Resolves a host alias against ssh_config text; throws a SyntaxError on a bad value. */
export function resolveSshConfig(
  alias: string,
  configText: string,
  options: ResolveSshConfigOptions = {},
): SshHostConfig {
  const file = options.file ?? "ssh config";
  const values = new Map<string, { value: string; number: number }>();
  const identityFiles: string[] = [];
  let active = true;
  for (const line of tokenize(configText, file)) {
    if (line.keyword === "host") {
      active = matchPatternList(alias.toLowerCase(), line.args) === 1;
      continue;
    }
    if (line.keyword === "match") {
      active = line.args.length === 1 && line.args[0].toLowerCase() === "all";
      continue;
    }
    if (!active || line.args.length === 0) continue;
    if (line.keyword === "identityfile") identityFiles.push(line.args[0]);
    else if (!values.has(line.keyword)) {
      values.set(line.keyword, { value: line.args.join(" "), number: line.number });
    }
  }
  const home = options.homeDir ?? homedir();
  const localUser = options.localUser ?? userInfo().username;
  const hostName = expand(values.get("hostname")?.value ?? alias, { h: alias }, home);
  const config: SshHostConfig = { alias, hostName, identityFiles: [], proxyJump: [] };
  const user = values.get("user");
  if (user !== undefined) config.user = user.value;
  const port = values.get("port");
  if (port !== undefined) {
    const number = Number(port.value);
    if (!/^\d+$/.test(port.value) || number < 1 || number > 65535) {
      throw new SyntaxError(
        `Cannot read ${file}: line ${port.number}: Port "${port.value}" is not between 1 and 65535`,
      );
    }
    config.port = number;
  }
  const jump = values.get("proxyjump");
  if (jump !== undefined) {
    try {
      config.proxyJump = parseJumpHosts(jump.value);
    } catch (error) {
      throw new SyntaxError(
        `Cannot read ${file}: line ${jump.number}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const tokens = {
    d: home,
    u: localUser,
    h: hostName,
    r: config.user ?? localUser,
    p: String(config.port ?? 22),
  };
  config.identityFiles = identityFiles.map((path) => expand(path, tokens, home));
  return config;
}

function tokenize(text: string, file: string): Line[] {
  const lines: Line[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const match = /^([A-Za-z]+)(?:\s*=\s*|\s+|$)(.*)$/.exec(trimmed);
    if (match === null) {
      throw new SyntaxError(`Cannot read ${file}: line ${index + 1}: "${trimmed}" has no keyword`);
    }
    lines.push({ keyword: match[1].toLowerCase(), args: splitArgs(match[2]), number: index + 1 });
  });
  return lines;
}

/** Splits arguments on whitespace, keeping double-quoted ones whole; stops at a `#` comment. */
function splitArgs(text: string): string[] {
  const args: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|(\S+)/g)) {
    if (match[2]?.startsWith("#")) break;
    args.push(match[1] ?? match[2]);
  }
  return args;
}

function expand(value: string, tokens: Record<string, string>, home: string): string {
  const tilde = value === "~" ? home : value.startsWith("~/") ? home + value.slice(1) : value;
  return tilde.replace(/%(.)/g, (whole, key: string) => {
    if (key === "%") return "%";
    return tokens[key] ?? whole;
  });
}
