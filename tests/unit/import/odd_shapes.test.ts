/**
 * `run-lesson import` on a tutorial of odd shapes: a heredoc and the cat that shows its file in
 * one block, a comment typed at a prompt, CRLF line endings, a heading of punctuation, a short
 * step, addresses and a timestamp in the output.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadLesson } from "../../../lib/lesson/load.ts";
import { cli } from "../../_cli.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
let scratch = "";

before(() => {
  scratch = mkdtempSync(join(tmpdir(), "run-lesson-import-odd-"));
});

after(() => rmSync(scratch, { recursive: true, force: true }));

const DOC = [
  "# Odd tutorial",
  "",
  "## Write a file",
  "",
  "```bash",
  "cat > hello.txt <<EOF",
  "hello world",
  "EOF",
  "cat hello.txt",
  "```",
  "",
  "Output:",
  "",
  "```text",
  "hello world",
  "```",
  "",
  "## Prompted",
  "",
  "```console",
  "$ echo prompted",
  "prompted",
  "$ # the time, in UTC",
  "$ date -u +%Y-%m-%dT%H:%M:%SZ",
  "2024-01-02T03:04:05Z",
  "```",
  "",
  "## ???",
  "",
  "~~~sh",
  "echo 'addr fe80::1 at 2024-01-02T03:04:05Z'",
  "~~~",
  "",
  "Output:",
  "",
  "~~~",
  "addr fe80::1 at 2024-01-02T03:04:05Z",
  "~~~",
  "",
  "## Tiny",
  "",
  "```sh",
  "echo punct-and-more",
  "```",
  "",
  "Output:",
  "",
  "```text",
  "punct-and-more",
  "```",
  "",
].join("\n");

async function imported(name: string, text: string) {
  const source = join(scratch, `${name}.md`);
  writeFileSync(source, text);
  const out = join(scratch, name);
  const r = await cli("import", source, "--out", out);
  assert.equal(r.code, 0, r.out + r.err);
  return { out, r, lesson: await loadLesson(out) };
}

describe("run-lesson import of odd shapes", () => {
  it("gives a heredoc's output to the command that shows the file, not to the heredoc", async () => {
    const { lesson } = await imported("heredoc", DOC);
    assert.deepEqual(lesson.steps[0].commands, [
      { run: "cat > hello.txt <<EOF\nhello world\nEOF" },
      { run: "cat hello.txt", stdout: "hello world" },
    ]);
  });

  it("takes a comment typed at a prompt for a comment, not a command", async () => {
    const { out, lesson } = await imported("prompt", DOC);
    assert.deepEqual(lesson.steps[1].commands, [
      { run: "echo prompted", stdout: "prompted" },
      { run: "date -u +%Y-%m-%dT%H:%M:%SZ", stdout: "{{timestamp}}" },
    ]);
    assert.match(
      readFileSync(join(out, "steps/02_prompted.ts"), "utf8"),
      / {4}\/\/ the time, in UTC\n/,
    );
  });

  it("writes step modules deno fmt leaves alone, the short one on one line only when it fits", async () => {
    const { out, lesson } = await imported("fmt", DOC);
    assert.deepEqual(lesson.steps[2].commands, [
      {
        run: "echo 'addr fe80::1 at 2024-01-02T03:04:05Z'",
        stdout: "addr {{ipv6}} at {{timestamp}}",
      },
    ]);
    const files = ["lesson.ts", ...readdirSync(join(out, "steps")).map((f) => `steps/${f}`)];
    const fmt = spawnSync(
      join(ROOT, "node_modules/deno/deno"),
      ["fmt", "--check", "--line-width", "100", ...files],
      { cwd: out, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    assert.equal(fmt.status, 0, fmt.stdout + fmt.stderr);
  });

  it("types the commands after a `/ # ` prompt into the session, their output as expectations", async () => {
    const session = [
      "# Sessions",
      "",
      "## Look inside",
      "",
      "```sh",
      "docker run -it --rm alpine:latest sh",
      "/ # ping -c 1 web",
      "PING web (172.30.0.2): 56 data bytes",
      "/ # exit",
      "docker ps",
      "```",
      "",
    ].join("\n");
    const inside = { kind: "session", session: "alpine-shell" };
    const expected = [
      { run: "docker run -it --rm alpine:latest sh", opens: "alpine-shell" },
      { run: "ping -c 1 web", where: inside, stdout: "PING web ({{ipv4}}): 56 data bytes" },
      { run: "exit", where: inside },
      { run: "docker ps" },
    ];
    const { lesson } = await imported("session", session);
    assert.deepEqual(lesson.steps[0].commands, expected);
    // The same transcript copied off a page as text.
    const text = session.replace(/```sh\n|```\n/g, "").replace(/^#+ /gm, "")
      .replace("Look inside\n", "Look inside\n\nType these commands one after the other:\n");
    const source = join(scratch, "session.txt");
    writeFileSync(source, text);
    const out = join(scratch, "session-text");
    const r = await cli("import", source, "--from", "text", "--out", out);
    assert.equal(r.code, 0, r.out + r.err);
    assert.deepEqual((await loadLesson(out)).steps[0].commands, expected);
  });

  it("reads the lines after a root prompt as a transcript only in a session", async () => {
    const text = "Root commands\n\nThis is a long enough introduction to be taken as the prose " +
      "after the title.\n\nUpdate\n\necho ready\n# apt-get update\nHit:1 http://deb.example\n";
    const source = join(scratch, "root.txt");
    writeFileSync(source, text);
    const out = join(scratch, "root-text");
    const r = await cli("import", source, "--from", "text", "--out", out);
    assert.equal(r.code, 0, r.out + r.err);
    const commands = (await loadLesson(out)).steps.flatMap((s) => s.commands.map((c) => c.run));
    assert.deepEqual(commands, ["echo ready"]);
  });

  it("keeps a CRLF tutorial's line endings in the doc, the step markers included", async () => {
    const crlf = DOC.replaceAll("\n", "\r\n");
    const { out } = await imported("crlf", crlf);
    const doc = readFileSync(join(out, "README.md"), "utf8");
    assert.doesNotMatch(doc, /[^\r]\n/);
    assert.equal(
      doc,
      crlf.replace("## Write a file\r\n", "## Write a file\r\n\r\n<!-- step: write-a-file -->\r\n")
        .replace("## Prompted\r\n", "## Prompted\r\n\r\n<!-- step: prompted -->\r\n")
        .replace("## ???\r\n", "## ???\r\n\r\n<!-- step: step -->\r\n")
        .replace("## Tiny\r\n", "## Tiny\r\n\r\n<!-- step: tiny -->\r\n"),
    );
  });
});
