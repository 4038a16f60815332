/**
 * Test fixture: a simulated class. Each student host is a container (its own sshd, published on
 * a loopback port) brought into a named state; plus an address where nothing listens. By default
 * a host is a Docker-in-Docker container of `run-lesson-test/student-host` with its own engine;
 * `LINUX_HOST` is a lighter one with sshd alone, for lessons that need no engine. Everything is
 * labelled `run-lesson.test=1` and removed by `stop()`.
 * @module
 */
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { docker, dockerOk, TEST_LABEL } from "../prepare/_docker.ts";
import { freePort } from "../ssh/_sshd.ts";
import { requireEngine } from "../_services.ts";

const run = promisify(execFile);

/** A kind of student host: its image, the script that builds it, and whether it has an engine. */
export interface HostKind {
  /** The image reference. */
  image: string;
  /** The build script (idempotent), relative to the repository. */
  build: string;
  /** Whether the host runs its own Docker engine (Docker-in-Docker). */
  engine: boolean;
}

/** Docker-in-Docker: the host's own engine and sshd (lessons of the docker target). */
export const STUDENT_HOST: HostKind = {
  image: "run-lesson-test/student-host",
  build: "tests/grade/student_host/build.sh",
  engine: true,
};

/** Debian with sshd alone, no engine (lessons that change the host itself: linux-basics). */
export const LINUX_HOST: HostKind = {
  image: "run-lesson-test/linux-host",
  build: "tests/grade/linux_host/build.sh",
  engine: false,
};

/** One running student host. */
export interface StudentMachine {
  /** The student's id. */
  id: string;
  /** The DinD container's name. */
  container: string;
  /** The loopback port its sshd is published on. */
  port: number;
  /** Its host key, `ssh-ed25519 AAAA…`. */
  hostKey: string;
}

/** A simulated class. */
export interface SimulatedClass {
  /** Folder with the client key (`id_ed25519`). */
  dir: string;
  /** The client's private key, authorised on every host. */
  keyPath: string;
  /** The running hosts, by id. */
  machines: Map<string, StudentMachine>;
  /** A loopback port where nothing listens (free a moment ago), so connecting is refused. */
  closedPort: number;
  /** Runs a shell command on a host's own engine host (inside the DinD container). */
  sh(id: string, command: string): Promise<string>;
  /** Removes every host and the key folder. */
  stop(): Promise<void>;
}

/** Builds the host image when missing (cached afterwards). */
export async function ensureStudentImage(kind: HostKind = STUDENT_HOST): Promise<void> {
  requireEngine();
  await run("bash", [kind.build], { maxBuffer: 1 << 24 });
}

/** `docker run` options of a host: an engine inside needs nearly every capability. */
function _runOptions(kind: HostKind): string[] {
  if (!kind.engine) {
    // ss -p names the process behind another user's socket only with SYS_PTRACE.
    return ["--cap-add", "SYS_PTRACE"];
  }
  return [
    "--cap-add",
    "ALL",
    "--cap-drop",
    "SYS_RESOURCE",
    "--security-opt",
    "seccomp=unconfined",
    "--security-opt",
    "apparmor=unconfined",
    "-v",
    "/sys/fs/cgroup:/sys/fs/cgroup:rw",
  ];
}

/** The command that succeeds inside a host once it is ready: its engine, or its sshd, answers. */
function _readyCommand(kind: HostKind): string[] {
  return kind.engine
    ? ["docker", "info", "--format", "{{.ID}}"]
    : ["sh", "-c", "ss -Hltn 'sport = :22' | grep -q LISTEN"];
}

/**
 * Starts one host per entry, loads its images into the host's own engine (a host kind with an
 * engine), and waits until every host is ready.
 */
export async function startClass(
  hosts: Array<{ id: string; images: string[] }>,
  kind: HostKind = STUDENT_HOST,
): Promise<SimulatedClass> {
  await ensureStudentImage(kind);
  const dir = await mkdtemp(join(tmpdir(), "rl-class-"));
  const keyPath = join(dir, "id_ed25519");
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "grader", "-f", keyPath]);
  const publicKey = (await readFile(`${keyPath}.pub`, "utf8")).trim();
  const prefix = `rl-class-${randomBytes(3).toString("hex")}`;
  const machines = new Map<string, StudentMachine>();
  const sh = async (id: string, command: string) => {
    const machine = machines.get(id);
    if (!machine) throw new Error(`no student host "${id}"`);
    return await dockerOk(["exec", machine.container, "sh", "-c", command]);
  };
  const stop = async () => {
    const names = [...machines.values()].map((m) => m.container);
    if (names.length > 0) await docker(["rm", "-f", "-v", ...names]);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(hosts.map(async ({ id, images }) => {
      const container = `${prefix}-${id}`;
      await dockerOk([
        "run",
        "-d",
        "--name",
        container,
        "--label",
        TEST_LABEL,
        ..._runOptions(kind),
        // The key reaches the container through the environment, not argv.
        "-e",
        "AUTHORIZED_KEY",
        "-p",
        "127.0.0.1::22",
        kind.image,
      ], { AUTHORIZED_KEY: publicKey });
      machines.set(id, { id, container, port: 0, hostKey: "" });
      await _until(
        kind.engine ? `${id}'s engine` : `${id}'s sshd`,
        async () => (await docker(["exec", container, ..._readyCommand(kind)])).code === 0,
      );
      const port = Number((await dockerOk(["port", container, "22"])).trim().split(":").pop());
      const hostKey = (await dockerOk([
        "exec",
        container,
        "cut",
        "-d",
        " ",
        "-f",
        "1,2",
        "/etc/ssh/ssh_host_ed25519_key.pub",
      ])).trim();
      machines.set(id, { id, container, port, hostKey });
      if (images.length > 0) await _load(images, container);
    }));
  } catch (error) {
    await stop();
    throw error;
  }
  return { dir, keyPath, machines, closedPort: await freePort(), sh, stop };
}

/** `docker save IMAGES | docker exec -i CONTAINER docker load`. */
function _load(images: string[], container: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const save = spawn("docker", ["save", ...images], { stdio: ["ignore", "pipe", "pipe"] });
    const load = spawn("docker", ["exec", "-i", container, "docker", "load", "-q"], {
      stdio: ["pipe", "ignore", "pipe"],
    });
    let errors = "";
    save.stderr.on("data", (d) => (errors += d));
    load.stderr.on("data", (d) => (errors += d));
    save.stdout.pipe(load.stdin);
    save.on("error", reject);
    load.on("error", reject);
    load.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`loading ${images.join(" ")} into ${container}: ${errors.trim()}`));
    });
  });
}

async function _until(what: string, ready: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
