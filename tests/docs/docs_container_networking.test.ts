import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../_cli.ts";
import { withEngineLock } from "../_engine_lock.ts";
import { requireEngine } from "../_services.ts";
import { LESSONS_DIR } from "../../lib/lesson/load.ts";

const LESSON = join(LESSONS_DIR, "container-networking");
const COMMITTED = readFileSync(join(LESSON, "README.md"), "utf8");
const scratch = mkdtempSync(join(tmpdir(), "run-lesson-docs-cn-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A command block of the default-bridge section and its Output block, right after another. */
const DELETED = "```sh\ndocker run --rm alpine:latest ping -c 1 bridge-a\n```\n\n" +
  "Output (on stderr, exit code 1):\n\n```text\nping: bad address 'bridge-a'\n```\n\n";

describe("run-lesson docs on the container-networking doc", () => {
  it("--update writes a deleted command block back byte for byte, and nothing else", async () => {
    requireEngine();
    const dir = join(scratch, "container-networking");
    cpSync(LESSON, dir, { recursive: true });
    assert.ok(COMMITTED.includes(DELETED));
    writeFileSync(join(dir, "README.md"), COMMITTED.replace(DELETED, ""));
    const r = await withEngineLock(
      "container-networking",
      () => cli("docs", dir, "--update", "--offline"),
    );
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(
      r.out,
      /^command added: .*README\.md:\d+ step "default-bridge" command 1 "docker run --rm alpine:latest ping -c 1 bridge-a"\n/,
    );
    assert.equal(readFileSync(join(dir, "README.md"), "utf8"), COMMITTED);
  });
});
