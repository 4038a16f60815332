/**
 * Makes the images a lesson uses available: an image already tagged is kept, a missing one is
 * pulled when a registry is reachable, and otherwise built as an offline stand-in from Debian
 * packages by the scripts in `lib/prepare/images/`.
 * @module
 */
import { dockerSocket, type ImageInfo, inspectImage, pullImage } from "./_engine.ts";
import { runScript } from "./_run_script.ts";
import {
  imagesDir,
  loadStandIns,
  normalizeRef,
  revisionLabel,
  scriptRevision,
  standInLabel,
} from "./_stand_ins.ts";
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
  let socketPath: string;
  let recipes: readonly StandInRecipe[];
  try {
    socketPath = dockerSocket(opts.socketPath);
    recipes = opts.recipes ?? await loadStandIns();
  } catch (error) {
    const message = (error as Error).message;
    return refs.map((ref) => ({ ref: normalizeRef(ref), status: "failed", message }));
  }
  const results: PrepareResult[] = [];
  for (const raw of refs) {
    const ref = normalizeRef(raw);
    const started = performance.now();
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
    let result: PrepareResult;
    try {
      result = await prepareOne(ref, recipes, socketPath, opts, progress);
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

async function prepareOne(
  ref: string,
  recipes: readonly StandInRecipe[],
  socketPath: string,
  opts: PrepareOptions,
  progress: (line: string) => void,
): Promise<PrepareResult> {
  const recipe = recipes.find((r) => normalizeRef(r.ref) === ref);
  let revision: string | undefined;
  if (recipe) {
    try {
      revision = await scriptRevision(recipe.script);
    } catch (error) {
      const script = JSON.stringify(`lib/prepare/images/${recipe.script}`);
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      return { ref, status: "failed", message: `Cannot read stand-in script ${script}: ${reason}` };
    }
  }
  const image = await inspectImage(socketPath, ref);
  if (image && isUsable(image, revision)) {
    const message = image.labels[standInLabel] === "true"
      ? `offline stand-in, revision ${image.labels[revisionLabel]}`
      : undefined;
    return message ? { ref, status: "present", message } : { ref, status: "present" };
  }

  let why = image ? `the stand-in is outdated (revision ${image.labels[revisionLabel]})` : "";
  if (!opts.offline) {
    progress(`${ref}: pulling`);
    const pulled = await pullImage(socketPath, ref);
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
  const script = `${imagesDir}${recipe.script}`;
  const labels = Object.entries(opts.labels ?? {}).map(([key, value]) => `${key}=${value}`);
  const run = await runScript(
    script,
    [ref],
    labels.length ? { RUN_LESSON_IMAGE_LABELS: labels.join(" ") } : {},
    progress,
  );
  if (run.exitCode !== 0) {
    const detail = run.spawnError ??
      `exit ${run.exitCode ?? "by signal"}: ${run.stderrTail.find((l) => l.trim() !== "") ?? ""}`;
    return {
      ref,
      status: "failed",
      message:
        `Cannot build stand-in "${ref}" with "lib/prepare/images/${recipe.script}": ${detail}`,
    };
  }
  // Another process may have built it meanwhile: the script then says "present".
  if (run.stdout.some((line) => line.startsWith(`${ref}: present`))) {
    return { ref, status: "present", message: `offline stand-in, revision ${revision}` };
  }
  return {
    ref,
    status: "built-stand-in",
    message: `built from Debian packages by lib/prepare/images/${recipe.script} (${why})`,
  };
}

/** A real image is always kept; a stand-in only while its build script has the same revision. */
function isUsable(image: ImageInfo, revision: string | undefined): boolean {
  if (image.labels[standInLabel] !== "true") return true;
  return revision === undefined || image.labels[revisionLabel] === revision;
}
