/**
 * The target options shared by the commands that run on one target (`run`, `check`): their
 * parseArgs definitions, and the target choice they make.
 * @module
 */
import { parseSshUrl } from "../lib/ssh/connect.ts";
import { UsageError } from "./cli_io.ts";
import type { targetFor } from "./targets.ts";

/** The parseArgs definitions of `--target`, `--identity`, `--known-hosts` and `--accept-new-host-keys`. */
export const TARGET_OPTIONS = {
  target: { type: "string" },
  identity: { type: "string" },
  "known-hosts": { type: "string", multiple: true },
  "accept-new-host-keys": { type: "boolean" },
} as const;

/** The values parseArgs gives for {@link TARGET_OPTIONS}. */
export interface TargetValues {
  /** `local` (the default) or `ssh://user@host[:port]`. */
  target?: string;
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
 * The SSH part of a target choice from the command line; none for the local target. Throws a
 * UsageError for an unknown target, a malformed ssh:// URL, or SSH options without one.
 */
export function sshChoice(values: TargetValues): { ssh?: string; sshOptions?: SshChoiceOptions } {
  const target = values.target ?? "local";
  if (target === "local") {
    if (values.identity || values["known-hosts"] || values["accept-new-host-keys"]) {
      throw new UsageError(
        "--identity, --known-hosts and --accept-new-host-keys need --target ssh://…",
      );
    }
    return {};
  }
  if (!target.startsWith("ssh://")) {
    throw new UsageError(`Unknown target "${target}": use local or ssh://user@host[:port]`);
  }
  try {
    parseSshUrl(target);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    ssh: target,
    sshOptions: {
      identityFile: values.identity,
      knownHostsFiles: values["known-hosts"],
      acceptNewHostKeys: values["accept-new-host-keys"] ?? false,
    },
  };
}
