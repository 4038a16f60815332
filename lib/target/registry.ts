/**
 * The target registry: every kind of target by its URL scheme. A target is chosen with a
 * URL-like string (`local`, `ssh://user@host:port`, `container://NAME`), or a Host alias of
 * `~/.ssh/config` (`lab1`, as `ssh lab1` takes it), which means `ssh://lab1`; adding a kind of
 * target is one file with its factory and one line here.
 *
 * @example
 * ```ts
 * import { openTarget } from "./lib/target/registry.ts";
 *
 * const opened = await openTarget("container://web", {
 *   lessonDir: "lessons/demo",
 *   runId: "demo-1",
 *   prelude: "",
 *   readOnly: false,
 *   localDocker: () => connectDocker(),
 * });
 * await opened.shell.run("uname -a", { timeoutMs: 5_000 });
 * await opened.close();
 * ```
 * @module
 */
import { openContainer, parseContainerUrl } from "./container.ts";
import { checkLocalUrl, openLocal } from "./local.ts";
import { openSsh } from "./ssh.ts";
import { parseSshUrl } from "../ssh/ssh_url.ts";
import { isSshConfigAlias } from "../ssh/config.ts";
import type { OpenedTarget, TargetFactory, TargetSetup } from "./types.ts";

/** A kind of target: how its URL is checked, and how it is opened. */
export interface TargetKind {
  /** The URL's shape, for messages, e.g. `ssh://user@host[:port]`. */
  shape: string;
  /** Throws a TypeError naming the problem when the URL is malformed (a usage error). */
  check(url: string): void;
  /** Opens the target. */
  open: TargetFactory;
}

/** Every kind of target, by scheme (`local` has no `://`). */
export const TARGETS: Readonly<Record<string, TargetKind>> = {
  local: { shape: "local", check: checkLocalUrl, open: openLocal },
  ssh: { shape: "ssh://user@host[:port]", check: (url) => void parseSshUrl(url), open: openSsh },
  container: { shape: "container://NAME", check: parseContainerUrl, open: openContainer },
};

/** The scheme of a target URL: `ssh` for `ssh://…`, the whole string when it has no `://`. */
export function targetScheme(url: string): string {
  const at = url.indexOf("://");
  return (at === -1 ? url : url.slice(0, at)).toLowerCase();
}

/**
 * The `ssh://` URL a bare name means when it is a Host alias of `~/.ssh/config` (not a known
 * scheme, not `local`, no `://`); undefined otherwise.
 */
export function sshAliasUrl(url: string): string | undefined {
  if (url.includes("://") || Object.hasOwn(TARGETS, targetScheme(url))) return undefined;
  return isSshConfigAlias(url) ? `ssh://${url}` : undefined;
}

/**
 * The kind of target a URL names, after checking the URL; throws a TypeError (a usage error)
 * for an unknown scheme or a malformed URL. A Host alias of `~/.ssh/config` is an ssh target.
 */
export function targetKind(url: string): TargetKind {
  const kind = Object.hasOwn(TARGETS, targetScheme(url)) ? TARGETS[targetScheme(url)] : undefined;
  const alias = kind === undefined ? sshAliasUrl(url) : undefined;
  if (alias !== undefined) {
    const ssh = TARGETS.ssh;
    ssh.check(alias);
    return { ...ssh, open: (_url, setup) => ssh.open(alias, setup) };
  }
  if (kind === undefined) {
    const shapes = Object.values(TARGETS).map((k) => k.shape);
    throw new TypeError(
      `Unknown target "${url}": use ${shapes.slice(0, -1).join(", ")} or ${shapes.at(-1)}`,
    );
  }
  kind.check(url);
  return kind;
}

/** Opens the target a URL names; see {@link TargetSetup} for what each kind reads. */
export function openTarget(url: string, setup: TargetSetup): Promise<OpenedTarget> {
  return targetKind(url).open(url, setup);
}
