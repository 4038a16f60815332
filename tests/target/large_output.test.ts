import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SshdFixture, sshTargetArgs, startSshd } from "../ssh/_sshd.ts";
import { requireEngine } from "../_services.ts";
import { assertBounded, MiB, runMeasured } from "./_peak_rss.ts";

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Writes a lesson of these steps (and index fields) to a new temp folder; returns the folder. */
function writeLesson(
  steps: Record<string, unknown>[],
  index: Record<string, unknown> = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), "rl-large-output-"));
  mkdirSync(join(dir, "steps"));
  const files = steps.map((_, i) => `steps/${String(i + 1).padStart(2, "0")}.ts`);
  const lesson = { title: "Large output", description: "Commands that print a lot", ...index };
  writeFileSync(
    join(dir, "lesson.ts"),
    `export default ${JSON.stringify({ ...lesson, steps: files })};\n`,
  );
  for (const [i, step] of steps.entries()) {
    writeFileSync(join(dir, files[i]), `export default ${JSON.stringify(step, null, 2)};\n`);
  }
  return dir;
}

/** One step per command, ids as given; returns the lesson's folder. */
function lesson(commands: Record<string, Record<string, unknown>>): string {
  const dir = writeLesson(
    Object.entries(commands).map(([id, command]) => ({ id, title: id, commands: [command] })),
  );
  dirs.push(dir);
  return dir;
}

describe("a command's large output, on the local target", () => {
  const dir = () =>
    lesson({
      "lines-20": { run: "yes | head -c 20971520" },
      "lines-200": { run: "yes | head -c 209715200" },
      "one-line-20": { run: "head -c 20971520 /dev/zero | tr '\\0' 'a'" },
      "one-line-200": { run: "head -c 209715200 /dev/zero | tr '\\0' 'a'" },
    });

  it("needs no more memory for 200 MiB than for 20 MiB, with and without lines", async () => {
    const folder = dir();
    for (const shape of ["lines", "one-line"]) {
      const small = await runMeasured(["run", folder, "--only", `${shape}-20`]);
      assert.equal(small.code, 0, small.out + small.err);
      const large = await runMeasured(["run", folder, "--only", `${shape}-200`]);
      assert.equal(large.code, 0, large.out + large.err);
      assertBounded(small, large, shape);
      assert.match(
        large.out,
        /\n {4}note \$ [^\n]+: stdout was 200 MiB; only its first 16 MiB were kept \(RUN_LESSON_MAX_OUTPUT\)\n/,
      );
    }
  });

  it("keeps the JSON report bounded too, saying how big the output was", async () => {
    const folder = dir();
    const small = await runMeasured(["run", folder, "--only", "lines-20", "--reporter", "json"]);
    const large = await runMeasured(["run", folder, "--only", "lines-200", "--reporter", "json"]);
    assert.equal(large.code, 0, large.err);
    assertBounded(small, large, "--reporter json");
    const command = JSON.parse(large.out).steps[0].commands[0];
    assert.deepEqual(command.truncated, { stdout: 200 * MiB });
    assert.equal(command.stdout.length, 16 * MiB);
    assert.equal(command.status, "passed");
  });

  it("fails an expectation on a stream past the bound with one line, passes any and none", async () => {
    const folder = lesson({
      "expect-lines": { run: "yes | head -c 5242880", stdout: "y\ny" },
      "expect-any": { run: "yes | head -c 5242880", stdout: { kind: "any" } },
      "expect-none": { run: "yes | head -c 5242880 >&2" },
      "expect-stderr": { run: "yes | head -c 5242880 >&2", stderr: "y" },
      "expect-small": { run: "echo small", stdout: "small" },
      "utf8": { run: "yes 'é€' | head -c 2097152" },
    });
    const run = await runMeasured(["run", folder, "--reporter", "json"], {
      RUN_LESSON_MAX_OUTPUT: "1M",
    });
    assert.equal(run.code, 1, run.err);
    const steps = JSON.parse(run.out).steps;
    const byId = Object.fromEntries(
      steps.map((s: { id: string; commands: unknown[] }) => [s.id, s.commands[0]]),
    );
    const line = (stream: string) =>
      `${stream}: the output was 5 MiB; only the first 1 MiB are kept (RUN_LESSON_MAX_OUTPUT), ` +
      `so the expectation cannot be checked: print less or expect { kind: "any" }`;
    assert.equal(byId["expect-lines"].status, "failed");
    assert.equal(byId["expect-lines"].reason, line("stdout"));
    assert.deepEqual(byId["expect-lines"].truncated, { stdout: 5 * MiB });
    assert.equal(byId["expect-stderr"].reason, line("stderr"));
    assert.deepEqual(byId["expect-stderr"].truncated, { stderr: 5 * MiB });
    for (const id of ["expect-any", "expect-none", "expect-small", "utf8"]) {
      assert.equal(byId[id].status, "passed", id);
    }
    assert.equal(byId["expect-small"].truncated, undefined);
    assert.equal(byId["expect-any"].stdout.length, MiB);
    // "é€\n" is 6 bytes: 1 MiB ends 2 bytes into a "€", which is left out whole.
    const utf8 = byId.utf8.stdout as string;
    assert.equal(Buffer.byteLength(utf8), MiB - 2);
    assert.ok(utf8.endsWith("é€\né") && !utf8.includes("\ufffd"), JSON.stringify(utf8.slice(-8)));

    const pretty = await runMeasured(["run", folder, "--only", "expect-lines"], {
      RUN_LESSON_MAX_OUTPUT: "1M",
    });
    assert.equal(pretty.code, 1);
    assert.match(pretty.out, new RegExp(`\\n {4}${_escaped(line("stdout").slice(8))}\\n`));
  });
});

/**
 * Under Deno the CLI's peak for a 200 MiB `docker exec` output was 262 and 443 MiB against 199
 * and 237 MiB for 20 MiB (two runs): the exec's stream through Deno's node:http holds about one
 * copy of the output that Node does not, although the collector keeps only its bound. Known and
 * left open; Node is held to the bound.
 */
const DENO_EXEC_MEMORY = "Deno" in globalThis
  ? "under Deno the docker exec stream holds one copy of the output (see above)"
  : false;

describe("a command's large output, from docker exec on the docker target", () => {
  it("needs no more memory for 200 MiB than for 20 MiB, and says how big it was", {
    skip: DENO_EXEC_MEMORY,
  }, async () => {
    requireEngine();
    const box = `rl-large-${randomBytes(4).toString("hex")}`;
    const dir = writeLesson([
      {
        id: "box",
        title: "A container",
        commands: [{ run: `docker run -d --name ${box} alpine:latest sleep 300`, stdout: "{{*}}" }],
      },
      ...[20, 200].map((n) => ({
        id: `exec-${n}`,
        title: `${n} MiB from docker exec`,
        commands: [{ run: `docker exec ${box} sh -c 'yes | head -c ${n * MiB}'` }],
      })),
    ], { target: "docker", images: ["alpine:latest"] });
    dirs.push(dir);
    try {
      const args = (n: number) => ["run", dir, "--offline", "--only", `box,exec-${n}`];
      const small = await runMeasured([...args(20), "--reporter", "json"]);
      assert.equal(small.code, 0, small.out.slice(0, 2000) + small.err);
      const large = await runMeasured([...args(200), "--reporter", "json"]);
      assert.equal(large.code, 0, large.out.slice(0, 2000) + large.err);
      assertBounded(small, large, "docker exec");
      const command = JSON.parse(large.out).steps[1].commands[0];
      assert.deepEqual(command.truncated, { stdout: 200 * MiB });
      assert.equal(command.stdout.length, 16 * MiB);
    } finally {
      spawnSync("docker", ["rm", "-f", box], { stdio: "ignore" });
    }
  });
});

describe("a command's large output, on an SSH target", () => {
  let sshd: SshdFixture;
  let knownHosts: string;

  before(async () => {
    sshd = await startSshd();
    const dir = lesson({});
    knownHosts = join(dir, "known_hosts");
    writeFileSync(knownHosts, `${sshd.knownHostsLine}\n`);
  });

  after(async () => {
    await sshd?.stop();
  });

  it("needs no more memory for 200 MiB than for 10 MiB", async () => {
    const folder = lesson({
      "lines-10": { run: "yes | head -c 10485760" },
      "lines-200": { run: "yes | head -c 209715200", stdout: { kind: "any" } },
    });
    const ssh = sshTargetArgs(sshd, knownHosts);
    const env = { RUN_LESSON_MAX_OUTPUT: "4M" };
    const small = await runMeasured(
      ["run", folder, "--only", "lines-10", "--reporter", "json", ...ssh],
      env,
    );
    assert.equal(small.code, 0, small.out + small.err);
    const large = await runMeasured(
      ["run", folder, "--only", "lines-200", "--reporter", "json", ...ssh],
      env,
    );
    assert.equal(large.code, 0, large.out + large.err);
    assertBounded(small, large, "ssh", 64 * MiB);
    assert.deepEqual(JSON.parse(large.out).steps[0].commands[0].truncated, {
      stdout: 200 * MiB,
    });
  });
});

function _escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
