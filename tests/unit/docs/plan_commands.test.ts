import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { render, run, step } from "./_render_steps.ts";

const STEPS = [
  step(
    "hello",
    { run: "echo hello", stdout: "hello" },
    { run: "echo world", stdout: "world" },
  ),
  step("fail", { run: "ls /nope", stderr: "{{*}}No such file or directory", exitCode: 2 }),
];
const PRINTED = {
  "hello#0": { stdout: "hello\n" },
  "hello#1": { stdout: "world\n" },
  "fail#0": { stderr: "ls: cannot access '/nope': No such file or directory\n", exitCode: 2 },
};

/** The doc as `docs --update` writes it for STEPS. */
const FULL = [
  "# Title",
  "",
  "## Hello",
  "",
  "<!-- step: hello -->",
  "",
  "Say it:",
  "",
  "```sh",
  "echo hello",
  "```",
  "",
  "Output:",
  "",
  "```text",
  "hello",
  "```",
  "",
  "```sh",
  "echo world",
  "```",
  "",
  "Output:",
  "",
  "```text",
  "world",
  "```",
  "",
  "## Fail",
  "",
  "<!-- step: fail -->",
  "",
  "```sh",
  "ls /nope",
  "```",
  "",
  "Output (on stderr, exit code 2):",
  "",
  "```text",
  "ls: cannot access '/nope': No such file or directory",
  "```",
  "",
  "Prose at the end.",
  "",
].join("\n");

const WORLD = "```sh\necho world\n```\n\nOutput:\n\n```text\nworld\n```\n\n";
const FAIL = "```sh\nls /nope\n```\n\nOutput (on stderr, exit code 2):\n\n" +
  "```text\nls: cannot access '/nope': No such file or directory\n```\n\n";

describe("planCommands()", () => {
  it("leaves a doc that shows every command as it is (no edits at all)", () => {
    const r = render(FULL, STEPS, run(STEPS, PRINTED));
    assert.equal(r.text, FULL);
    assert.deepEqual(r.changes, []);
  });

  it("writes back a deleted command with its Output block, byte for byte", () => {
    const r = render(FULL.replace(WORLD, ""), STEPS, run(STEPS, PRINTED));
    assert.equal(r.text, FULL);
    assert.deepEqual(r.changes, [
      { kind: "missing", step: "hello", index: 1, command: "echo world", line: 18 },
    ]);
  });

  it("writes a stderr command with the exit code in its caption, at the end of the doc", () => {
    const full = FULL.replace("\nProse at the end.\n", "");
    const r = render(full.replace(FAIL.trimEnd() + "\n", ""), STEPS, run(STEPS, PRINTED));
    assert.equal(r.text, full);
  });

  it("writes into a region without blocks after its prose", () => {
    const r = render(FULL.replace(FAIL, ""), STEPS, run(STEPS, PRINTED));
    assert.equal(
      r.text,
      FULL.replace(FAIL, "").replace(
        /Prose at the end\.\n$/,
        "Prose at the end.\n\n" + FAIL.trimEnd() + "\n",
      ),
    );
  });

  it("writes every command of a step whose region has none, before the next heading", () => {
    const bare = FULL.replace(WORLD, "").replace(
      "```sh\necho hello\n```\n\nOutput:\n\n```text\nhello\n```\n\n",
      "",
    );
    const r = render(bare, STEPS, run(STEPS, PRINTED));
    assert.equal(r.text, FULL);
    assert.deepEqual(r.changes.map((c) => [c.kind, c.index]), [["missing", 0], ["missing", 1]]);
  });

  it("rewrites a command whose text changed, and refreshes its Output block", () => {
    const steps = [
      step("hello", { run: "echo hello", stdout: "hello" }, {
        run: "echo planet",
        stdout: "planet",
      }),
      STEPS[1],
    ];
    const r = render(FULL, steps, run(steps, { ...PRINTED, "hello#1": { stdout: "planet\n" } }));
    assert.equal(
      r.text,
      FULL.replace("echo world", "echo planet").replace("\nworld\n", "\nplanet\n"),
    );
    assert.deepEqual(r.changes, [{
      kind: "changed",
      step: "hello",
      index: 1,
      command: "echo planet",
      was: "echo world",
      line: 19,
    }]);
  });

  it("removes a command block the step no longer runs, with its Output block, prose kept", () => {
    const steps = [step("hello", { run: "echo hello", stdout: "hello" }), STEPS[1]];
    const r = render(FULL, steps, run(steps, PRINTED));
    assert.equal(r.text, FULL.replace(WORLD, ""));
    assert.deepEqual(r.changes, [{ kind: "removed", step: "hello", was: "echo world", line: 19 }]);
  });

  it("removes the last block of a doc without leaving blank lines at its end", () => {
    const doc = "<!-- step: s -->\n\nText.\n\n```sh\nold\n```\n";
    const r = render(doc, [step("s")], run([step("s")]));
    assert.equal(r.text, "<!-- step: s -->\n\nText.\n\n");
  });

  it("a doc is rendered once: rendering the rendered doc changes nothing", () => {
    const once = render(FULL.replace(WORLD, "").replace(FAIL, ""), STEPS, run(STEPS, PRINTED));
    const twice = render(once.text, STEPS, run(STEPS, PRINTED));
    assert.equal(twice.text, once.text);
    assert.deepEqual(twice.changes, []);
  });

  it("leaves commands with doc: false out", () => {
    const steps = [step("s", { run: "echo a", stdout: "a" }, { run: "secret", doc: false })];
    const doc = "<!-- step: s -->\n";
    const r = render(doc, steps, run(steps, { "s#0": { stdout: "a\n" }, "s#1": { stdout: "x" } }));
    assert.equal(r.text, "<!-- step: s -->\n\n```sh\necho a\n```\n\nOutput:\n\n```text\na\n```\n");
  });

  it("captions: stopped commands read (then Ctrl-C); a silent command gets no Output block", () => {
    const steps = [step("s", { run: "yes", stop: { kind: "lines", count: 2 } }, { run: "true" })];
    const r = render(
      "<!-- step: s -->\n",
      steps,
      run(steps, {
        "s#0": { stdout: "y\ny\n", stopped: true, exitCode: 130 },
      }),
    );
    assert.equal(
      r.text,
      "<!-- step: s -->\n\n```sh\nyes\n```\n\nOutput (then Ctrl-C):\n\n```text\ny\ny\n```\n\n" +
        "```sh\ntrue\n```\n",
    );
  });

  it('an expectation of { kind: "any" } gets no Output block', () => {
    const steps = [step("s", { run: "apk add redis", stdout: { kind: "any" } })];
    const r = render("<!-- step: s -->\n", steps, run(steps, { "s#0": { stdout: "noise\n" } }));
    assert.equal(r.text, "<!-- step: s -->\n\n```sh\napk add redis\n```\n");
  });

  it("new blocks copy the doc's fences and info strings; console blocks get a prompt", () => {
    const doc =
      "<!-- step: s -->\n\n~~~~console\n$ echo a\n~~~~\n\nOutput:\n\n````output\na\n````\n";
    const steps = [step("s", { run: "echo a", stdout: "a" }, { run: "echo b", stdout: "b" })];
    const r = render(
      doc,
      steps,
      run(steps, { "s#0": { stdout: "a\n" }, "s#1": { stdout: "b\n" } }),
    );
    assert.equal(
      r.text,
      doc + "\n~~~~console\n$ echo b\n~~~~\n\nOutput:\n\n````output\nb\n````\n",
    );
  });

  it("a changed console block keeps its sample output lines", () => {
    const doc = "<!-- step: s -->\n\n```console\n$ echo a \\\n  b\nsample\n```\n";
    const steps = [step("s", { run: "echo c" })];
    assert.equal(
      render(doc, steps).text,
      "<!-- step: s -->\n\n```console\n$ echo c\nsample\n```\n",
    );
  });

  it("keeps CRLF line endings in what it writes", () => {
    const doc = "## A\r\n\r\n<!-- step: s -->\r\n\r\n## B\r\n";
    const steps = [step("s", { run: "echo a", stdout: "a" })];
    const r = render(doc, steps, run(steps, { "s#0": { stdout: "a\n" } }));
    assert.equal(
      r.text,
      "## A\r\n\r\n<!-- step: s -->\r\n\r\n```sh\r\necho a\r\n```\r\n\r\nOutput:\r\n\r\n```text\r\na\r\n```\r\n\r\n## B\r\n",
    );
  });

  it("a command with captures shows the doc's values under a run-lesson marker", () => {
    const steps = [
      step("s", { run: "make-id", stdout: "{{token:id}}" }, {
        run: "use {{token}}",
        stdout: "ok",
      }),
    ];
    const doc =
      "<!-- step: s -->\n\n```sh\nmake-id\n```\n\nOutput:\n\n```text\naaaaaaaaaaaa\n```\n";
    const records = run(steps, {
      "s#0": { stdout: "bbbbbbbbbbbb\n" },
      "s#1": { stdout: "ok\n", ran: "use bbbbbbbbbbbb" },
    }, { token: "id" });
    const r = render(doc, steps, records);
    assert.equal(
      r.text,
      doc +
        "\n<!-- run-lesson: s#1 -->\n```sh\nuse aaaaaaaaaaaa\n```\n\nOutput:\n\n```text\nok\n```\n",
    );
    assert.deepEqual(render(r.text, steps, records).changes, [], "linked by its marker next time");
  });

  it("a marker-linked block that shows other values of the captures is not a change", () => {
    const steps = [step("s", { run: "make-id", stdout: "{{token:id}}" }, { run: "use {{token}}" })];
    const doc =
      "<!-- step: s -->\n\n```sh\nmake-id\n```\n\n<!-- run-lesson: s#1 -->\n```sh\nuse cccccccccccc\n```\n";
    const records = run(steps, { "s#0": { stdout: "bbbbbbbbbbbb\n" } }, { token: "id" });
    assert.deepEqual(render(doc, steps, records).changes, []);
    const other = doc.replace("use cccc", "apply cccc");
    assert.deepEqual(render(other, steps, records).changes.map((c) => c.kind), ["changed"]);
  });

  it("a written Output block shows the values the doc's other blocks show, once and for all", () => {
    const steps = [
      step("s", { run: "make-id", stdout: "{{token:id}}" }, {
        run: "show",
        stdout: "token {{token}}",
      }),
    ];
    const records = run(steps, {
      "s#0": { stdout: "bbbbbbbbbbbb\n" },
      "s#1": { stdout: "token bbbbbbbbbbbb\n" },
    }, { token: "id" });
    const made = "```sh\nmake-id\n```\n\nOutput:\n\n```text\naaaaaaaaaaaa\n```\n\n";
    const full = "<!-- step: s -->\n\n" + made +
      "```sh\nshow\n```\n\nOutput:\n\n```text\ntoken aaaaaaaaaaaa\n```\n";
    const restored = render(full.replace(made, ""), steps, records);
    assert.equal(restored.text, full, "a deleted command that binds the doc's token");
    assert.equal(render(restored.text, steps, records).text, full, "a second update");
    const renamed = [step("s", steps[0].commands[0], { ...steps[0].commands[1], run: "show2" })];
    const rewritten = render(full, renamed, records);
    assert.equal(rewritten.text, full.replace("show\n", "show2\n"), "a changed command");
    assert.equal(render(rewritten.text, renamed, records).text, rewritten.text);
  });

  it("a block of two commands is split; the one that printed nothing gets no Output block", () => {
    const steps = [step("s", { run: "make-file" }, { run: "show-file", stdout: "hi" })];
    const records = run(steps, { "s#1": { stdout: "hi\n" } });
    const doc =
      "<!-- step: s -->\n\n```sh\nmake-file\nshow-file\n```\n\nOutput:\n\n```text\nhi\n```\n\nProse.\n";
    const split = "<!-- step: s -->\n\n```sh\nmake-file\n```\n\n```sh\nshow-file\n```\n\n" +
      "Output:\n\n```text\nhi\n```\n\nProse.\n";
    assert.equal(render(doc, steps, records).text, split);
    assert.equal(render(split, steps, records).text, split);
  });

  it("blocks outside every step region are left alone", () => {
    const doc = "```sh\nnot a step's\n```\n\n<!-- step: s -->\n\n```sh\necho a\n```\n";
    const steps = [step("s", { run: "echo a" })];
    assert.equal(render(doc, steps).text, doc);
  });
});

describe("planCommands() and run-lesson markers", () => {
  it("a marker whose index moved with a new command is renumbered to the command its block shows", () => {
    const steps = [
      step(
        "s",
        { run: "make-id", stdout: "{{token:id}}" },
        { run: "echo new" },
        { run: "use {{token}}" },
      ),
    ];
    const doc =
      "<!-- step: s -->\n\n```sh\nmake-id\n```\n\nOutput:\n\n```text\naaaaaaaaaaaa\n```\n\n" +
      "<!-- run-lesson: s#1 -->\n```sh\nuse aaaaaaaaaaaa\n```\n";
    const records = run(steps, { "s#0": { stdout: "aaaaaaaaaaaa\n" } }, { token: "id" });
    const r = render(doc, steps, records);
    assert.equal(
      r.text,
      doc.replace(
        "\n\n<!-- run-lesson: s#1 -->",
        "\n\n```sh\necho new\n```\n\n<!-- run-lesson: s#2 -->",
      ),
    );
    assert.deepEqual(r.changes.map((c) => [c.kind, c.index, c.line]), [
      ["missing", 1, 12],
      ["renumbered", 2, 13],
    ]);
  });
});
