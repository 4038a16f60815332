import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { offlineDockerfile, planBuilds } from "../../../lib/import/build_context.ts";
import { reindentPython } from "../../../lib/import/python_indent.ts";
import { needsNetwork } from "../../../lib/import/network_tags.ts";
import { parseDockerBuild, parseDockerRun, uniqueImages } from "../../../lib/import/docker_line.ts";

describe("reindentPython()", () => {
  it("gives flattened Python its blocks back", () => {
    const flat = [
      "import os",
      "",
      '@app.get("/x")',
      "def get(user_id: str):",
      "# cached first",
      "cached = cache.get(user_id)",
      "if cached:",
      "return {",
      '"source": "cache",',
      "}",
      "else:",
      "pass",
      "",
      "rows = db.execute(",
      '"SELECT 1",',
      ")",
      "return rows",
      "",
      "class Store:",
      "def __init__(self):",
      "self.x = 1",
      "",
      "def get(self):",
      "return self.x",
    ].join("\n");
    assert.equal(
      reindentPython(flat),
      [
        "import os",
        "",
        '@app.get("/x")',
        "def get(user_id: str):",
        "    # cached first",
        "    cached = cache.get(user_id)",
        "    if cached:",
        "        return {",
        '            "source": "cache",',
        "        }",
        "    else:",
        "        pass",
        "",
        "    rows = db.execute(",
        '        "SELECT 1",',
        "    )",
        "    return rows",
        "",
        "class Store:",
        "    def __init__(self):",
        "        self.x = 1",
        "",
        "    def get(self):",
        "        return self.x",
      ].join("\n"),
    );
  });
});

describe("offlineDockerfile()", () => {
  it("leaves out the RUN lines that download, continuation lines included", () => {
    const dockerfile = [
      "FROM python:3.12-alpine",
      "RUN pip install uv",
      "COPY requirements.txt .",
      "RUN uv pip install --system \\",
      "    -r requirements.txt",
      "RUN mkdir /data",
      'CMD ["uvicorn", "agent:app"]',
    ].join("\n");
    assert.equal(
      offlineDockerfile(dockerfile, "ai-agent:latest"),
      "# The offline stand-in for the build of ai-agent:latest: the RUN lines that download were left\n" +
        "# out; the prepared stand-in of the base image must already carry what they installed.\n" +
        'FROM python:3.12-alpine\nCOPY requirements.txt .\nRUN mkdir /data\nCMD ["uvicorn", "agent:app"]\n',
    );
  });
});

describe("planBuilds()", () => {
  it("writes the files the doc shows into a folder named after the image when it builds in .", () => {
    const files = [
      { path: "app.py", text: "def f():\nreturn 1\n", line: 3, flattened: true, section: 1 },
      {
        path: "Dockerfile",
        text: "FROM python:3.12-alpine\nRUN pip install x\n",
        line: 9,
        section: 1,
      },
    ];
    const plan = planBuilds(
      [{ run: "docker build -t web-app:1 .", step: "build", section: 2 }],
      files,
      "/nowhere",
    );
    assert.deepEqual(plan.builds, [
      { image: "web-app:1", context: "web-app", offlineDockerfile: "Dockerfile.offline" },
    ]);
    assert.deepEqual([...plan.enter], [[0, "web-app"]]);
    assert.equal(plan.files.get("web-app/app.py"), "def f():\n    return 1\n");
    assert.match(plan.files.get("web-app/Dockerfile.offline")!, /\nFROM python:3.12-alpine\n$/);
    assert.deepEqual(plan.bases, ["python:3.12-alpine"]);
  });

  it("copies a context folder that sits next to the doc, after following cd", () => {
    const dir = mkdtempSync(join(tmpdir(), "rl-import-build-"));
    try {
      mkdirSync(join(dir, "agent"));
      writeFileSync(join(dir, "agent", "Dockerfile"), "FROM alpine:latest\n");
      writeFileSync(join(dir, "agent", "Dockerfile.offline"), "FROM alpine:latest\n");
      const plan = planBuilds(
        [
          { run: "cd agent", step: "s", section: 0 },
          { run: "docker build -t ai-agent:latest .", step: "s", section: 0 },
          { run: "cd ..", step: "s", section: 0 },
        ],
        [],
        dir,
      );
      assert.deepEqual(plan.copies, [{ from: join(dir, "agent"), to: "agent" }]);
      assert.deepEqual(plan.builds, [
        { image: "ai-agent:latest", context: "agent", offlineDockerfile: "Dockerfile.offline" },
      ]);
      assert.equal(plan.files.size, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("docker lines", () => {
  it("parseDockerRun() reads the image, name, ports and -d past flags with values", () => {
    assert.deepEqual(
      parseDockerRun("docker run -d \\\n--name agent \\\n-e A=1 -p 8000:8000 \\\nai-agent:latest"),
      { image: "ai-agent:latest", name: "agent", ports: [8000], detached: true },
    );
  });

  it("parseDockerBuild() reads the tag, file and context", () => {
    assert.deepEqual(parseDockerBuild("docker build -f Dockerfile.dev -t web:1 ./app"), {
      tag: "web:1",
      file: "Dockerfile.dev",
      context: "./app",
    });
  });

  it("uniqueImages() lists an image once however it is written", () => {
    assert.deepEqual(uniqueImages(["redis", "redis:latest", "docker.io/library/redis", "alpine"]), [
      "redis",
      "alpine",
    ]);
  });

  it("needsNetwork() tags installs, pulls, builds and requests to named hosts", () => {
    assert.deepEqual(
      [
        "apk add redis",
        "sudo apt-get install -y curl",
        "pip install fastapi",
        "docker pull redis",
        "docker build -t x .",
        "curl https://example.com/x",
        "curl http://localhost:8000/health",
        "docker run -d redis",
      ].map(needsNetwork),
      [true, true, true, true, true, true, false, false],
    );
  });
});
