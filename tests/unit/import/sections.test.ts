import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fileNameFor, readMarkdown } from "../../../lib/import/markdown_source.ts";
import { parseOutputLabel, pickOutputCommand } from "../../../lib/import/output_block.ts";

const DOC = `# Networks

Intro.

## Create one

<!-- step: create -->

\`\`\`sh
docker network create n
\`\`\`

Output (the network's ID):

\`\`\`text
4a7d8f9e3c2b
\`\`\`

## Nothing to type here

Prose only.

## Break it

\`\`\`bash
docker exec box ping -c 1 other
\`\`\`

Output (on stderr, exit code 1):

\`\`\`
ping: bad address 'other'
\`\`\`

\`\`\`text
not labelled Output: not an expectation
\`\`\`

File: \`app.py\`

\`\`\`python
print("hi")
\`\`\`
`;

describe("readMarkdown()", () => {
  const doc = readMarkdown(DOC);

  it("takes the first top-level heading as the title and every other heading as a section", () => {
    assert.equal(doc.title, "Networks");
    assert.deepEqual(doc.sections.map((s) => s.title), [
      "",
      "Create one",
      "Nothing to type here",
      "Break it",
    ]);
  });

  it("keeps a step marker that a section already has", () => {
    assert.equal(doc.sections[1].marker, "create");
    assert.equal(doc.sections[3].marker, undefined);
  });

  it("gives each shell line a command and the labelled block under it as its output", () => {
    assert.deepEqual(doc.sections[1].commands, [{
      run: "docker network create n",
      line: 10,
      block: 1,
      output: { text: "4a7d8f9e3c2b", line: 16 },
    }]);
    assert.deepEqual(doc.sections[3].commands[0].output, {
      text: "ping: bad address 'other'",
      stderr: true,
      exitCode: 1,
      line: 32,
    });
  });

  it("reads a block under a file name as a file", () => {
    assert.deepEqual(doc.sections[3].files, [{ path: "app.py", text: 'print("hi")\n', line: 42 }]);
  });

  it("lists the lines taken as commands", () => {
    assert.deepEqual(doc.commandLines, [10, 26]);
  });
});

describe("parseOutputLabel()", () => {
  const cases: Array<[string, ReturnType<typeof parseOutputLabel>]> = [
    ["Output:", {}],
    ["Output (on stderr, exit code 1):", { stderr: true, exitCode: 1 }],
    ["Output (abridged):", { partial: true }],
    ["Output (the `Containers` part):", { partial: true }],
    ["Expected output:", {}],
    ["Output the list of networks with ls.", undefined],
    ["Inspect it:", undefined],
  ];
  for (const [label, expected] of cases) {
    it(`reads ${JSON.stringify(label)}`, () => assert.deepEqual(parseOutputLabel(label), expected));
  }
});

describe("fileNameFor()", () => {
  it("finds the file name in a label, a code span or the info string", () => {
    assert.equal(fileNameFor("File: agent.py", ""), "agent.py");
    assert.equal(fileNameFor("`Dockerfile`:", ""), "Dockerfile");
    assert.equal(fileNameFor("Create `app/requirements.txt`:", ""), "app/requirements.txt");
    assert.equal(fileNameFor(undefined, 'python title="main.py"'), "main.py");
    assert.equal(fileNameFor("Run it:", "text"), undefined);
  });
});

describe("pickOutputCommand()", () => {
  const block = ["ping cache-primary  # Primary name", "ping redis # Alias", "ping cache"]
    .map((run, i) => ({ run, line: i + 1, block: 1 }));

  it("gives an output under several commands to the one its first line names", () => {
    assert.equal(
      pickOutputCommand(block, "PING redis (172.18.0.2): 56 data bytes").run,
      block[1].run,
    );
  });

  it("gives it to the last command when its first line names none, or several", () => {
    assert.equal(pickOutputCommand(block, "PONG").run, "ping cache");
    assert.equal(pickOutputCommand(block, "PING cache-primary, cache").run, "ping cache");
  });
});

describe("readMarkdown() with indented code", () => {
  it("reads an indented block of commands like a fence, and one under Output as output", () => {
    const doc = readMarkdown("# T\n\n## Run\n\n    docker ps -q\n\nOutput:\n\n    3dd8b3538795\n");
    assert.deepEqual(doc.sections[1].commands, [{
      run: "docker ps -q",
      line: 5,
      block: 1,
      output: { text: "3dd8b3538795", line: 9 },
    }]);
  });
});
