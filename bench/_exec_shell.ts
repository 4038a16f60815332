/**
 * One command in a shell kept open through an exec (`sh` with stdin open), for the benches that
 * weigh it against an exec per command, and the check of what a bench command printed.
 * @module
 */
import type { ExecSession } from "../lib/docker/mod.ts";

/** Runs one command in the persistent shell, framed by a sentinel that carries `$?`. */
export function shellRun(
  session: ExecSession,
  command: string,
  id: number,
): Promise<{ stdout: string; exitCode: number }> {
  const sentinel = `__RL_END_${id}_`;
  return new Promise((resolve) => {
    let seen = "";
    const unsubscribe = session.onData((text, stream) => {
      if (stream !== "stdout") return;
      seen += text;
      const at = seen.indexOf(sentinel);
      const end = at === -1 ? -1 : seen.indexOf("__\n", at + sentinel.length);
      if (end === -1) return;
      unsubscribe();
      resolve({
        stdout: seen.slice(0, at),
        exitCode: Number(seen.slice(at + sentinel.length, end)),
      });
    });
    session.write(`${command}\nprintf '%s%d__\\n' '${sentinel}' "$?"\n`);
  });
}

/** Throws unless a bench command printed what it should. */
export function check(actual: string, expected: string, what: string): void {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}
