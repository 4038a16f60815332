/**
 * Tracking what a lesson run creates on a Docker engine, and removing exactly that.
 *
 * The lesson's `docker` commands run through a shell function that adds two labels to every
 * container, network, volume and image they create; volumes that `docker run -v name:/path`
 * creates implicitly carry no label, so they are found through the labelled containers that
 * mount them and removed only when they were created during the run.
 * @module
 */
import { randomBytes } from "node:crypto";
import type { DockerClient } from "../docker/mod.ts";
import { PROBE_LABEL } from "../probes/_probe_container.ts";

/** The label naming the run that created a resource. */
export const RUN_LABEL = "run-lesson.run";
/** The label naming the lesson whose run created a resource. */
export const LESSON_LABEL = "run-lesson.lesson";

/** Which resources to remove: those of one run, or of every run of one lesson. */
export type ResourceScope = { run: string } | { lesson: string };

/** What a cleanup removed, by kind (names or short ids). */
export interface CleanupReport {
  /** Containers removed. */
  containers: string[];
  /** Networks removed. */
  networks: string[];
  /** Volumes removed. */
  volumes: string[];
  /** Images removed. */
  images: string[];
  /** Resources that could not be removed, with the reason. */
  errors: string[];
}

/** A report of a cleanup that removed nothing and met no error. */
export function emptyCleanupReport(): CleanupReport {
  return { containers: [], networks: [], volumes: [], images: [], errors: [] };
}

/**
 * A shell function that labels what the lesson's docker commands create. The command text the
 * learner sees is unchanged; only `run`, `create`, `build`, `network create` and
 * `volume create` gain the labels.
 */
export function labellingFunction(runId: string, lesson: string): string {
  const labels = `--label ${RUN_LABEL}=${runId} --label ${LESSON_LABEL}=${lesson}`;
  return [
    "docker() {",
    '  case "$1 $2" in',
    `    "run "*|"create "*|"build "*) __rl_s=$1; shift; command docker "$__rl_s" ${labels} "$@" ;;`,
    `    "container run"|"container create"|"network create"|"volume create"|"image build")`,
    `      __rl_s="$1 $2"; shift 2; command docker $__rl_s ${labels} "$@" ;;`,
    '    *) command docker "$@" ;;',
    "  esac",
    "}",
    "",
  ].join("\n");
}

/** The label filter for a scope. */
export function scopeLabel(scope: ResourceScope): string {
  return "run" in scope ? `${RUN_LABEL}=${scope.run}` : `${LESSON_LABEL}=${scope.lesson}`;
}

/** How the run ids of a lesson begin: its id with `/` made `-`, then `-`. */
export function runIdPrefix(lesson: string): string {
  return `${lesson.replaceAll("/", "-")}-`;
}

/** A new run id for a lesson: {@link runIdPrefix} and 8 random hex digits. */
export function newRunId(lesson: string): string {
  return `${runIdPrefix(lesson)}${randomBytes(4).toString("hex")}`;
}

/**
 * Removes the containers, networks, volumes and images of a scope. Never throws for one
 * resource: failures are listed in the report. `containersOnly` looks for containers alone, for
 * a run that can have made nothing else (a read-only run makes probe containers only), which
 * saves three listings per host.
 */
export async function removeResources(
  docker: DockerClient,
  scope: ResourceScope,
  options: { containersOnly?: boolean } = {},
): Promise<CleanupReport> {
  const label = scopeLabel(scope);
  const report = emptyCleanupReport();
  // Each kind's resources are removed side by side (a cleanup after Ctrl-C should be quick);
  // containers first, since they hold networks and volumes.
  const removeAll = async <T>(
    items: readonly T[],
    describe: (item: T) => { what: string; name: string },
    remove: (item: T) => Promise<unknown>,
    into: string[],
  ) => {
    const outcomes = await Promise.all(items.map(async (item) => {
      const { what, name } = describe(item);
      try {
        await remove(item);
        return name;
      } catch (error) {
        report.errors.push(`${what} ${name}: ${(error as Error).message}`);
        return undefined;
      }
    }));
    for (const name of outcomes) if (name !== undefined) into.push(name);
  };
  const containerName = (c: { Names: string[]; Id: string }) =>
    c.Names[0]?.replace(/^\//, "") ?? c.Id.slice(0, 12);
  // Named volumes that `docker run -v name:/path` created carry no label: a volume counts as
  // the run's when a labelled container mounts it, nothing labels it, and it was created
  // within seconds of that container.
  const mounted = new Map<string, number>();
  const containers = await docker.containers.list({ labels: [label] });
  for (const container of containers) {
    for (const mount of container.Mounts as Array<{ Type: string; Name?: string }> ?? []) {
      if (mount.Type === "volume" && mount.Name) mounted.set(mount.Name, Number(container.Created));
    }
  }
  if ("lesson" in scope) {
    // Probe containers carry their run's label only; one left by a killed earlier run of the
    // lesson may hold its network, so it goes too.
    const prefix = runIdPrefix(scope.lesson);
    for (const probe of await docker.containers.list({ labels: [`${PROBE_LABEL}=1`] })) {
      const run = probe.Labels?.[RUN_LABEL] ?? "";
      if (run.startsWith(prefix) && /^[0-9a-f]{8}$/.test(run.slice(prefix.length))) {
        containers.push(probe);
      }
    }
  }
  await removeAll(
    containers,
    (c) => ({ what: "container", name: containerName(c) }),
    (c) => docker.containers.remove(c.Id, { force: true, volumes: true }),
    report.containers,
  );
  if (options.containersOnly) return report;
  await removeAll(
    await docker.networks.list({ labels: [label] }),
    (n) => ({ what: "network", name: n.Name }),
    (n) => docker.networks.remove(n.Id),
    report.networks,
  );
  const volumes = new Set<string>();
  for (const volume of await docker.volumes.list({ labels: [label] })) volumes.add(volume.Name);
  for (const [name, containerCreated] of mounted) {
    if (volumes.has(name)) continue;
    const volume = await docker.volumes.inspect(name).catch(() => undefined);
    const created = Date.parse(String(volume?.CreatedAt ?? "")) / 1000;
    const labelled = Object.keys(volume?.Labels ?? {}).length > 0;
    if (volume && !labelled && Math.abs(created - containerCreated) <= 5) volumes.add(name);
  }
  await removeAll(
    [...volumes],
    (name) => ({ what: "volume", name }),
    (name) => docker.volumes.remove(name),
    report.volumes,
  );
  await removeAll(
    await docker.images.list({ labels: [label] }),
    (image) => ({
      what: "image",
      name: (image.RepoTags as string[] | null)?.[0] ?? String(image.Id).slice(7, 19),
    }),
    (image) => docker.images.remove(String(image.Id), { force: true }),
    report.images,
  );
  return report;
}

/** Commands a person can paste to remove what a kept run left. */
export function removalCommands(scope: ResourceScope): string[] {
  const filter = `--filter label=${scopeLabel(scope)}`;
  return [
    `docker rm -f $(docker ps -aq ${filter})`,
    `docker network rm $(docker network ls -q ${filter})`,
    `docker volume rm $(docker volume ls -q ${filter})`,
    `docker image rm $(docker image ls -q ${filter})`,
  ];
}
