/**
 * The basics of ssh_config(5): Host blocks and HostName, User, Port, IdentityFile, ProxyJump,
 * with the first obtained value winning; `Include` (relative to `~/.ssh`, globs, conditional
 * inside a block) and `Match` with the criteria `all`, `host`, `originalhost`, `user` and
 * `localuser` (each may be negated with `!`). A Match block with any other criterion (`exec`,
 * `canonical`, `final`, `tagged`, ...) is skipped with a warning.
 * @module
 */
import { readFileSync } from "node:fs";
import { homedir, userInfo } from "node:os";
import { join } from "node:path";
import { readIncludes } from "./_config_include.ts";
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
  /** Told about each Match block skipped for a criterion it does not support (one line). */
  onWarning?: (message: string) => void;
}

interface Line {
  keyword: string;
  args: string[];
  number: number;
  file: string;
}

/** How deep Include may nest, as in ssh. */
const MAX_INCLUDE_DEPTH = 16;

/** Resolves a host alias against ssh_config text; throws a SyntaxError on a bad value. */
export function resolveSshConfig(
  alias: string,
  configText: string,
  options: ResolveSshConfigOptions = {},
): SshHostConfig {
  const file = options.file ?? "ssh config";
  const values = new Map<string, { value: string; number: number; file: string }>();
  const identityFiles: string[] = [];
  const home = options.homeDir ?? homedir();
  const localUser = options.localUser ?? userInfo().username;
  const context: MatchContext = {
    alias,
    localUser,
    hostName: () => expand(values.get("hostname")?.value ?? alias, { h: alias }, home),
    user: () => values.get("user")?.value ?? localUser,
    warn: options.onWarning ?? (() => {}),
  };
  const walk = (lines: Line[], depth: number) => {
    let active = true;
    for (const line of lines) {
      if (line.keyword === "host") {
        active = matchPatternList(alias.toLowerCase(), line.args) === 1;
        continue;
      }
      if (line.keyword === "match") {
        active = matchBlock(line, context);
        continue;
      }
      if (!active || line.args.length === 0) continue;
      if (line.keyword === "include") {
        if (depth >= MAX_INCLUDE_DEPTH) {
          throw new SyntaxError(
            `Cannot read ${line.file}: line ${line.number}: Include nested too deeply`,
          );
        }
        for (const included of readIncludes(line.args, home)) {
          walk(tokenize(included.text, included.path), depth + 1);
        }
      } else if (line.keyword === "identityfile") identityFiles.push(line.args[0]);
      else if (!values.has(line.keyword)) {
        values.set(line.keyword, {
          value: line.args.join(" "),
          number: line.number,
          file: line.file,
        });
      }
    }
  };
  walk(tokenize(configText, file), 0);
  const hostName = expand(values.get("hostname")?.value ?? alias, { h: alias }, home);
  const config: SshHostConfig = { alias, hostName, identityFiles: [], proxyJump: [] };
  const user = values.get("user");
  if (user !== undefined) config.user = user.value;
  const port = values.get("port");
  if (port !== undefined) {
    const number = Number(port.value);
    if (!/^\d+$/.test(port.value) || number < 1 || number > 65535) {
      throw new SyntaxError(
        `Cannot read ${port.file}: line ${port.number}: Port "${port.value}" is not between 1 and 65535`,
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
        `Cannot read ${jump.file}: line ${jump.number}: ${(error as Error).message}`,
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
    const keyword = match[1].toLowerCase();
    lines.push({ keyword, args: splitArgs(match[2]), number: index + 1, file });
  });
  return lines;
}

interface MatchContext {
  alias: string;
  localUser: string;
  hostName(): string;
  user(): string;
  warn(message: string): void;
}

/** Whether a Match line applies; every criterion must hold. Unsupported criteria skip it. */
function matchBlock(line: Line, context: MatchContext): boolean {
  const args = line.args;
  const where = `${line.file}: line ${line.number}`;
  if (args.length === 1 && args[0].toLowerCase() === "all") return true;
  if (args.length === 0) {
    context.warn(`${where}: "Match" without criteria is skipped`);
    return false;
  }
  const subjects: Record<string, () => string> = {
    host: context.hostName,
    originalhost: () => context.alias,
    user: context.user,
    localuser: () => context.localUser,
  };
  let matched = true;
  for (let i = 0; i < args.length; i++) {
    const negated = args[i].startsWith("!");
    const criterion = args[i].slice(negated ? 1 : 0).toLowerCase();
    const subject = Object.hasOwn(subjects, criterion) ? subjects[criterion] : undefined;
    if (subject === undefined || i + 1 >= args.length) {
      context.warn(
        `${where}: "Match ${args.join(" ")}" is skipped: run-lesson supports ` +
          `Match all, host, originalhost, user and localuser only`,
      );
      return false;
    }
    const hit = matchPatternList(subject().toLowerCase(), args[++i].split(",")) === 1;
    if (hit === negated) matched = false;
  }
  return matched;
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

/**
 * Whether `name` is a Host alias of the user's ssh config (`~/.ssh/config` and what it
 * includes): named literally on a Host line, not only matched by a wildcard, as `ssh NAME` would
 * find its entry. A missing or unreadable config has no aliases.
 */
export function isSshConfigAlias(name: string, homeDir: string = homedir()): boolean {
  let text: string;
  try {
    text = readFileSync(join(homeDir, ".ssh", "config"), "utf8");
  } catch {
    return false;
  }
  const wanted = name.toLowerCase();
  const search = (lines: Line[], depth: number): boolean =>
    lines.some((line) => {
      if (line.keyword === "host") {
        return line.args.some((arg) => !/[*?!]/.test(arg) && arg.toLowerCase() === wanted);
      }
      if (line.keyword !== "include" || depth >= MAX_INCLUDE_DEPTH) return false;
      return readIncludes(line.args, homeDir).some((file) => {
        try {
          return search(tokenize(file.text, file.path), depth + 1);
        } catch {
          return false;
        }
      });
    });
  try {
    return search(tokenize(text, "~/.ssh/config"), 0);
  } catch {
    return false;
  }
}
