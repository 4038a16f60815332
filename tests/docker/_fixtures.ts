/**
 * Shared fixtures of the Docker tests: the busybox test image, names and labels.
 *
 * The image `run-lesson-test/busybox:1` (label `run-lesson.test=1`) is built through the API
 * from a root filesystem holding Debian's static busybox (package `busybox-static`). It is
 * shared by the test files and kept between runs: the build is deterministic, so the builder's
 * cache gives the same image id every time, and no test file removes it while another may be
 * using it. Remove it by hand with `docker rmi run-lesson-test/busybox:1`.
 * @module
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createTar, type DockerClient, type TarEntry } from "../../lib/docker/mod.ts";
import { requireEngine } from "../_services.ts";

// Every test that uses these fixtures talks to the engine: without one, say so in one line.
requireEngine();

/** The label every test resource carries. */
export const TEST_LABELS: Record<string, string> = { "run-lesson.test": "1" };

/** The label filter that finds test resources. */
export const TEST_FILTER = "run-lesson.test=1";

/** The shared busybox image. */
export const BUSYBOX_IMAGE = "run-lesson-test/busybox:1";

const BUSYBOX = "/bin/busybox";

/** A name no other run uses: `run-lesson-test-<what>-<random>`. */
export function uniqueName(what: string): string {
  return `run-lesson-test-${what}-${randomBytes(4).toString("hex")}`;
}

/** A root filesystem tar: static busybox, its applet links, and a minimal /etc. */
export function busyboxRootfs(): Buffer {
  if (!existsSync(BUSYBOX)) {
    throw new Error(
      `Cannot build the busybox test image: "${BUSYBOX}" is missing: apt-get install -y busybox-static`,
    );
  }
  const entries: TarEntry[] = [];
  for (
    const dir of ["bin", "sbin", "usr", "usr/bin", "usr/sbin", "etc", "root", "proc", "sys", "dev"]
  ) {
    entries.push({ name: dir, type: "directory" });
  }
  entries.push({ name: "tmp", type: "directory", mode: 0o1777 });
  entries.push({ name: "bin/busybox", content: readFileSync(BUSYBOX), mode: 0o755 });
  const applets = execFileSync(BUSYBOX, ["--list-full"], { encoding: "utf8" }).split("\n");
  for (const path of applets.map((line) => line.trim()).filter(Boolean).sort()) {
    if (path !== "bin/busybox") {
      entries.push({ name: path, type: "symlink", linkname: "/bin/busybox" });
    }
  }
  entries.push({
    name: "etc/passwd",
    content: "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n",
  });
  entries.push({ name: "etc/group", content: "root:x:0:\nnogroup:x:65534:\n" });
  return createTar(entries);
}

/** Builds the shared busybox image unless it exists; resolves with its id. */
export async function ensureBusyboxImage(docker: DockerClient): Promise<string> {
  const existing = await docker.images.inspect(BUSYBOX_IMAGE).catch(() => undefined);
  if (existing?.Config.Labels?.["run-lesson.test"] === "1") return existing.Id;
  const context = createTar([
    { name: "Dockerfile", content: 'FROM scratch\nADD rootfs.tar /\nCMD ["sh"]\n' },
    { name: "rootfs.tar", content: busyboxRootfs() },
  ]);
  return docker.images.build(context, { tag: BUSYBOX_IMAGE, labels: TEST_LABELS });
}

/** Creates and starts a labelled busybox container that sleeps; resolves with its id. */
export async function startSleeper(
  docker: DockerClient,
  name: string,
  extra: { networks?: Array<string | { name: string; aliases?: string[] }> } = {},
): Promise<string> {
  const id = await docker.containers.create({
    image: BUSYBOX_IMAGE,
    name,
    cmd: ["sleep", "3600"],
    labels: TEST_LABELS,
    networks: extra.networks,
  });
  await docker.containers.start(id);
  return id;
}

/** Force-removes the named containers, then networks, then volumes; missing ones are skipped. */
export async function removeTestResources(docker: DockerClient, names: string[]): Promise<void> {
  for (const name of names) {
    await docker.containers.remove(name, { force: true, volumes: true }).catch(() => {});
  }
  for (const name of names) await docker.networks.remove(name).catch(() => {});
  for (const name of names) await docker.volumes.remove(name, { force: true }).catch(() => {});
}
