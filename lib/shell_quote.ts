/**
 * POSIX shell quoting: one place for every command this program writes for a shell, whether the
 * shell runs here, over SSH, or inside a container.
 * @module
 */

/**
 * Quotes text as one single-quoted POSIX shell word.
 *
 * @example
 * ```ts
 * shellQuote("it's"); // 'it'\''s'
 * ```
 */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Prefixes a command with `export NAME='value' …;` so the variables reach every part of it. */
export function withEnv(command: string, env: Record<string, string> | undefined): string {
  const entries = Object.entries(env ?? {});
  if (entries.length === 0) return command;
  for (const [name] of entries) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new TypeError(`Cannot set environment variable "${name}": not a valid shell name`);
    }
  }
  const assignments = entries.map(([name, value]) => `${name}=${shellQuote(value)}`).join(" ");
  return `export ${assignments}; ${command}`;
}
