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
      const running = !ended ||
        await inspectExec(api, execId).then((info) => info.Running, () => false);
      if (!running) return;
      await signalMarked(api, container, marker, "KILL").catch(() => 0);
      await waitForEnd(2000);
    },
  });
}
