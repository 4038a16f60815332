/**
 * Attaching to a running container's main process (`docker attach`), e.g. a shell started with
 * `tty` and `openStdin`. Closing detaches; it never stops the container.
 * @module
 */
import { type ExecSession, HijackedSession } from "./_hijacked_session.ts";
import type { Transport } from "./_transport.ts";
import { seg } from "./_util.ts";
import type { ContainerInspect } from "./container_types.ts";

/** How to attach. */
export interface AttachOptions {
  /** Replay the output logged so far before the live output. */
  logs?: boolean;
}

/** Attaches to a container's stdin, stdout and stderr (raw with a TTY, framed without). */
export async function attach(
  api: Transport,
  container: string,
  options: AttachOptions = {},
): Promise<ExecSession> {
  const inspect = () =>
    api.json<ContainerInspect>({
      method: "GET",
      path: `/containers/${seg(container)}/json`,
      ok: [200],
      action: "attach to container",
      subject: container,
    });
  const info = await inspect();
  // Waiting from the start keeps the exit code of a container that removes itself (--rm).
  const waited = api.json<{ StatusCode: number }>({
    method: "POST",
    path: `/containers/${seg(container)}/wait`,
    query: { condition: "next-exit" },
    ok: [200],
    action: "wait for container",
    subject: container,
    timeoutMs: 0,
  });
  waited.catch(() => {});
  const socket = await api.hijack({
    method: "POST",
    path: `/containers/${seg(container)}/attach`,
    query: { stream: true, stdin: true, stdout: true, stderr: true, logs: options.logs },
    ok: [101, 200],
    action: "attach to container",
    subject: container,
  });
  return new HijackedSession(info.Id, socket, info.Config.Tty, {
    graceMs: 0,
    exitCode: async () => {
      const state = await inspect().then((i) => i.State, () => undefined);
      if (state?.Running) return null;
      return await waited.then((r) => r.StatusCode, () => state?.ExitCode ?? null);
    },
    resize: async (rows, cols) => {
      await api.json({
        method: "POST",
        path: `/containers/${seg(container)}/resize`,
        query: { h: rows, w: cols },
        ok: [200],
        action: "resize container",
        subject: container,
      });
    },
    close: async () => {},
  });
}
