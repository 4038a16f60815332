import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isProse, readText } from "../../../lib/import/text_source.ts";

const PAGE = `Skip to main content

Networks in Practice

Containers on one network find each other by name, and this page shows how, step by step.


Create a network

Make one:

docker network create n1

Output:

4a7d8f9e3c2b

That long string is the ID.

Start two

docker run -d \\
--name a \\
alpine sleep 1000
docker network ls

Output:

NETWORK ID     NAME
4a7d8f9e3c2b   n1

File: app.py

def f():
return 1

Step 2: Run it

python3 app.py
`;

describe("readText()", () => {
  const doc = readText(PAGE);

  it("takes a standalone short line for a heading, and the one before long prose for the title", () => {
    assert.equal(doc.title, "Networks in Practice");
    assert.deepEqual(doc.sections.filter((s) => s.commands.length > 0).map((s) => s.title), [
      "Create a network",
      "Start two",
      "Step 2: Run it",
    ]);
  });

  it("begins a command block at a line that starts like a command, continuation lines joined", () => {
    assert.deepEqual(doc.sections.flatMap((s) => s.commands.map((c) => c.run)), [
      "docker network create n1",
      "docker run -d \\\n--name a \\\nalpine sleep 1000",
      "docker network ls",
      "python3 app.py",
    ]);
  });

  it("takes the lines after Output: up to the prose as the output of the block above", () => {
    const [create] = doc.sections[2].commands;
    assert.deepEqual(create.output, { text: "4a7d8f9e3c2b", line: 16 });
    const ls = doc.sections[3].commands[1];
    assert.deepEqual(ls.output, {
      text: "NETWORK ID     NAME\n4a7d8f9e3c2b   n1",
      line: 29,
      under: 2,
    });
  });

  it("reads the lines after File: NAME as that file, flagged when indentation was lost", () => {
    assert.deepEqual(doc.sections[3].files, [
      { path: "app.py", text: "def f():\nreturn 1\n", line: 34, flattened: true },
    ]);
  });

  it("says which lines it took as commands", () => {
    assert.deepEqual(doc.commandLines, [12, 22, 23, 24, 25, 39]);
  });

  it("reads the published tutorial into sections with commands", () => {
    const url = new URL("../../fixtures/import/container-networking-tutorial.txt", import.meta.url);
    const tutorial = readText(readFileSync(fileURLToPath(url), "utf8"));
    assert.equal(tutorial.title, "Container-to-Container Communication");
    assert.deepEqual(tutorial.sections.slice(1, 4).map((s) => s.title), [
      "",
      "The Problem: How Do Containers Find Each Other?",
      "Default Bridge Network vs User-Defined Networks",
    ]);
    assert.deepEqual(tutorial.sections[1].body?.[0], {
      kind: "prose",
      text: "Skip to main content",
    });
    const withCommands = tutorial.sections.filter((s) => s.commands.length > 0);
    assert.equal(withCommands.length, 11);
    assert.equal(withCommands.reduce((n, s) => n + s.commands.length, 0), 30);
    assert.deepEqual(tutorial.sections.flatMap((s) => s.files.map((f) => f.path)), [
      "agent.py",
      "Dockerfile",
      "requirements.txt",
    ]);
  });
});

describe("isProse()", () => {
  const cases: Array<[string, boolean]> = [
    ["Step 5: Build and run the agent", true],
    ["A single container is useful.", true],
    ["It works! The container is up.", true],
    ["PING redis-cache (172.18.0.2): 56 data bytes", false],
    ["FROM python:3.12-alpine", false],
    ['"status": "healthy",', false],
    ["docker network ls", false],
  ];
  for (const [line, expected] of cases) {
    it(`${JSON.stringify(line)} is ${expected ? "" : "not "}prose`, () => {
      assert.equal(isProse(line), expected);
    });
  }
});

describe("readText() command blocks", () => {
  it("keeps a heredoc's body, blank lines and quotes included, in its command", () => {
    const page = "Write it\n\ncat > app.py <<EOF\nprint('it''s')\n\nx = 1\nEOF\nls\n\nDone here.\n";
    const doc = readText(page);
    assert.deepEqual(doc.sections[1].commands.map((c) => c.run), [
      "cat > app.py <<EOF\nprint('it''s')\n\nx = 1\nEOF",
      "ls",
    ]);
    assert.deepEqual(doc.sections[1].files, [
      { path: "app.py", text: "print('it''s')\n\nx = 1\n", line: 3, byCommand: true },
    ]);
  });

  it("reads a $ transcript: the lines after each prompt are that command's output", () => {
    const doc = readText(
      "List them\n\n$ docker volume ls\nDRIVER    VOLUME NAME\nlocal     data\n$ echo ok\nok\n",
    );
    assert.deepEqual(doc.sections[1].commands.map((c) => [c.run, c.inlineOutput]), [
      ["docker volume ls", "DRIVER    VOLUME NAME\nlocal     data"],
      ["echo ok", "ok"],
    ]);
  });
});
