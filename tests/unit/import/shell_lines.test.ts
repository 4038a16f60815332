import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { splitShellBlock } from "../../../lib/import/shell_lines.ts";
import { looksLikeCommand, neverEnds, promptOf } from "../../../lib/import/command_words.ts";

describe("splitShellBlock()", () => {
  it("gives one command a line and joins continuation lines as the doc shows them", () => {
    const block = "docker run -d \\\n  --name redis-cache \\\n  redis:7-alpine\ndocker ps";
    assert.deepEqual(splitShellBlock(block), [
      { run: "docker run -d \\\n  --name redis-cache \\\n  redis:7-alpine", offset: 0 },
      { run: "docker ps", offset: 3 },
    ]);
  });

  it("joins a line whose quote is still open with the next", () => {
    const block = "curl -d '{\n  \"a\": 1\n}' http://localhost:8000/\necho done";
    assert.deepEqual(splitShellBlock(block).map((c) => c.run), [
      "curl -d '{\n  \"a\": 1\n}' http://localhost:8000/",
      "echo done",
    ]);
  });

  it("keeps comment lines for the next command, and a trailing comment in the command", () => {
    const block = "# start it\ndocker start web\nping redis # Alias\n";
    assert.deepEqual(splitShellBlock(block), [
      { run: "docker start web", offset: 1, comment: "start it" },
      { run: "ping redis # Alias", offset: 2 },
    ]);
  });

  it("removes $ prompts and takes the lines after a prompted command as its output", () => {
    const block = "$ docker network create n\n4a7d8f9e3c2b\n$ echo hi\nhi\n\n$ true";
    assert.deepEqual(splitShellBlock(block), [
      { run: "docker network create n", offset: 0, output: "4a7d8f9e3c2b" },
      { run: "echo hi", offset: 2, output: "hi" },
      { run: "true", offset: 5 },
    ]);
  });

  it("reads `# ` as a root prompt in a console block when a command follows it", () => {
    const block = "$ docker exec -it web sh\n/ # ls /app\nmain.py\n# apk add curl";
    assert.deepEqual(splitShellBlock(block).map((c) => [c.run, c.output]), [
      ["docker exec -it web sh", undefined],
      ["ls /app", "main.py"],
      ["apk add curl", undefined],
    ]);
  });

  it("keeps a heredoc whole and notes the file it writes", () => {
    const block = "cat > app/main.py <<'EOF'\nprint('hi')\n  x = 1\nEOF\nls app";
    assert.deepEqual(splitShellBlock(block), [
      {
        run: "cat > app/main.py <<'EOF'\nprint('hi')\n  x = 1\nEOF",
        offset: 0,
        file: { path: "app/main.py", text: "print('hi')\n  x = 1\n" },
      },
      { run: "ls app", offset: 4 },
    ]);
  });
});

describe("looksLikeCommand()", () => {
  const cases: Array<[string, boolean]> = [
    ["docker network ls", true],
    ["sudo apt-get install -y curl", true],
    ["FOO=1 ./run.sh", true],
    ["Docker networks make this possible.", false],
    ["ping: bad address 'redis-cache'", false],
    ["  docker ps", false],
    ["Exit the test container:", false],
  ];
  for (const [line, expected] of cases) {
    it(`${JSON.stringify(line)} is ${expected ? "" : "not "}a command`, () => {
      assert.equal(looksLikeCommand(line), expected);
    });
  }

  it("promptOf() finds $, #, / # and user@host prompts", () => {
    assert.deepEqual(
      ["$ ls", "# ls", "/ # ls", "root@box:~# ls", "alice@lab:/tmp$ ls", "ls"].map(promptOf),
      ["$ ", "# ", "/ # ", "root@box:~# ", "alice@lab:/tmp$ ", ""],
    );
  });
});

describe("neverEnds()", () => {
  const cases: Array<[string, boolean]> = [
    ["ping redis-cache", true],
    ["ping -c 2 redis-cache", false],
    ["docker exec isolated-container ping redis-cache", true],
    ["docker exec isolated-container ping -c 1 redis-cache", false],
    ["redis-cli -h redis-cache ping", false],
    ["tail -f /var/log/syslog", true],
    ["tail -n 5 /var/log/syslog", false],
    ["docker logs -f agent", true],
    ["docker logs agent", false],
    ["watch docker ps", true],
    ["docker stats", true],
    ["docker stats --no-stream", false],
  ];
  for (const [run, expected] of cases) {
    it(`${JSON.stringify(run)} ${expected ? "never ends" : "ends"}`, () => {
      assert.equal(neverEnds(run), expected);
    });
  }
});
