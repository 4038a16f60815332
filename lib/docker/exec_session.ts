/**
 * A long-lived exec with stdin kept open: an interactive shell typed into (TTY, raw output) or
 * a plain `sh` fed commands (framed output, stdout and stderr apart).
 * @module
 */
import {
  createExec,
  execExitCode,
  inspectExec,
  newMarker,
  signalMarked,
  startExec,
} from "./_exec_api.ts";
import { type ExecSession, HijackedSession } from "./_hijacked_session.ts";
import type { Transport } from "./_transport.ts";
import { seg } from "./_util.ts";

export type { ExecSession, SessionStream } from "./_hijacked_session.ts";

/** How to open an exec session. */
export interface ExecSessionOptions {
  /** Allocate a TTY: raw output on `stdout`, `\n` echoed as `\r\n`, stderr merged. */
  tty?: boolean;
  /** Environment variables. */
  env?: Record<string, string> | string[];
  /** The user. */
  user?: string;
  /** The working directory. */
  workdir?: string;
  /** How long `close()` lets the process end by itself after stdin closes; 1000 ms when absent. */
  graceMs?: number;
}

/**
 * Opens an exec session running `cmd`. Its processes carry `RUN_LESSON_EXEC=<tag>` in their
 * environment so that `close()` can kill what outlives stdin (with a TTY, the engine ends the
 * output when stdin closes but leaves the process running).
 */
export async function openExec(
  api: Transport,
  container: string,
  cmd: string[],
  options: ExecSessionOptions = {},
): Promise<ExecSession> {
  const tty = options.tty ?? false;
  const marker = newMarker();
  const execId = await createExec(api, container, {
    cmd,
    env: options.env,
    user: options.user,
    workdir: options.workdir,
    stdin: true,
    tty,
    marker,
  });
  const socket = await startExec(api, execId, tty, container);
  return new HijackedSession(execId, socket, tty, {
    graceMs: tty ? 0 : options.graceMs ?? 1000,
    exitCode: () => execExitCode(api, execId),
    resize: async (rows, cols) => {
      await api.json({
        method: "POST",
        path: `/exec/${seg(execId)}/resize`,
        query: { h: rows, w: cols },
        ok: [200, 201],
        action: "resize exec",
        subject: execId,
      });
    },
    close: async (ended, waitForEnd) => {
      if (ended && !(await _running(api, execId, 1))) return;
      // A process in the middle of an exec (`sh -c` execs its last command) shows an empty
      // environment in /proc for an instant, and the signal's scan can miss it: signal again
      // while the exec still runs.
      for (let round = 0; round < 3; round++) {
        await signalMarked(api, container, marker, "KILL").catch(() => 0);
        await waitForEnd(2000);
        if (!(await _running(api, execId, 8))) return;
      }
    },
  });
}

/**
 * Whether the exec still runs, asked up to `times` times 25 ms apart (the engine records an end
 * a moment late).
 */
async function _running(api: Transport, execId: string, times: number): Promise<boolean> {
  for (let attempt = 0; attempt < times; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25));
    if (!(await inspectExec(api, execId).then((info) => info.Running, () => false))) return false;
  }
  return true;
}
