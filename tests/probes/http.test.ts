import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_PROBE_IMAGE, httpProbe } from "../../lib/probes/mod.ts";
import { BUSYBOX_IMAGE, ensureBusyboxImage } from "../docker/_fixtures.ts";
import { HEALTH, itLeavingNoProbe, makeWorld, type World } from "./_world.ts";

let world: World;
let base: string;
before(async () => {
  world = await makeWorld({ web: true });
  await ensureBusyboxImage(world.docker);
  base = `http://${world.web}:8080`;
  await world.docker.exec(world.web!, ["sh", "-c", "cat > /www/big.txt"], {
    stdin: "x".repeat(600),
  });
});
after(() => world?.remove());
const it = itLeavingNoProbe(() => world);

const OK_LINE = "HTTP/1.1 200 OK";

// The stand-in alpine has curl; the busybox test image has only busybox wget.
for (const [image, tool] of [[DEFAULT_PROBE_IMAGE, "curl"], [BUSYBOX_IMAGE, "wget"]]) {
  describe(`httpProbe() with ${tool} (${image})`, () => {
    it("passes for a 200 whose JSON contains the expected subset", async () => {
      const r = await httpProbe(world.deps)({
        kind: "docker.http",
        url: `${base}/health.json`,
        network: world.net,
        json: { status: "healthy", cache: "{{cache}}" },
        image,
      }, world.ctx({ cache: "redis" }));
      assert.deepEqual(r, {
        ok: true,
        evidence: `GET ${base}/health.json from network "${world.net}": ${OK_LINE}\n${
          JSON.stringify(HEALTH)
        }`,
      });
    });

    it("sends a POST with headers and a body", async () => {
      const r = await httpProbe(world.deps)({
        kind: "docker.http",
        url: `${base}/cgi-bin/echo`,
        network: world.net,
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Token": "{{token}}" },
        body: JSON.stringify({ message: "Hello, AI!" }),
        json: { method: "POST", token: "t0ken", body: { message: "Hello, AI!" } },
        image,
      }, world.ctx({ token: "t0ken" }));
      assert.equal(r.ok, true, r.message);
    });

    it("passes for an expected non-200 status", async () => {
      const r = await httpProbe(world.deps)(
        { kind: "docker.http", url: `${base}/nope`, network: world.net, status: 404, image },
        world.ctx(),
      );
      assert.equal(r.ok, true, r.message);
      assert.match(
        r.evidence,
        new RegExp(`^GET ${base}/nope from network "${world.net}": HTTP/1.1 404 Not Found`),
      );
    });

    it("fails for another status, other JSON, or no answer", async () => {
      const status = await httpProbe(world.deps)(
        { kind: "docker.http", url: `${base}/nope`, network: world.net, image },
        world.ctx(),
      );
      assert.equal(status.ok, false);
      assert.equal(status.message, `GET ${base}/nope answered 404 Not Found, expected 200`);
      const json = await httpProbe(world.deps)(
        {
          kind: "docker.http",
          url: `${base}/health.json`,
          network: world.net,
          json: { status: "sick" },
          image,
        },
        world.ctx(),
      );
      assert.equal(
        json.message,
        `GET ${base}/health.json answered JSON that does not match: $.status: expected "sick", got "healthy"`,
      );
      const closed = await httpProbe(world.deps)(
        { kind: "docker.http", url: `http://${world.web}:8081/`, network: world.net, image },
        world.ctx(),
      );
      assert.equal(closed.ok, false);
      assert.equal(
        closed.message,
        `GET http://${world.web}:8081/ got no answer: cannot connect to ${world.web}:8081`,
      );
    });
  });
}

describe("httpProbe()", () => {
  it("runs on the engine host's network when no network is given (published ports on localhost)", async () => {
    const url = `http://127.0.0.1:${world.webPort}/health.json`;
    const r = await httpProbe(world.deps)({ kind: "docker.http", url, json: HEALTH }, world.ctx());
    assert.deepEqual(r, {
      ok: true,
      evidence: `GET ${url} from the host network: ${OK_LINE}\n${JSON.stringify(HEALTH)}`,
    });
  });

  it("shows the first 500 characters of the body as evidence", async () => {
    const r = await httpProbe(world.deps)(
      { kind: "docker.http", url: `${base}/big.txt`, network: world.net },
      world.ctx(),
    );
    assert.equal(
      r.evidence,
      `GET ${base}/big.txt from network "${world.net}": ${OK_LINE}\n${"x".repeat(500)}…`,
    );
  });

  it("rejects a malformed request before making any container", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ url: "agent/health" }, 'field "url" must be an absolute URL, got "agent/health"'],
      [{ url: "ftp://agent/" }, 'field "url" must be an http or https URL, got "ftp://agent/"'],
      [{ url: base, method: "PUT" }, 'field "method" must be "GET" or "POST", got "PUT"'],
      [{ url: base, method: "GET", body: "x" }, 'field "body" needs method "POST"'],
      [
        { url: base, headers: { "Bad Header": "x" } },
        'header "Bad Header" is not a valid HTTP header',
      ],
    ];
    for (const [fields, detail] of cases) {
      await assert.rejects(
        httpProbe(world.deps)({ kind: "docker.http", network: world.net, ...fields }, world.ctx()),
        { name: "TypeError", message: `Cannot run probe "docker.http": ${detail}` },
      );
    }
  });
});
