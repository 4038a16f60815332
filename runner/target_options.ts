/**
 * The target options shared by the commands that run on one target (`run`, `check`): their
 * parseArgs definitions, and the target choice they make.
 * @module
 */
import { parseSshUrl } from "../lib/ssh/connect.ts";
import { terminalPrompt } from "../lib/ssh/terminal_prompt.ts";
import { sshAliasUrl, targetKind, targetScheme } from "../lib/target/registry.ts";
import { UsageError } from "./cli_io.ts";
import type { targetFor } from "./targets.ts";

/** The parseArgs definitions of `--target`, `--via`, `--identity`, `--known-hosts` and `--accept-new-host-keys`. */
export const TARGET_OPTIONS = {
  target: { type: "string" },
  via: { type: "string" },
  identity: { type: "string" },
  "known-hosts": { type: "string", multiple: true },
  "accept-new-host-keys": { type: "boolean" },
} as const;

/** The values parseArgs gives for {@link TARGET_OPTIONS}. */
export interface TargetValues {
  /** `local` (the default), `ssh://user@host[:port]`, an ssh_config Host alias or `container://NAME`. */
  target?: string;
  /** `ssh://user@host[:port]` (or a Host alias) whose Docker engine runs the `container://` target. */
  via?: string;
  /** An SSH private key file. */
  identity?: string;
  /** known_hosts files to verify host keys against. */
  "known-hosts"?: string[];
  /** Whether to trust a host key seen for the first time. */
  "accept-new-host-keys"?: boolean;
}

/** The SSH options `targetFor` takes. */
export type SshChoiceOptions = NonNullable<Parameters<typeof targetFor>[1]["sshOptions"]>;

/**
 * The target part of a choice from the command line: the target URL (checked against the
 * target registry), the SSH host a `container://` target is reached through (`--via`), and the
 * SSH options. A Host alias of `~/.ssh/config` becomes `ssh://ALIAS` (as target or `--via`).
 * Throws a UsageError for an unknown or malformed target, `--via` without a container target, or
 * SSH options with nothing reached over SSH.
 */
export function sshChoice(
  values: TargetValues,
): { target?: string; via?: string; sshOptions?: SshChoiceOptions } {
  const given = values.target ?? "local";
  const target = sshAliasUrl(given) ?? given;
  const via = values.via === undefined ? undefined : sshAliasUrl(values.via) ?? values.via;
  try {
    targetKind(target);
    if (via !== undefined) {
      if (targetScheme(target) !== "container") {
        throw new TypeError("--via needs --target container://NAME");
      }
      parseSshUrl(via);
    }
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
  if (!target.startsWith("ssh://") && via === undefined) {
    if (values.identity || values["known-hosts"] || values["accept-new-host-keys"]) {
      throw new UsageError(
        "--identity, --known-hosts and --accept-new-host-keys need --target ssh://… (or a Host alias of ~/.ssh/config)",
      );
    }
    return target === "local" ? {} : { target };
  }
  return {
    target,
    via,
    sshOptions: {
      identityFile: values.identity,
      knownHostsFiles: values["known-hosts"],
      acceptNewHostKeys: values["accept-new-host-keys"] ?? false,
      // On a terminal, a passphrase or password the environment does not hold is asked for.
      prompt: terminalPrompt(),
    },
  };
}
