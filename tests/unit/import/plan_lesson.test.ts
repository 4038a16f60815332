import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readMarkdown } from "../../../lib/import/markdown_source.ts";
import { planLesson, slugify } from "../../../lib/import/plan_lesson.ts";

const DOC = `# Services

## Start the API

\`\`\`sh
docker network create app-net
docker run -d --name api --network app-net -p 8080:80 nginx:1.27
curl -s http://localhost:8080/health
curl -s http://localhost:8080/items
\`\`\`

## Look inside

\`\`\`sh
docker run -it --name shell --network app-net alpine:3.20 sh
docker ps
\`\`\`
`;

describe("planLesson()", () => {
  const plan = planLesson(readMarkdown(DOC), "/nowhere/services.md", "services");
  const runs = (i: number) => plan.steps[i].commands.map((c) => c.command);

  it("writes an index for docker with the images the commands use", () => {
    assert.deepEqual(plan.index, {
      title: "Services",
      target: "docker",
      images: ["nginx:1.27", "alpine:3.20"],
      steps: ["steps/01_start_the_api.ts", "steps/02_look_inside.ts"],
    });
  });

  it("waits for a published port after the first request to it, and only then", () => {
    assert.deepEqual(runs(0).map((c) => [c.run.split(" ")[0], c.doc]), [
      ["docker", undefined],
      ["docker", undefined],
      ["curl", undefined],
      ["timeout", false],
      ["curl", undefined],
    ]);
    assert.equal(
      runs(0)[3].run,
      "timeout 60 sh -c 'until curl -s -o /dev/null http://localhost:8080/; do docker start api >/dev/null; sleep 1; done'",
    );
  });

  it("closes a session that a docker command follows, with an exit the doc does not show", () => {
    assert.deepEqual(runs(1), [
      { run: "docker run -it --name shell --network app-net alpine:3.20 sh", opens: "shell" },
      { run: "exit", where: { kind: "session", session: "shell" }, doc: false },
      { run: "docker ps" },
    ]);
  });

  it("lists every guess with the step it is in", () => {
    assert.deepEqual(plan.notes.map((n) => n.where), ["start-the-api", "look-inside"]);
  });
});

describe("slugify()", () => {
  it("makes a step id of a heading, cut at a word within 40 characters", () => {
    assert.equal(slugify("Creating a User-Defined Network"), "creating-a-user-defined-network");
    assert.equal(
      slugify("Runtime Network Management: Connecting & Disconnecting"),
      "runtime-network-management-connecting",
    );
    assert.equal(slugify("!!!"), "step");
  });
});
