import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireEngine } from "../_services.ts";
import { assertBounded, MiB, runMeasured } from "./_peak_rss.ts";

const dirs: string[] = [];
const boxes: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (boxes.length > 0) spawnSync("docker", ["rm", "-f", ...boxes], { stdio: "ignore" });
});

const SESSION = { kind: "session", session: "tty" };

/**
 * A docker lesson of one step per entry: a `docker run -it` session (its container named
 * uniquely), the entry's commands typed into it, then `echo after` (the session still answers)
 * and `exit`. Returns the lesson's folder.
 */
function sessionLesson(steps: Record<string, Record<string, unknown>[]>): string {
  const dir = mkdtempSync(join(tmpdir(), "rl-tty-output-"));
  dirs.push(dir);
  mkdirSync(join(dir, "steps"));
  const files = Object.keys(steps).map((id) => `steps/${id}.ts`);
  const lesson = {
    title: "TTY session output",
    description: "Commands typed into a session that print a lot",
    target: "docker",
    images: ["alpine:latest"],
    steps: files,
  };
  writeFileSync(join(dir, "lesson.ts"), `export default ${JSON.stringify(lesson)};\n`);
  for (const [id, commands] of Object.entries(steps)) {
    const box = `rl-tty-output-${randomBytes(4).toString("hex")}`;
    boxes.push(box);
    const step = {
      id,
      title: id,
      commands: [
        { run: `docker run -it --name ${box} alpine:latest /bin/sh`, opens: "tty" },
        ...commands.map((command) => ({ ...command, where: SESSION })),
        { run: "echo after", where: SESSION, stdout: "after" },
        { run: "exit", where: SESSION },
      ],
    };
    writeFileSync(join(dir, `steps/${id}.ts`), `export default ${JSON.stringify(step)};\n`);
  }
  return dir;
}

/** Prints `n` MiB in 1 KiB lines: the engine's TTY copies short lines slowly (`yes`: 3 s/MiB). */
const print = (n: number) => `yes "$(head -c 1023 /dev/zero | tr '\\0' a)" | head -c ${n * MiB}`;

/** One command of a JSON report. */
type CommandReport = Record<string, unknown>;

/** What a JSON report says of the commands that did not pass, for a failed assertion. */
function failures(run: { out: string; err: string }): string {
  try {
    const steps = JSON.parse(run.out).steps as { id: string; commands: CommandReport[] }[];
    const failed = steps.flatMap((step) =>
      step.commands.filter((c) => c.status !== "passed").map((c) => ({ step: step.id, ...c }))
    );
    return JSON.stringify(failed, (k, v) => k === "stdout" ? `${v}`.slice(-300) : v) + run.err;
  } catch {
    return run.out.slice(0, 2000) + run.err;
  }
}

/** The commands of step `id` in a JSON report, by their place in the step. */
function commands(out: string, id: string): CommandReport[] {
  const step = JSON.parse(out).steps.find((s: { id: string }) => s.id === id);
  assert.ok(step, `no step ${id} in the report`);
  return step.commands;
}

describe("a command's large output, in a TTY session on the docker target", () => {
  it("reads 100 MiB in seconds, with no more memory than 20 MiB, and says how big it was", async () => {
    requireEngine();
    const dir = sessionLesson({
      "tty-20": [{ run: print(20) }],
      "tty-100": [{ run: print(100) }],
    });
    const args = (id: string) => ["run", dir, "--offline", "--only", id, "--reporter", "json"];
    const small = await runMeasured(args("tty-20"));
    assert.equal(small.code, 0, failures(small));
    const large = await runMeasured(args("tty-100"));
    assert.equal(large.code, 0, failures(large));
    assertBounded(small, large, "tty session");
    const [, big, after] = commands(large.out, "tty-100");
    // Read whole on every chunk, 64 MiB took 70 s (past the 60 s limit) and 780 MiB of memory.
    assert.ok((big.durationMs as number) < 30_000, `100 MiB took ${big.durationMs} ms`);
    assert.deepEqual(big.truncated, { stdout: 100 * MiB });
    const stdout = big.stdout as string;
    assert.equal(stdout.length, 16 * MiB);
    assert.equal(stdout.slice(0, 2048), `${"a".repeat(1023)}\n`.repeat(2));
    assert.equal(after.status, "passed");
  });

  it("counts a stopped command's output up to its stop, keeping the bound", async () => {
    requireEngine();
    const dir = sessionLesson({
      stopped: [{
        run: `${print(4)}; echo MARK; sleep 100`,
        stop: { kind: "pattern", pattern: "MARK" },
        stdout: { kind: "any" },
      }],
      whole: [{ run: "printf 'one\\ntwo\\n'", stdout: "one\ntwo" }],
    });
    const run = await runMeasured(["run", dir, "--offline", "--reporter", "json"], {
      RUN_LESSON_MAX_OUTPUT: "1M",
    });
    assert.equal(run.code, 0, failures(run));
    const [, stopped, after] = commands(run.out, "stopped");
    assert.equal(stopped.stopped, true);
    assert.deepEqual(stopped.truncated, { stdout: 4 * MiB + "MARK\n".length });
    assert.equal((stopped.stdout as string).length, MiB);
    assert.equal(after.status, "passed");
    const [, whole] = commands(run.out, "whole");
    assert.equal(whole.stdout, "one\ntwo\n");
    assert.equal(whole.truncated, undefined);
  });

  it("types ^C again while a stopped command goes on, as a ^C in a fork can be lost", async () => {
    requireEngine();
    // Stands for a command the first ^C missed: it goes on after one, and ends at the second.
    const twice = `sh -c 'trap "trap - INT" INT; while :; do sleep 0.2; done'`;
    const dir = sessionLesson({
      stopped: [{
        run: `echo MARK; ${twice}`,
        stop: { kind: "pattern", pattern: "MARK" },
        stdout: "MARK",
        timeoutMs: 30_000,
      }],
    });
    const run = await runMeasured(["run", dir, "--offline", "--reporter", "json"], {});
    assert.equal(run.code, 0, failures(run));
    const [, stopped, after] = commands(run.out, "stopped");
    assert.deepEqual([stopped.stopped, stopped.timedOut], [true, false]);
    assert.ok((stopped.durationMs as number) < 15_000, `took ${stopped.durationMs} ms`);
    assert.equal(after.status, "passed");
  });
});
