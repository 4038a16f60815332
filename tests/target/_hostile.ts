/**
 * A scratch lesson whose commands attack their own shell (background jobs, closed stdout,
 * `exit`, `set -x`, unset runner functions, a stopped command with a job), and the CLI run as
 * a child process in its own process group, for tests/target/hostile_lesson.test.ts.
 * @module
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { procStat } from "../../lib/target/process_tree.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** A sleep duration no other test uses, so that ps finds only this test's processes. */
export function nap(seconds: number): string {
  return `${seconds}.${process.pid}`;
}

/** Writes a lesson of these steps to a new temp folder and returns the folder. */
export function writeLesson(steps: Record<string, unknown>[]): string {
  const dir = mkdtempSync(join(tmpdir(), "rl-hostile-"));
  mkdirSync(join(dir, "steps"));
  const files = steps.map((_, i) => `steps/${String(i + 1).padStart(2, "0")}.ts`);
  writeFileSync(
    join(dir, "lesson.ts"),
    `export default ${
      JSON.stringify({
        title: "Hostile commands",
        description: "Commands that attack their shell",
        steps: files,
      })
    };\n`,
  );
  for (const [i, step] of steps.entries()) {
    writeFileSync(join(dir, files[i]), `export default ${JSON.stringify(step, null, 2)};\n`);
  }
  return dir;
}

/** The steps of the hostile lesson; two of them fail (`bg` and `exit`). */
export function hostileSteps(): Record<string, unknown>[] {
  return [
    {
      id: "bg",
      title: "Jobs left running",
      commands: [
        { run: `sleep ${nap(4242)} &` },
        { run: `nohup sleep ${nap(4243)} >/dev/null 2>&1 &` },
      ],
    },
    {
      id: "bg-declared",
      title: "A job meant to run on",
      background: true,
      commands: [{ run: `sleep ${nap(4244)} &` }],
    },
    {
      id: "closed",
      title: "Closed stdout",
      commands: [{ run: "exec >&-" }, { run: "echo after", stdout: "after" }],
    },
    {
      id: "redirected",
      title: "Redirected stdout and stderr",
      commands: [
        { run: "exec 1>/dev/null 2>&1" },
        { run: "echo again; echo oops >&2", stdout: "again", stderr: "oops" },
      ],
    },
    {
      id: "exit",
      title: "An exit nobody expected",
      commands: [{ run: "exit 3" }, { run: "echo new-shell", stdout: "new-shell" }],
    },
    {
      id: "exit-declared",
      title: "An exit the lesson means",
      commands: [{ run: "exit 3", exitsShell: true, exitCode: 3 }],
    },
    {
      id: "xtrace",
      title: "set -x and set -v",
      commands: [
        { run: "set -x" },
        { run: "echo traced", stdout: "traced", stderr: "+ echo traced" },
        { run: "set +x; set -v", stderr: "+ set +x" },
        { run: "echo verbose", stdout: "verbose", stderr: "echo verbose" },
        { run: "set +v", stderr: "set +v" },
      ],
    },
    {
      id: "unset",
      title: "Runner functions unset and redefined",
      commands: [
        { run: "unset -f __rl_run __rl_f; __rl_f() { echo hacked; }; __rl_run() { echo hacked; }" },
        { run: "echo fine", stdout: "fine" },
      ],
    },
    {
      id: "stopped",
      title: "A stopped loop with a job",
      commands: [{
        run: `sleep ${nap(4245)} & i=0; while :; do i=$((i+1)); echo "tick $i"; sleep 0.2; done`,
        stop: { kind: "pattern", pattern: "tick 2" },
        stdout: "tick 1\ntick 2",
        timeoutMs: 20_000,
      }],
    },
  ];
}

/** What a CLI run did. */
export interface CliChild {
  /** Its exit code (null when a signal ended it). */
  code: number | null;
  /** Its stdout. */
  out: string;
  /** Its stderr. */
  err: string;
  /** Its pid, which is also its process group. */
  pid: number;
  /** Wall time in milliseconds. */
  ms: number;
}

/**
 * Runs the CLI in a child process, in its own process group, under the runtime running this
 * test (Node through the launcher, or Deno on runner/main.ts); kills the group after
 * `limitMs`. `whileRunning` gets the child's pid, e.g. to send it SIGINT.
 */
export function runCli(
  args: string[],
  limitMs: number,
  whileRunning?: (pid: number) => void,
): Promise<CliChild> {
  const started = performance.now();
  const command = "Deno" in globalThis
    ? [join(ROOT, "node_modules/deno/deno"), "run", "-A", join(ROOT, "runner/main.ts")]
    : [process.execPath, join(ROOT, "runner/bin.js")];
  const child = spawn(command[0], [...command.slice(1), ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (err += chunk));
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // gone
    }
  }, limitMs);
  if (whileRunning) whileRunning(child.pid!);
  return new Promise((resolve) => {
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, pid: child.pid!, ms: performance.now() - started });
    });
  });
}

/** The command lines of the live processes that hold `text` (zombies left out). */
export function processesWith(text: string): string[] {
  return _processes().filter((p) => p.args.includes(text)).map((p) => `${p.pid} ${p.args}`);
}

/** The live processes in process group `pgid`. */
export function processesInGroup(pgid: number): string[] {
  return _processes().filter((p) => p.pgid === pgid).map((p) => `${p.pid} ${p.args}`);
}

/** Waits until `ready()` or `ms` passed; resolves with whether it became ready. */
export async function waitFor(ready: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (ready()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return ready();
}

function _processes(): Array<{ pid: number; pgid: number; args: string }> {
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = procStat(entry);
      if (fields === undefined || fields[0] === "Z") continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      found.push({ pid: Number(entry), pgid: Number(fields[2]), args });
    } catch {
      // gone
    }
  }
  return found;
}
