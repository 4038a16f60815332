/**
 * Capture references in command text: `docker network inspect {{net_id}}`.
 * @module
 */

import type { Captures } from "./types.ts";

const REFERENCE = /\\\{\{|\{\{([a-z_][a-z0-9_]*)\}\}/g;

/**
 * Replaces each `{{name}}` in a command by the capture's value; `\{{` stands for a literal
 * `{{`, and other `{{...}}` (Go templates such as `{{.Name}}`) are left as they are.
 * Throws a RangeError for an unknown capture.
 */
export function substitute(text: string, captures: Captures): string {
  return text.replace(REFERENCE, (_whole, name: string | undefined) => {
    if (name === undefined) return "{{";
    const capture = Object.hasOwn(captures, name) ? captures[name] : undefined;
    if (capture === undefined) {
      throw new RangeError(`Unknown capture "${name}" in command "${text}"`);
    }
    return capture.value;
  });
}
