/**
 * The HTML class report in a real browser: headless Chromium loads the file with no network,
 * and its script opens the feedback of the student named in the address.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { toHtml } from "../../lib/grade/html.ts";
import { requireBrowser } from "../_services.ts";
import { sampleReport } from "./_sample.ts";

const run = promisify(execFile);
let dir: string;
let file: string;

before(async () => {
  requireBrowser();
  dir = await mkdtemp(join(tmpdir(), "rl-html-"));
  file = join(dir, "report.html");
  await writeFile(file, toHtml(sampleReport()));
});
after(() => rm(dir, { recursive: true, force: true }));

/** The DOM after Chromium loaded the page and ran its script. */
async function dumpDom(url: string): Promise<string> {
  const { stdout } = await run("chromium", [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    `--user-data-dir=${join(dir, "profile")}`,
    "--virtual-time-budget=2000",
    "--dump-dom",
    url,
  ], { timeout: 60_000, maxBuffer: 1 << 24 });
  return stdout;
}

describe("the HTML class report in headless Chromium", { timeout: 120_000 }, () => {
  it("renders the students-by-checks grid", async () => {
    const dom = await dumpDom(pathToFileURL(file).href);
    const rows = [...dom.matchAll(/<tr data-student="([^"]*)" data-status="([^"]*)"/g)]
      .map((m) => [m[1], m[2]]);
    assert.deepEqual(rows, [
      ["ada", "graded"],
      ["=bob, &quot;the&quot; &lt;builder&gt;", "graded"],
      ["cy", "unreachable"],
    ]);
    assert.equal(dom.match(/<td class="pass"/g)?.length, 4);
    assert.equal(dom.match(/<td class="partial"/g)?.length, 1);
    assert.match(dom, /<td class="score">6\/6<\/td>/);
    assert.match(
      dom,
      /<tfoot><tr><td class="student">passed by<\/td><td><\/td><td>67%<\/td><td>33%<\/td><td>33%<\/td>/,
    );
    assert.match(dom, /3 students · 2 graded · 1 not graded · 1 with full marks · mean 3\/6/);
    // Nothing is open until a student is named.
    assert.doesNotMatch(dom, /<details[^>]* open/);
  });

  it("opens the named student's feedback, with hints", async () => {
    const id = '=bob, "the" <builder>';
    const dom = await dumpDom(`${pathToFileURL(file).href}#student=${encodeURIComponent(id)}`);
    const open = [...dom.matchAll(/<details class="feedback" data-student="([^"]*)"[^>]* open/g)]
      .map((m) => m[1]);
    assert.deepEqual(open, ["=bob, &quot;the&quot; &lt;builder&gt;"]);
    assert.match(dom, /<title>Feedback for =bob, "the" &lt;builder&gt;<\/title>/);
    assert.match(dom, /<tr data-student="=bob[^"]*" data-status="graded" class="selected">/);
    assert.match(dom, /Hint: use --network "app-net"/);
    assert.doesNotMatch(dom, /docker network inspect/);
  });
});
