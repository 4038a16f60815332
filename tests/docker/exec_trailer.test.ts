import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Agent, type ClientRequest } from "node:http";
import { connectDocker, type DockerClient, withExitTrailer } from "../../lib/docker/mod.ts";
import { ensureBusyboxImage, removeTestResources, startSleeper, uniqueName } from "./_fixtures.ts";

/** The paths of the requests made through an agent, recorded as they are made. */
function recordPaths(agent: Agent): string[] {
  type AddRequest = (request: ClientRequest, options: object) => void;
  const paths: string[] = [];
  const target = agent as unknown as { addRequest: AddRequest };
  const addRequest = target.addRequest;
  target.addRequest = function (this: Agent, request, options) {
    paths.push(request.path);
    addRequest.call(this, request, options);
  };
  return paths;
}

/** Commands whose result with an exit trailer must equal the result without one. */
const COMMANDS = [
  "printf abc",
  "echo out; echo err >&2; exit 3",
  "false",
  "no-such-command",
  // The trailer cannot reach stdout, or is never printed: the engine is asked instead.
  "exec >/dev/null; echo gone; exit 4",
  "exec >&-; exit 5",
  "trap 'exit 6' EXIT; true",
  "echo killed; kill -9 $$",
  "if then",
];

describe("DockerClient.exec() with an exit trailer", () => {
  let docker: DockerClient;
  const agent = new Agent({ keepAlive: true });
  const paths = recordPaths(agent);
  const box = uniqueName("trailer");

  before(async () => {
    docker = await connectDocker({ agent });
    await ensureBusyboxImage(docker);
    await startSleeper(docker, box);
  });

  after(async () => {
    await removeTestResources(docker, [box]);
    await docker.close();
    agent.destroy();
  });

  for (const command of COMMANDS) {
    it(`reports what the engine reports for: ${command}`, async () => {
      const plain = await docker.exec(box, ["sh", "-c", command]);
      const { script, exitTrailer } = withExitTrailer(command);
      const framed = await docker.exec(box, ["sh", "-c", script], { exitTrailer });
      const fields = (r: typeof plain) => ({
        stdout: r.stdout,
        stderr: r.stderr,
        exitCode: r.exitCode,
      });
      assert.deepEqual(fields(framed), fields(plain));
      assert.ok(!framed.stdout.includes(exitTrailer));
    });
  }

  it("asks the engine for the exit code only when the trailer is missing", async () => {
    const inspections = () => paths.filter((p) => /\/exec\/[0-9a-f]+\/json$/.test(p)).length;
    const before = inspections();
    const fed = withExitTrailer("{\necho hi; exit 9\n} </dev/null");
    const ran = await docker.exec(box, ["sh", "-s"], {
      stdin: `${fed.script}\n`,
      exitTrailer: fed.exitTrailer,
    });
    assert.deepEqual([ran.stdout, ran.exitCode, inspections() - before], ["hi\n", 9, 0]);
    const closed = withExitTrailer("exec >&-");
    const lost = await docker.exec(box, ["sh", "-c", closed.script], {
      exitTrailer: closed.exitTrailer,
    });
    assert.deepEqual([lost.exitCode, inspections() - before > 0], [0, true]);
  });

  it("refuses a trailer with onStdout or maxOutput, and a marker that is not a word", async () => {
    const trailer = withExitTrailer("true").exitTrailer;
    for (
      const options of [
        { exitTrailer: trailer, onStdout: () => {} },
        { exitTrailer: trailer, maxOutput: 10 },
        { exitTrailer: "a'b" },
      ]
    ) {
      await assert.rejects(docker.exec(box, ["true"], options), TypeError);
    }
  });
});
