/**
 * What a tutorial's docker command line says, for the import: the image, name and published
 * ports of `docker run`, the tag, Dockerfile and context of `docker build`, and the images a
 * lesson uses (listed in its index for `run-lesson prepare`, compared with lib/docker/image_ref.ts).
 * @module
 */
import { parseImageRef } from "../docker/image_ref.ts";
import { splitWords } from "../target/docker_command.ts";

/** `docker run` / `docker create` options that take a value. */
const RUN_VALUE_FLAGS = new Set(
  `
  --name --network --net -e --env -v --volume -p --publish --network-alias --net-alias --hostname
  -h -w --workdir -u --user --entrypoint --env-file --label -l --mount --restart -m --memory --cpus
  --ip --ip6 --add-host --dns --cap-add --cap-drop --security-opt --log-driver --log-opt --device
  --tmpfs --ulimit --platform --pull --health-cmd --health-interval --shm-size --link --expose
  --gpus --stop-signal --stop-timeout --cidfile --pid --ipc --uts --userns --runtime --volumes-from
  --label-file --cpu-shares -c --memory-swap --sysctl --group-add --mac-address --domainname
  `.trim().split(/\s+/),
);

/** A `docker run` (or `create`) line, parsed. */
export interface DockerRun {
  /** The image reference as written. */
  image: string;
  /** `--name`. */
  name?: string;
  /** Host ports published with `-p HOST:CONTAINER`. */
  ports: number[];
  /** Whether it runs detached (`-d`). */
  detached: boolean;
}

/** A `docker build` line, parsed. */
export interface DockerBuild {
  /** `-t` / `--tag` (the first). */
  tag?: string;
  /** `-f` / `--file`. */
  file?: string;
  /** The context path as written. */
  context: string;
}

function _words(run: string): string[] | undefined {
  const words = splitWords(run.replace(/\s#[^\n]*$/, "").trim());
  if (!words || (words[0] !== "docker" && words[0] !== "podman")) return undefined;
  return words[1] === "container" || words[1] === "image" || words[1] === "buildx"
    ? [words[0], ...words.slice(2)]
    : words;
}

/** Parses `docker run|create [flags] IMAGE [command]`; undefined for anything else. */
export function parseDockerRun(run: string): DockerRun | undefined {
  const words = _words(run);
  if (!words || (words[1] !== "run" && words[1] !== "create")) return undefined;
  const parsed: DockerRun = { image: "", ports: [], detached: false };
  for (let i = 2; i < words.length; i++) {
    const word = words[i];
    if (!word.startsWith("-")) {
      parsed.image = word;
      return parsed;
    }
    const [flag, inline] = word.split(/=(.*)/s, 2);
    if (RUN_VALUE_FLAGS.has(flag)) {
      const value = inline ?? words[++i];
      if (flag === "--name") parsed.name = value;
      if (flag === "-p" || flag === "--publish") {
        const host = /^(?:[\d.]+:)?(\d+):\d+/.exec(value ?? "");
        if (host) parsed.ports.push(Number(host[1]));
      }
    } else if (/^-[a-zA-Z]*d[a-zA-Z]*$/.test(flag) || flag === "--detach") parsed.detached = true;
  }
  return undefined;
}

/** Parses `docker build [flags] CONTEXT`; undefined for anything else. */
export function parseDockerBuild(run: string): DockerBuild | undefined {
  const words = _words(run);
  if (!words || words[1] !== "build") return undefined;
  const parsed: DockerBuild = { context: "." };
  for (let i = 2; i < words.length; i++) {
    const [flag, inline] = words[i].split(/=(.*)/s, 2);
    if (flag === "-t" || flag === "--tag") parsed.tag ??= inline ?? words[++i];
    else if (flag === "-f" || flag === "--file") parsed.file = inline ?? words[++i];
    else if (flag.startsWith("-")) {
      if (/^--(?:build-arg|target|platform|label|network|progress|secret|cache-from)$/.test(flag)) {
        if (inline === undefined) i++;
      }
    } else parsed.context = words[i];
  }
  return parsed;
}

/** The image names of a list, each once, as Docker reads them (`redis` is `redis:latest`). */
export function uniqueImages(refs: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const ref of refs) {
    let key: string;
    try {
      const parsed = parseImageRef(ref);
      key = `${parsed.registry}/${parsed.repository}:${parsed.tag ?? "latest"}@${
        parsed.digest ?? ""
      }`;
    } catch {
      continue; // Not an image reference (a variable, a typo): nothing to prepare.
    }
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(ref);
  }
  return out;
}

/** The base images of a Dockerfile (`FROM` lines, build stages excluded). */
export function dockerfileBases(dockerfile: string): string[] {
  const stages = new Set<string>();
  const bases: string[] = [];
  for (const m of dockerfile.matchAll(/^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/gim)) {
    if (!stages.has(m[1].toLowerCase()) && m[1] !== "scratch") bases.push(m[1]);
    if (m[2]) stages.add(m[2].toLowerCase());
  }
  return bases;
}
