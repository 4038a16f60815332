import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn } from "node:child_process";
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
