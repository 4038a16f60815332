/**
 * The three Engine calls behind every exec: create, start (hijacked), inspect.
 * @module
 */
import { randomBytes } from "node:crypto";
import type { Duplex } from "node:stream";
import { FrameCollector, FrameDemuxer } from "./_frames.ts";
import type { Transport } from "./_transport.ts";
import { envList, seg } from "./_util.ts";

/** The variable that marks an exec's processes so a timed-out one can be found and killed. */
export const EXEC_MARKER = "RUN_LESSON_EXEC";

/** What an exec runs and how. */
export interface ExecSpec {
  /** The command. */
  cmd: string[];
  /** Environment variables. */
  env?: Record<string, string> | string[];
  /** The user (`name`, `uid`, `uid:gid`). */
  user?: string;
  /** The working directory. */
  workdir?: string;
  /** Attach stdin. */
  stdin?: boolean;
  /** Allocate a TTY (raw, unframed output). */
  tty?: boolean;
  /** A marker tag put in the environment, for {@link signalMarked}. */
  marker?: string;
}

/** `GET /exec/{id}/json` (the fields we read). */
export interface ExecInspect {
  /** Whether the process still runs. */
  Running: boolean;
  /** The exit code once it ended (null before). */
  ExitCode: number | null;
  /** The process id on the engine's host (not inside the container's pid namespace). */
  Pid: number;
  /** The container id. */
  ContainerID: string;
}

/** A fresh random marker tag. */
export function newMarker(): string {
  return randomBytes(8).toString("hex");
}

/** Creates an exec; resolves with its id. */
export async function createExec(
  api: Transport,
  container: string,
  spec: ExecSpec,
): Promise<string> {
  const env = envList(spec.env) ?? [];
  const created = await api.json<{ Id: string }>({
    method: "POST",
    path: `/containers/${seg(container)}/exec`,
    body: {
      AttachStdin: spec.stdin ?? false,
      AttachStdout: true,
      AttachStderr: true,
      Tty: spec.tty ?? false,
      Cmd: spec.cmd,
      Env: spec.marker ? [...env, `${EXEC_MARKER}=${spec.marker}`] : env,
      User: spec.user,
      WorkingDir: spec.workdir,
    },
    ok: [201],
    action: "exec in container",
    subject: container,
  });
  return created.Id;
}

/** Starts an exec and resolves with the hijacked socket (framed output unless `tty`). */
export function startExec(
  api: Transport,
  execId: string,
  tty: boolean,
  container: string,
): Promise<Duplex> {
  return api.hijack({
    method: "POST",
    path: `/exec/${seg(execId)}/start`,
    body: { Detach: false, Tty: tty },
    ok: [101, 200],
    action: "exec in container",
    subject: container,
  });
}

/** Reads an exec's state. */
export function inspectExec(api: Transport, execId: string): Promise<ExecInspect> {
  return api.json<ExecInspect>({
    method: "GET",
    path: `/exec/${seg(execId)}/json`,
    ok: [200],
    action: "inspect exec",
    subject: execId,
  });
}

/** Reads an exec's exit code after its stream ended, allowing the engine a moment to record it. */
export async function execExitCode(api: Transport, execId: string): Promise<number | null> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const info = await inspectExec(api, execId);
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return null;
}

// Runs inside the container: signal every process whose environment holds the marker. Children
// inherit the environment, so the whole tree the exec started is found. The exec's Pid cannot be
// used: it is the engine host's pid, not the one inside the container's pid namespace.
const SIGNAL_SCRIPT = `n=0
for d in /proc/[0-9]*; do
  if tr "\\0" "\\n" < "$d/environ" 2>/dev/null | grep -qxF "${EXEC_MARKER}=$1"; then
    kill -"$2" "\${d#/proc/}" 2>/dev/null && n=$((n+1))
  fi
done
echo "$n"`;

/** Sends `unixSignal` (`KILL`, `INT`, `TERM`) to the processes of a marked exec; resolves with their count. */
export async function signalMarked(
  api: Transport,
  container: string,
  marker: string,
  unixSignal: string,
): Promise<number> {
  const execId = await createExec(api, container, {
    cmd: ["sh", "-c", SIGNAL_SCRIPT, "sh", marker, unixSignal],
    user: "0",
  });
  const socket = await startExec(api, execId, false, container);
  const collector = new FrameCollector();
  const demuxer = new FrameDemuxer((stream, payload) => collector.add(stream, payload));
  await new Promise<void>((resolve) => {
    socket.on("data", (chunk: Buffer) => demuxer.push(chunk));
    socket.on("close", () => resolve());
    // Over an SSH channel only "end" comes while our side stays open.
    socket.on("end", () => resolve());
    socket.on("error", () => resolve());
  });
  const count = Number.parseInt(collector.text().stdout.trim(), 10);
  return Number.isNaN(count) ? 0 : count;
}
