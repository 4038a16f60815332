/**
 * Images: list, inspect, tag, remove, build from a tar context, import a root filesystem, pull.
 * Build, import and pull report failures as `{"error": …}` lines inside a 200 stream; they
 * become {@link DockerError}s here.
 * @module
 */
import type { Readable } from "node:stream";
import { type ProgressEvent, readJsonLines } from "./_json_lines.ts";
import { EngineObjects, KINDS } from "./_objects.ts";
import type { Call, Transport } from "./_transport.ts";
import { seg } from "./_util.ts";
import { cannot, DockerError } from "./errors.ts";
import { DEFAULT_TAG, type ImageRef, parseImageRef } from "./image_ref.ts";

export type { ProgressEvent } from "./_json_lines.ts";

/** An image as listed (the fields we read). */
export interface ImageSummary {
  /** The id (`sha256:…`). */
  Id: string;
  /** Its tags. */
  RepoTags: string[] | null;
  /** Labels. */
  Labels: Record<string, string> | null;
  /** Creation time, seconds since the epoch. */
  Created: number;
  /** Size in bytes. */
  Size: number;
  /** Any other field. */
  [key: string]: unknown;
}

/** An image as inspected (the fields we read). */
export interface ImageInspect {
  /** The id (`sha256:…`). */
  Id: string;
  /** Its tags. */
  RepoTags: string[];
  /** The run configuration. */
  Config: {
    Cmd: string[] | null;
    Entrypoint: string[] | null;
    Env: string[] | null;
    Labels: Record<string, string> | null;
    WorkingDir: string;
    [key: string]: unknown;
  };
  /** Size in bytes. */
  Size: number;
  /** Any other field. */
  [key: string]: unknown;
}

/** How to build. */
export interface BuildOptions {
  /** The tag (`name:tag`) of the result. */
  tag?: string;
  /** The Dockerfile's path inside the context; `Dockerfile` when absent. */
  dockerfile?: string;
  /** `ARG` values. */
  buildArgs?: Record<string, string>;
  /** Labels added to the image. */
  labels?: Record<string, string>;
  /** Build without the cache. */
  noCache?: boolean;
  /** Receives each progress line (`stream` holds the build output). */
  onProgress?: (event: ProgressEvent) => void;
  /** Cancels the build. */
  signal?: AbortSignal;
}

/** How to import a root filesystem tar. */
export interface ImportOptions {
  /** The repository, e.g. `run-lesson-test/busybox`; the image stays untagged when absent. */
  repo?: string;
  /** The tag, e.g. `1`; `latest` when absent and `repo` is given. */
  tag?: string;
  /** Dockerfile instructions applied to the image: `LABEL a=b`, `CMD ["sh"]`, `ENV A=1`. */
  changes?: string[];
  /** A commit message. */
  message?: string;
  /** Receives each progress line. */
  onProgress?: (event: ProgressEvent) => void;
  /** Cancels the import. */
  signal?: AbortSignal;
}

/** Image operations of one client. */
export class Images extends EngineObjects<ImageInspect> {
  /** Binds the operations to a transport. */
  constructor(api: Transport) {
    super(api, KINDS.image);
  }

  /** Lists images, optionally by labels and a reference pattern (`name`, `name:tag`). */
  list(
    options: { labels?: string[]; reference?: string; all?: boolean; signal?: AbortSignal } = {},
  ): Promise<ImageSummary[]> {
    return this.listObjects<ImageSummary[]>(
      { all: options.all },
      { label: options.labels, reference: options.reference },
      options.signal,
    );
  }

  /** Tags an image as `repo:tag`. */
  async tag(
    name: string,
    repo: string,
    tag: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    await this.api.json({
      method: "POST",
      path: `/images/${seg(name)}/tag`,
      query: { repo, tag },
      ok: [201],
      action: `tag image as "${repo}:${tag}"`,
      subject: name,
      signal: options.signal,
    });
  }

  /** Removes an image (or only a tag of it, when it has others). */
  async remove(
    name: string,
    options: { force?: boolean; noPrune?: boolean; signal?: AbortSignal } = {},
  ): Promise<void> {
    await this.removeObject(
      name,
      { force: options.force, noprune: options.noPrune },
      options.signal,
    );
  }

  /** Builds an image from a tar context (Buffer or stream); resolves with the image id. */
  async build(context: Buffer | Readable, options: BuildOptions = {}): Promise<string> {
    const call: Call = {
      method: "POST",
      path: "/build",
      query: {
        t: options.tag,
        dockerfile: options.dockerfile,
        buildargs: options.buildArgs,
        labels: options.labels,
        nocache: options.noCache,
        rm: true,
        forcerm: true,
      },
      file: context,
      ok: [200],
      action: "build image",
      subject: options.tag,
      signal: options.signal,
    };
    let id: string | undefined;
    const output: string[] = [];
    await this.#follow(call, (event) => {
      if (event.aux?.ID) id = event.aux.ID;
      if (typeof event.stream === "string") {
        output.push(event.stream);
        const built = /^Successfully built ([0-9a-f]+)/m.exec(event.stream);
        if (built && id === undefined) id = built[1];
      }
      options.onProgress?.(event);
    });
    if (id === undefined) {
      const tail = output.join("").trim().split("\n").slice(-3).join(" | ");
      throw new DockerError(
        cannot(call.action, call.subject, `the engine reported no image id: ${tail}`),
      );
    }
    return id;
  }

  /**
   * Imports a root filesystem tar (Buffer or stream) as `repo:tag` (`docker import`); resolves
   * with the image id.
   */
  async importImage(tar: Buffer | Readable, options: ImportOptions): Promise<string> {
    const ref = options.repo === undefined
      ? undefined
      : `${options.repo}:${options.tag ?? DEFAULT_TAG}`;
    const call: Call = {
      method: "POST",
      path: "/images/create",
      query: {
        fromSrc: "-",
        repo: options.repo,
        tag: options.repo === undefined ? undefined : options.tag ?? DEFAULT_TAG,
        changes: options.changes,
        message: options.message,
      },
      file: tar,
      ok: [200],
      action: "import image",
      subject: ref,
      signal: options.signal,
    };
    let id: string | undefined;
    await this.#follow(call, (event) => {
      if (typeof event.status === "string" && event.status.startsWith("sha256:")) id = event.status;
      options.onProgress?.(event);
    });
    if (id === undefined) {
      throw new DockerError(cannot(call.action, ref, "the engine reported no image id"));
    }
    return id;
  }

  /** Pulls `name:tag` or `name@digest`; refuses a reference without one (that pulls every tag). */
  async pull(
    ref: string,
    onProgress?: (event: ProgressEvent) => void,
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    const { name, tag } = splitReference(ref);
    await this.#follow({
      method: "POST",
      path: "/images/create",
      query: { fromImage: name, tag },
      ok: [200],
      action: "pull image",
      subject: ref,
      signal: options.signal,
    }, (event) => onProgress?.(event));
  }

  async #follow(call: Call, onEvent: (event: ProgressEvent) => void): Promise<void> {
    const res = await this.api.stream(call);
    let failure: ProgressEvent | undefined;
    try {
      await readJsonLines(res, (event) => {
        if (event.error !== undefined || event.errorDetail?.message !== undefined) {
          failure ??= event;
        }
        onEvent(event);
      });
    } catch (error) {
      throw this.api.error(call, error);
    }
    if (failure) {
      const text = String(failure.errorDetail?.message ?? failure.error).trim();
      throw new DockerError(cannot(call.action, call.subject, text), {
        statusCode: 200,
        reason: "error in progress stream",
        json: failure,
      });
    }
  }
}

/**
 * Splits `name:tag` or `name@digest` into the `fromImage` and `tag` of a pull; throws a
 * `DockerError` for a reference without either (that would pull every tag) or one Docker refuses.
 */
export function splitReference(ref: string): { name: string; tag: string } {
  const written = ref.endsWith(":") ? ref.slice(0, -1) : ref;
  let parsed: ImageRef;
  try {
    parsed = parseImageRef(written);
  } catch (error) {
    const prefix = `Cannot parse image reference ${JSON.stringify(written)}: `;
    throw new DockerError(cannot("pull image", ref, (error as Error).message.slice(prefix.length)));
  }
  const tag = parsed.digest ?? parsed.tag;
  if (tag !== undefined) return { name: parsed.written, tag };
  throw new DockerError(
    `Cannot pull image "${ref}": the reference has no tag and would pull every tag: add one, e.g. "${written}:${DEFAULT_TAG}"`,
  );
}
