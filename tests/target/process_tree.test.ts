import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import {
  SIGNAL_TARGETS_SCRIPT,
  signalTargets,
  signalTreeCommand,
} from "../../lib/target/process_tree.ts";

const run = promisify(execFile);

// A duration no other test uses, so that a stray process is easy to tell apart.
const nap = `52.${process.pid}`;
let shell: ChildProcess;

before(async () => {
  // Two background jobs in their own process groups, and a command substitution's child that
  // stays in the shell's own group.
  shell = spawn("bash", [
    "--noprofile",
    "--norc",
    "-c",
    `set -m; sleep ${nap} & sleep ${nap} & x=$(sleep ${nap}); wait`,
  ], {
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 100 && signalTargets(shell.pid!).length < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});

after(() => {
  try {
    process.kill(-shell.pid!, "SIGKILL");
  } catch {
    // already gone
  }
  for (const target of signalTargets(shell.pid!)) {
    try {
      process.kill(target, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/** What the remote script prints for the shell, as numbers, leaving out `except`'s groups. */
async function remoteTargets(pid: number, except: number[] = []): Promise<number[]> {
  const skip = `,${except.join(",")},`;
  const { stdout } = await run("sh", ["-c", SIGNAL_TARGETS_SCRIPT, "sh", String(pid), skip]);
  return stdout.split("\n").filter(Boolean).map(Number);
}

describe("process tree", () => {
  it("signalTargets() finds two job groups and one pid in the shell's own group", () => {
    const targets = signalTargets(shell.pid!);
    assert.equal(targets.filter((t) => t < 0).length, 2, String(targets));
    assert.equal(targets.filter((t) => t > 0).length, 1, String(targets));
    assert.ok(!targets.includes(shell.pid!) && !targets.includes(-shell.pid!));
  });

  it("the remote script lists exactly what signalTargets() finds", async () => {
    const sort = (list: number[]) => [...list].sort((a, b) => a - b);
    assert.deepEqual(sort(await remoteTargets(shell.pid!)), sort(signalTargets(shell.pid!)));
  });

  it("both leave the process groups of earlier background jobs alone", async () => {
    const all = signalTargets(shell.pid!);
    const job = -all.find((t) => t < 0)!;
    const rest = all.filter((t) => t !== -job).sort((a, b) => a - b);
    assert.deepEqual([...signalTargets(shell.pid!, [job])].sort((a, b) => a - b), rest);
    assert.deepEqual((await remoteTargets(shell.pid!, [job])).sort((a, b) => a - b), rest);
  });

  it("signalTreeCommand() stops everything the shell started, and not the shell", async () => {
    await run("sh", ["-c", signalTreeCommand(shell.pid!, "SIGTERM", { breakShell: false })]);
    for (let i = 0; i < 50 && signalTargets(shell.pid!).length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.deepEqual(signalTargets(shell.pid!), []);
  });

  it("signalTreeCommand() refuses a pid that is no shell's", () => {
    assert.throws(() => signalTreeCommand(1, "SIGINT"), {
      name: "RangeError",
      message: "Cannot signal the processes of shell pid 1: not a shell's pid",
    });
  });
});

describe("process tree of a shell that leads no process group (a session's bash)", () => {
  // As in a session: bash is a child of the bootstrap, in the bootstrap's process group, and
  // a command substitution's child stays in that group. Signalling that group would end the
  // session itself.
  const nap2 = `53.${process.pid}`;
  let leader: ChildProcess;
  let bash = 0;

  before(async () => {
    leader = spawn("sh", [
      "-c",
      `bash --noprofile --norc -c 'set -m; sleep ${nap2} & x=$(sleep ${nap2}); wait'; :`,
    ], { stdio: "ignore", detached: true });
    for (let i = 0; i < 100 && (bash === 0 || signalTargets(bash).length < 2); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const children = readFileSync(`/proc/${leader.pid}/task/${leader.pid}/children`, "latin1");
      bash = Number(children.trim().split(" ")[0] || 0);
    }
  });

  after(() => {
    try {
      process.kill(-leader.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    spawnSync("pkill", ["-KILL", "-f", `sleep ${nap2}`]);
  });

  it("signalTargets() and the remote script give the substitution's child by pid, never the group", async () => {
    assert.ok(bash > 0, "bash started");
    const targets = signalTargets(bash);
    assert.ok(!targets.includes(-leader.pid!), `the session's group among ${targets}`);
    assert.equal(targets.filter((t) => t < 0).length, 1, String(targets));
    assert.equal(targets.filter((t) => t > 0).length, 1, String(targets));
    const sort = (list: number[]) => [...list].sort((a, b) => a - b);
    assert.deepEqual(sort(await remoteTargets(bash)), sort(targets));
  });
});
