/**
 * The little of the Docker Engine API that image preparation needs, as plain HTTP over the unix
 * socket: inspect an image, pull one. Kept in this one file so a fuller client can replace it.
 * @module
 */
import { request } from "node:http";
import { splitRef } from "./_stand_ins.ts";

/** What an image inspection tells preparation. */
export interface ImageInfo {
  /** The image ID (`sha256:...`). */
  id: string;
  /** The image's labels (empty when it has none). */
  labels: Record<string, string>;
}

/** How a pull ended. */
export type PullOutcome =
  | { ok: true }
  | { ok: false; message: string; registryUnreachable: boolean };

/** The engine could not be asked at all (no socket, no answer, an unexpected status). */
export class EngineError extends Error {
  /** Names the error class in stack traces and logs. */
  override name = "EngineError";
}

const unreachable = [
  /no such host/i,
  /dial tcp/i,
  /i\/o timeout/i,
  /connection refused/i,
  /network is unreachable/i,
  /no route to host/i,
  /TLS handshake timeout/i,
  /Client\.Timeout/i,
  /context deadline exceeded/i,
  /server misbehaving/i,
  /temporary failure in name resolution/i,
  /connection reset by peer/i,
];

/** Whether an engine pull error means that no registry could be reached. */
export function isRegistryUnreachable(message: string): boolean {
  return unreachable.some((pattern) => pattern.test(message));
}

/** The Docker socket path: the argument, `DOCKER_HOST` when it is unix://, else the default. */
export function dockerSocket(socketPath?: string): string {
  if (socketPath) return socketPath;
  const host = process.env.DOCKER_HOST;
  if (host?.startsWith("unix://")) return host.slice("unix://".length);
  if (host) {
    const quoted = JSON.stringify(host);
    throw new EngineError(
      `Cannot use DOCKER_HOST ${quoted}: image preparation needs a unix socket`,
    );
  }
  return "/var/run/docker.sock";
}

const hint = "start it with: bash runner/setup/setup-engine.sh";

interface Reply {
  status: number;
  body: string;
}

function call(
  socketPath: string,
  method: string,
  path: string,
  timeoutMs: number,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path, headers: { Host: "docker" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", fail);
    });
    const timer = timeoutMs > 0
      ? setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
      : undefined;
    function fail(error: Error): void {
      clearTimeout(timer);
      reject(
        new EngineError(
          `Cannot connect to Docker at ${JSON.stringify(socketPath)}: ${error.message}; ${hint}`,
          { cause: error },
        ),
      );
    }
    req.on("error", fail);
    req.end();
  });
}

function engineMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === "string") return parsed.message;
  } catch {
    // not JSON: use the text
  }
  return body.trim();
}

/** Inspects the image `ref`; undefined when there is none. */
export async function inspectImage(
  socketPath: string,
  ref: string,
): Promise<ImageInfo | undefined> {
  const reply = await call(socketPath, "GET", `/images/${encodeURIComponent(ref)}/json`, 30_000);
  if (reply.status === 404) return undefined;
  if (reply.status !== 200) {
    const detail = `HTTP ${reply.status}: ${engineMessage(reply.body)}`;
    throw new EngineError(`Cannot inspect image ${JSON.stringify(ref)}: ${detail}`);
  }
  const image = JSON.parse(reply.body) as { Id: string; Config?: { Labels?: unknown } | null };
  const labels = image.Config?.Labels;
  return {
    id: image.Id,
    labels: labels && typeof labels === "object" ? labels as Record<string, string> : {},
  };
}

/** Pulls `ref` through the engine; errors inside the 200 progress stream count as failures. */
export async function pullImage(socketPath: string, ref: string): Promise<PullOutcome> {
  const { image, tag } = splitRef(ref);
  const query = `fromImage=${encodeURIComponent(image)}&tag=${encodeURIComponent(tag)}`;
  // A pull streams progress for as long as it downloads: no time limit.
  const reply = await call(socketPath, "POST", `/images/create?${query}`, 0);
  let message: string | undefined;
  if (reply.status !== 200) {
    message = engineMessage(reply.body);
  } else {
    for (const line of reply.body.split("\n")) {
      if (line.trim() === "") continue;
      try {
        const event = JSON.parse(line) as { error?: unknown };
        if (typeof event.error === "string") message = event.error;
      } catch {
        // a partial line: progress only
      }
    }
  }
  if (message === undefined) return { ok: true };
  return { ok: false, message, registryUnreachable: isRegistryUnreachable(message) };
}
