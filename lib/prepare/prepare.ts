/**
 * Makes the images a lesson uses available on one engine: an image already tagged is kept, a
 * missing one is pulled when a registry is reachable, and otherwise built as an offline stand-in
 * from Debian packages by the scripts in `lib/prepare/images/`. The scripts build the root
 * filesystem on this machine; the import, like every other engine call, goes through the one
 * client, so a remote engine gets the image.
 * @module
 */
import { join } from "node:path";
import { connectDocker, type DockerClient, familiarImageRef } from "../docker/mod.ts";
import { importRootfs } from "./_import_rootfs.ts";
import { type ImageInfo, inspectImage, pullImage } from "./_pull.ts";
import { runScript, type ScriptRequest } from "./_run_script.ts";
import {
  imagesDir,
  loadStandIns,
  revisionLabel,
  scriptRevision,
  standInLabel,
} from "./_stand_ins.ts";

export { standInsFor } from "./_stand_ins.ts";
import type { PrepareOptions, PrepareResult, StandInRecipe } from "./types.ts";

export type { PrepareOptions, PrepareResult, PrepareStatus, StandInRecipe } from "./types.ts";

/**
 * Prepares each image in turn (stand-ins share build caches, so never two builds at once) and
 * returns one result per reference; failures are results, not exceptions.
 *
 * @example
 * ```ts
 * const results = await prepareImages(["alpine:latest", "redis:7-alpine"], { offline: true });
 * ```
 */
export async function prepareImages(
  refs: string[],
  opts: PrepareOptions,
): Promise<PrepareResult[]> {
  const progress = opts.onProgress ?? (() => {});
  let docker: DockerClient;
  let recipes: readonly StandInRecipe[];
  try {
    docker = opts.docker ??
      await connectDocker(opts.socketPath === undefined ? {} : { socketPath: opts.socketPath });
    recipes = opts.recipes ?? await loadStandIns();
  } catch (error) {
    const message = (error as Error).message;
    return refs.map((ref) => ({ ref: asPrepared(ref), status: "failed", message }));
  }
  const results: PrepareResult[] = [];
  for (const raw of refs) {
    const ref = asPrepared(raw);
    const started = performance.now();
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
    let result: PrepareResult;
    try {
      result = await prepareOne(docker, familiarImageRef(ref), recipes, opts, progress);
    } catch (error) {
      result = { ref, status: "failed", message: (error as Error).message };
    }
    if (result.status === "present" || result.status === "pulled") {
      progress(`${ref}: ${result.status} (${seconds()} s)`);
    } else if (result.status === "failed") {
      progress(`${ref}: failed after ${seconds()} s: ${result.message}`);
    }
    results.push(result);
  }
  return results;
}

/** The reference as results name it: `:latest` added, `docker.io/library/` left out. */
function asPrepared(ref: string): string {
  try {
    return familiarImageRef(ref);
  } catch {
    return ref;
  }
}

async function prepareOne(
  docker: DockerClient,
  ref: string,
  recipes: readonly StandInRecipe[],
  opts: PrepareOptions,
  progress: (line: string) => void,
): Promise<PrepareResult> {
  const recipe = recipes.find((r) => familiarImageRef(r.ref) === ref);
  let revision: string | undefined;
  if (recipe) {
    try {
      revision = await scriptRevision(recipe.script, recipe.dir);
    } catch (error) {
      const script = JSON.stringify(_scriptShown(recipe));
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      return { ref, status: "failed", message: `Cannot read stand-in script ${script}: ${reason}` };
    }
  }
  const image = await inspectImage(docker, ref);
  if (image && isUsable(image, revision)) {
    const message = image.labels[standInLabel] === "true"
      ? `offline stand-in, revision ${image.labels[revisionLabel]}`
      : undefined;
    return message ? { ref, status: "present", message } : { ref, status: "present" };
  }

  let why = image ? `the stand-in is outdated (revision ${image.labels[revisionLabel]})` : "";
  if (!opts.offline) {
    progress(`${ref}: pulling`);
    const pulled = await pullImage(docker, ref);
    if (pulled.ok) return { ref, status: "pulled" };
    if (!pulled.registryUnreachable) {
      return { ref, status: "failed", message: `Cannot pull image "${ref}": ${pulled.message}` };
    }
    why = `no registry is reachable: ${pulled.message}`;
  } else if (!image) {
    why = "offline";
  }

  if (!recipe) {
    const table = "lib/prepare/images/stand-ins.txt";
    return {
      ref,
      status: "failed",
      message: `Cannot provide image "${ref}": no stand-in recipe in ${table} (${why})`,
    };
  }
  const labels = Object.entries(opts.labels ?? {}).map(([key, value]) => `${key}=${value}`);
  let importError: string | undefined;
  const onRequest = async ({ verb, fields }: ScriptRequest) => {
    if (verb !== "import") return "unsupported";
    const values = (key: string) => fields.filter(([k]) => k === key).map(([, v]) => v);
    try {
      await importRootfs(docker, {
        ref,
        root: values("rootfs")[0] ?? "",
        changes: values("change"),
        configOnly: values("config"),
        message: values("message")[0],
      });
      return "ok";
    } catch (error) {
      importError = (error as Error).message;
      throw error;
    }
  };
  const run = await runScript(
    join(recipe.dir ?? imagesDir, recipe.script),
    [ref],
    {
      RUN_LESSON_IMPORT_BY_CALLER: "1",
      // A lesson's own script sources the shared helpers from here ("$RUN_LESSON_IMAGES/_common.sh").
      RUN_LESSON_IMAGES: imagesDir,
      ...(labels.length ? { RUN_LESSON_IMAGE_LABELS: labels.join(" ") } : {}),
    },
    progress,
    onRequest,
  );
  if (run.exitCode !== 0) {
    const detail = importError ?? run.spawnError ??
      `exit ${run.exitCode ?? "by signal"}: ${run.stderrTail.find((l) => l.trim() !== "") ?? ""}`;
    return {
      ref,
      status: "failed",
      message: `Cannot build stand-in "${ref}" with "${_scriptShown(recipe)}": ${detail}`,
    };
  }
  // The stand-in this build replaced goes, unless a container still uses it.
  if (image) await docker.images.remove(image.id).catch(() => {});
  return {
    ref,
    status: "built-stand-in",
    message: `built from Debian packages by ${_scriptShown(recipe)} (${why})`,
  };
}

/** The script as messages name it: `lib/prepare/images/x.sh`, or a lesson's script's path. */
function _scriptShown(recipe: StandInRecipe): string {
  return recipe.dir === undefined
    ? `lib/prepare/images/${recipe.script}`
    : join(recipe.dir, recipe.script);
}

/** A real image is always kept; a stand-in only while its build script has the same revision. */
function isUsable(image: ImageInfo, revision: string | undefined): boolean {
  if (image.labels[standInLabel] !== "true") return true;
  return revision === undefined || image.labels[revisionLabel] === revision;
}
