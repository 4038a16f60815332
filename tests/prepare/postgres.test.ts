import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { prepareImages } from "../../lib/prepare/prepare.ts";
import { docker, dockerOk, Scope, TEST_LABEL, waitFor } from "./_docker.ts";

// The lesson's database: postgres:16-alpine with POSTGRES_USER / PASSWORD / DB, reached by name.
describe("postgres:16-alpine stand-in", () => {
  const scope = new Scope();
  // Secrets reach the containers through the environment (`-e NAME`), never argv.
  const secrets = { POSTGRES_PASSWORD: "secure_password", PGPASSWORD: "secure_password" };
  let net = "";
  let data = "";
  let server = "";

  const startServer = async (name: string, env: string[]) => {
    await dockerOk(
      [
        "run",
        "-d",
        "--label",
        TEST_LABEL,
        "--name",
        name,
        "--network",
        net,
        ...env.flatMap((e) => ["-e", e]),
        "-v",
        `${data}:/var/lib/postgresql/data`,
        "postgres:16-alpine",
      ],
      secrets,
    );
    // The init server listens on no TCP port, so this passes only for the final server.
    await waitFor(`${name} to accept TCP connections`, async () => {
      const probe = await docker(["exec", name, "pg_isready", "-q", "-h", "127.0.0.1"]);
      if (
        probe.code !== 0 &&
        (await dockerOk(["inspect", "-f", "{{.State.Running}}", name])) !== "true\n"
      ) {
        throw new Error(`${name} stopped: ${(await docker(["logs", name])).stderr}`);
      }
      return probe.code === 0;
    }, 60_000);
  };

  const psql = (password: string, sql: string[]) =>
    docker(
      [
        "run",
        "--rm",
        "--label",
        TEST_LABEL,
        "--network",
        net,
        "-e",
        "PGPASSWORD",
        "postgres:16-alpine",
        "psql",
        "-h",
        server,
        "-U",
        "ai_user",
        "-d",
        "conversations",
        "-v",
        "ON_ERROR_STOP=1",
        "-qAt",
        ...sql.flatMap((s) => ["-c", s]),
      ],
      { PGPASSWORD: password },
    );

  before(async () => {
    const [result] = await prepareImages(["postgres:16-alpine"], { offline: true });
    assert.notEqual(result.status, "failed", result.message);
    net = await scope.network("ai-app");
    data = await scope.volume("pgdata");
    server = scope.container("postgres");
    await startServer(server, [
      "POSTGRES_DB=conversations",
      "POSTGRES_USER=ai_user",
      "POSTGRES_PASSWORD",
    ]);
  });

  after(() => scope.cleanup());

  it("postgres:16-alpine accepts the password over the network and creates a table", async () => {
    const run = await psql("secure_password", [
      "CREATE TABLE conversations (user_id text, message text)",
      "INSERT INTO conversations VALUES ('user123', 'Hello, AI!')",
      "SELECT message FROM conversations WHERE user_id = 'user123'",
    ]);
    assert.deepEqual([run.code, run.stdout, run.stderr], [0, "Hello, AI!\n", ""]);
  });

  it("postgres:16-alpine refuses a wrong password from the network", async () => {
    const run = await psql("wrong", ["SELECT 1"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /FATAL: {2}password authentication failed for user "ai_user"\n$/);
  });

  it("postgres:16-alpine runs the server as the postgres user, listening on 0.0.0.0:5432", async () => {
    const owner = await dockerOk(["exec", server, "stat", "-c", "%U", "/proc/1"]);
    assert.equal(owner, "postgres\n");
    const logs = await docker(["logs", server]);
    assert.match(logs.stdout, /PostgreSQL init process complete; ready for start up\./);
    assert.match(logs.stderr, /listening on IPv4 address "0\.0\.0\.0", port 5432/);
  });

  it("postgres:16-alpine stops cleanly and keeps its data in the volume for the next container", async () => {
    await dockerOk(["stop", server]);
    const state = await dockerOk(["inspect", "-f", "{{.State.ExitCode}}", server]);
    assert.equal(state, "0\n");
    const stopped = await docker(["logs", server]);
    assert.match(stopped.stderr, /database system is shut down\n$/);
    await dockerOk(["rm", server]);
    // No password now: the volume already holds a cluster, so initialisation is skipped.
    await startServer(server, []);
    const logs = await docker(["logs", server]);
    assert.match(
      logs.stdout,
      /PostgreSQL Database directory appears to contain a database; Skipping initialization/,
    );
    const run = await psql("secure_password", ["SELECT count(*) FROM conversations"]);
    assert.deepEqual([run.code, run.stdout], [0, "1\n"]);
  });

  it("postgres:16-alpine without POSTGRES_PASSWORD exits non-zero and says why", async () => {
    const run = await docker(["run", "--rm", "--label", TEST_LABEL, "postgres:16-alpine"]);
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr.split("\n")[0],
      "Error: Database is uninitialized and superuser password is not specified.",
    );
    assert.match(run.stderr, /POSTGRES_HOST_AUTH_METHOD=trust/);
  });

  it("postgres:16-alpine says in a label that it carries PostgreSQL 15", async () => {
    const version = await dockerOk([
      "image",
      "inspect",
      "--format",
      '{{index .Config.Labels "run-lesson.stand-in.postgresql-version"}}',
      "postgres:16-alpine",
    ]);
    assert.match(version, /^15\.\d+\n$/);
  });
});
