/**
 * Image references as Docker reads them: `redis`, `redis:7-alpine`, `docker.io/library/redis`,
 * `localhost:5000/app:v2`, `ghcr.io/a/b@sha256:…`. One parser for every place that compares,
 * tags, pulls or prepares images, so that `redis` and `docker.io/library/redis:latest` are the
 * same image everywhere.
 * @module
 */

/** The registry Docker assumes when a reference names none. */
export const DEFAULT_REGISTRY = "docker.io";

/** The tag Docker assumes when a reference has neither tag nor digest. */
export const DEFAULT_TAG = "latest";

/** A parsed image reference. */
export interface ImageRef {
  /** The registry host, with its port when it has one: `docker.io`, `localhost:5000`. */
  registry: string;
  /** The repository inside the registry; `library/redis` for an official image. */
  repository: string;
  /** The tag, when the reference has one. */
  tag?: string;
  /** The digest (`sha256:…`), when the reference has one. */
  digest?: string;
  /** The name as written, without tag and digest: `redis`, `localhost:5000/app`. */
  written: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]+$/;
const REGISTRY = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(?::[0-9]+)?$/;

/**
 * Parses a reference; throws a `SyntaxError` naming the reference when Docker would refuse it
 * (an empty tag, upper case in the repository, a stray character).
 *
 * @example
 * ```ts
 * parseImageRef("redis"); // { registry: "docker.io", repository: "library/redis", written: "redis" }
 * ```
 */
export function parseImageRef(ref: string): ImageRef {
  const bad = (why: string) =>
    new SyntaxError(`Cannot parse image reference ${JSON.stringify(ref)}: ${why}`);
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw bad(`"${digest}" is not a digest`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(tag === "" ? "empty tag" : `"${tag}" is not a tag`);
  }
  if (rest === "") throw bad("no name");
  const slash = rest.indexOf("/");
  const first = slash < 0 ? "" : rest.slice(0, slash);
  const hasRegistry = first !== "" &&
    (first.includes(".") || first.includes(":") || first === "localhost");
  let registry = hasRegistry ? first : DEFAULT_REGISTRY;
  let repository = hasRegistry ? rest.slice(slash + 1) : rest;
  if (hasRegistry && !REGISTRY.test(registry)) throw bad(`"${registry}" is not a registry`);
  if (registry === "index.docker.io") registry = DEFAULT_REGISTRY;
  if (registry === DEFAULT_REGISTRY && !repository.includes("/")) {
    repository = `library/${repository}`;
  }
  for (const component of repository.split("/")) {
    if (!COMPONENT.test(component)) throw bad(`"${component}" is not a repository name part`);
  }
  const parsed: ImageRef = { registry, repository, written: rest };
  if (tag !== undefined) parsed.tag = tag;
  if (digest !== undefined) parsed.digest = digest;
  return parsed;
}

/**
 * The short name Docker shows: `redis` for `docker.io/library/redis`, `a/b` for
 * `docker.io/a/b`, `localhost:5000/app` as it is.
 */
export function familiarName(ref: ImageRef): string {
  if (ref.registry !== DEFAULT_REGISTRY) return `${ref.registry}/${ref.repository}`;
  return ref.repository.startsWith("library/") && ref.repository.split("/").length === 2
    ? ref.repository.slice("library/".length)
    : ref.repository;
}

/**
 * The short form with the default tag filled in, as `docker images` names it:
 * `redis` and `docker.io/library/redis:latest` both give `redis:latest`; a digest is kept.
 */
export function familiarImageRef(ref: string | ImageRef): string {
  const parsed = typeof ref === "string" ? parseImageRef(ref) : ref;
  return familiarName(parsed) + suffix(parsed);
}

/** The full form: `redis` gives `docker.io/library/redis:latest`. */
export function canonicalImageRef(ref: string | ImageRef): string {
  const parsed = typeof ref === "string" ? parseImageRef(ref) : ref;
  return `${parsed.registry}/${parsed.repository}${suffix(parsed)}`;
}

/** Whether two references name the same image (`redis` and `docker.io/library/redis:latest`). */
export function sameImageRef(a: string, b: string): boolean {
  return canonicalImageRef(a) === canonicalImageRef(b);
}

function suffix(ref: ImageRef): string {
  const tag = ref.tag ?? (ref.digest === undefined ? DEFAULT_TAG : undefined);
  return (tag === undefined ? "" : `:${tag}`) + (ref.digest === undefined ? "" : `@${ref.digest}`);
}
