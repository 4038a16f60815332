/**
 * Client authentication for one SSH hop: private keys loaded before connecting (passphrase
 * from an environment variable or a prompt, never asked for a key ssh-agent already holds),
 * then ssh-agent, keys, and a password asked for only when the server still accepts one.
 * Secrets never reach messages.
 * @module
 */
import { readFile } from "node:fs/promises";
import ssh2 from "ssh2";
import type { AnyAuthMethod, AuthenticationType, AuthHandlerMiddleware, ParsedKey } from "ssh2";
import { publicBlobOf } from "./_agent_keys.ts";
import { displayPath } from "./_display_path.ts";
import { SshError } from "./ssh_error.ts";

const { utils } = ssh2;

/** Asks the user a question (a passphrase or password) and resolves with the answer. */
export type Prompt = (question: string) => Promise<string>;

/** A private key file to offer. */
export interface IdentitySource {
  /** The key file. */
  path: string;
  /** Named by the caller: a missing or unreadable file is an error rather than skipped. */
  explicit: boolean;
}

/** A decrypted private key, ready to offer. */
export interface LoadedIdentity {
  /** The file it came from. */
  path: string;
  /** The parsed key; its passphrase is not kept. */
  key: ParsedKey;
}

/** Where secrets come from. */
export interface SecretSources {
  /** Name of the environment variable holding key passphrases. */
  passphraseEnv: string;
  /** Name of the environment variable holding the login password. */
  passwordEnv: string;
  /** Asks for what the environment does not hold; absent when nobody can answer. */
  prompt?: Prompt;
}

/** Tells whether ssh-agent holds the key with this public blob. */
export type InAgent = (blob: Buffer) => Promise<boolean>;

/**
 * Loads and decrypts the private keys to offer; throws an SshError for an unusable explicit key.
 * An encrypted key that ssh-agent holds (`inAgent`) is left to the agent: no passphrase asked.
 */
export async function loadIdentities(
  sources: readonly IdentitySource[],
  secrets: SecretSources,
  label: string,
  inAgent?: InAgent,
): Promise<LoadedIdentity[]> {
  const loaded: LoadedIdentity[] = [];
  for (const source of sources) {
    const shown = displayPath(source.path);
    let data: Buffer;
    try {
      data = await readFile(source.path);
    } catch (error) {
      if (!source.explicit) continue;
      throw new SshError(
        "error",
        `Cannot read private key "${shown}" for "${label}": ${(error as Error).message}`,
        { host: label, cause: error },
      );
    }
    const key = await decrypt(data, shown, label, secrets, source.explicit, async () => {
      const blob = inAgent === undefined ? undefined : await publicBlobOf(data, source.path);
      return blob !== undefined && await inAgent!(blob);
    });
    if (key !== null) loaded.push({ path: source.path, key });
  }
  return loaded;
}

async function decrypt(
  data: Buffer,
  shown: string,
  label: string,
  secrets: SecretSources,
  explicit: boolean,
  heldByAgent: () => Promise<boolean>,
): Promise<ParsedKey | null> {
  let parsed = first(utils.parseKey(data));
  if (parsed instanceof Error && /no passphrase given/i.test(parsed.message)) {
    if (await heldByAgent()) return null;
    const passphrase = process.env[secrets.passphraseEnv] ??
      (secrets.prompt === undefined
        ? undefined
        : await secrets.prompt(`Enter passphrase for key "${shown}": `));
    if (passphrase === undefined || passphrase === "") {
      if (!explicit) return null;
      throw new SshError(
        "auth-failed",
        `Cannot use private key "${shown}" for "${label}": it is encrypted: set ` +
          `${secrets.passphraseEnv} or run interactively to be asked for the passphrase`,
        { host: label },
      );
    }
    parsed = first(utils.parseKey(data, passphrase));
    if (parsed instanceof Error && /passphrase/i.test(parsed.message)) {
      throw new SshError(
        "auth-failed",
        `Cannot decrypt private key "${shown}" for "${label}": wrong passphrase`,
        { host: label },
      );
    }
  }
  if (parsed instanceof Error || !parsed.isPrivateKey()) {
    if (!explicit) return null;
    const reason = parsed instanceof Error ? parsed.message : "it holds a public key only";
    throw new SshError(
      "error",
      `Cannot parse private key "${shown}" for "${label}": ${reason}`,
      { host: label, cause: parsed instanceof Error ? parsed : undefined },
    );
  }
  return parsed;
}

function first(parsed: ParsedKey | ParsedKey[] | Error): ParsedKey | Error {
  return Array.isArray(parsed) ? parsed[0] : parsed;
}

/** What the auth handler needs besides the keys. */
export interface AuthPlan {
  /** The login name. */
  user: string;
  /** `user@host:port`, for prompts and messages. */
  label: string;
  /** The ssh-agent socket, when the agent is used. */
  agent?: string;
  /** Loaded private keys, offered after the agent's. */
  identities: LoadedIdentity[];
  /** Where the password comes from. */
  secrets: SecretSources;
  /** Stops the connect deadline while a prompt waits for the user. */
  pauseDeadline(): void;
  /** Restarts the connect deadline after a prompt. */
  resumeDeadline(): void;
}

/** The auth handler and what it tried, for the failure message. */
export interface AuthSession {
  /** Passed to ssh2 as `authHandler`. */
  handler: AuthHandlerMiddleware;
  /** Methods offered so far, e.g. `publickey "~/.ssh/id_ed25519"`, `agent`, `password`. */
  tried: string[];
  /** Whether every method was offered and refused. */
  exhausted(): boolean;
}

/** Builds the ssh2 auth handler for one login: agent, then each key, then password. */
export function createAuthSession(plan: AuthPlan): AuthSession {
  const tried: string[] = [];
  let exhausted = false;
  type Step = () => Promise<AnyAuthMethod | null>;
  const steps: { method: AuthenticationType; run: Step }[] = [];
  const username = plan.user;
  if (plan.agent !== undefined) {
    const agent = plan.agent;
    steps.push({
      method: "publickey",
      run: () => {
        tried.push("agent");
        return Promise.resolve({ type: "agent", username, agent });
      },
    });
  }
  for (const identity of plan.identities) {
    steps.push({
      method: "publickey",
      run: () => {
        tried.push(`publickey "${displayPath(identity.path)}"`);
        return Promise.resolve({ type: "publickey", username, key: identity.key });
      },
    });
  }
  let password: string | undefined;
  const getPassword = async (): Promise<string | undefined> => {
    if (password !== undefined) return password;
    password = process.env[plan.secrets.passwordEnv];
    if (password === undefined && plan.secrets.prompt !== undefined) {
      plan.pauseDeadline();
      try {
        password = await plan.secrets.prompt(`Password for ${plan.label}: `);
      } finally {
        plan.resumeDeadline();
      }
    }
    return password === "" ? undefined : password;
  };
  steps.push({
    method: "password",
    run: async () => {
      const secret = await getPassword();
      if (secret === undefined) return null;
      tried.push("password");
      return { type: "password", username, password: secret };
    },
  });
  steps.push({
    method: "keyboard-interactive",
    run: async () => {
      const secret = await getPassword();
      if (secret === undefined) return null;
      tried.push("keyboard-interactive");
      return {
        type: "keyboard-interactive",
        username,
        prompt: (_name, _instructions, _lang, prompts, finish) => {
          finish(prompts.map((prompt) => prompt.echo === true ? "" : secret));
        },
      };
    },
  });
  let next = 0;
  const handler: AuthHandlerMiddleware = (methodsLeft, _partial, callback) => {
    // ssh2 takes `false` for "no more methods"; its types leave that out.
    const giveUp = callback as unknown as (method: false) => void;
    const advance = async (): Promise<void> => {
      while (next < steps.length) {
        const step = steps[next++];
        if (methodsLeft !== null && !methodsLeft.includes(step.method)) continue;
        const method = await step.run();
        if (method !== null) return callback(method);
      }
      exhausted = true;
      giveUp(false);
    };
    advance().catch(() => {
      exhausted = true;
      giveUp(false);
    });
  };
  return { handler, tried, exhausted: () => exhausted };
}
