/**
 * The `http` probe changes nothing on the host, on the local target and over a real sshd, even
 * where the host's own settings would make its tool write: python3 (the fallback where there is
 * no curl or wget) writes no bytecode cache for the modules it imports, curl reads no
 * `~/.curlrc` (whose `cookie-jar` would write a file), and GNU wget keeps no HSTS database
 * (`~/.wget-hsts`, written after an HTTPS answer with a Strict-Transport-Security header).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { type HostWorld, makeHostWorld } from "./_host_world.ts";

let world: HostWorld;
let server: Server;
let base: string;
let tls: Server;
/** An HTTPS server for `localhost` (HSTS is not kept for addresses) whose answers ask for HSTS. */
let tlsBase: string;
/** Its self-signed certificate. */
let cert: string;

before(async () => {
  world = await makeHostWorld();
  cert = `${world.dir}/cert.pem`;
  execFileSync("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=localhost",
    "-addext",
    "subjectAltName=DNS:localhost",
    "-keyout",
    `${world.dir}/key.pem`,
    "-out",
    cert,
  ], { stdio: "ignore" });
  tls = createTlsServer({
    key: readFileSync(`${world.dir}/key.pem`),
    cert: readFileSync(cert),
  }, (_request, response) => {
    response.writeHead(200, { "Strict-Transport-Security": "max-age=3600" });
    response.end("hi\n");
  });
  await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
  tlsBase = `https://localhost:${(tls.address() as AddressInfo).port}`;
  server = createServer((_request, response) => {
    response.writeHead(200, { "Set-Cookie": "session=abc; Path=/" });
    response.end("hi\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await new Promise((resolve) => tls?.close(resolve));
  await world?.remove();
});

/** Runs shell code in the target's persistent shell (its environment carries over). */
async function inShell(where: "local" | "ssh", code: string): Promise<void> {
  const r = await world.check(world.targets[where], { kind: "command", run: code });
  assert.equal(r.status, "pass", r.message);
}

/** Every file under `dir`, or none when it is not there. */
function filesUnder(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true }) as string[] : [];
}

for (const where of ["local", "ssh"] as const) {
  describe(`http probe on the ${where} target writes nothing on the host`, () => {
    it("python3 writes no bytecode cache for the modules it imports", async () => {
      const bin = `${world.dir}/bin-py-${where}`;
      mkdirSync(bin);
      symlinkSync("/bin/sh", `${bin}/sh`);
      symlinkSync("/usr/bin/python3", `${bin}/python3`);
      // A cache prefix where no module has a cache yet: python3 would write one for each
      // module it imports there, as it does beside the modules on a host without caches.
      const cache = `${world.dir}/pycache-${where}`;
      await inShell(
        where,
        `__rl_path=$PATH; PATH=${bin}; PYTHONPYCACHEPREFIX=${cache}; ` +
          "export PATH PYTHONPYCACHEPREFIX; unset PYTHONDONTWRITEBYTECODE",
      );
      try {
        const r = await world.check(world.targets[where], { kind: "http", url: `${base}/` });
        assert.equal(r.status, "pass", r.message);
        assert.match(r.evidence, /from the target with python3: HTTP\/1\.1 200 OK\nhi$/);
      } finally {
        await inShell(where, "PATH=$__rl_path; export PATH; unset PYTHONPYCACHEPREFIX");
      }
      assert.deepEqual(filesUnder(cache), []);
    });

    it("curl reads no ~/.curlrc, whose cookie jar would be written", async () => {
      const home = `${world.dir}/home-${where}`;
      const jar = `${world.dir}/jar-${where}`;
      mkdirSync(home);
      writeFileSync(`${home}/.curlrc`, `cookie-jar = "${jar}"\n`);
      await inShell(where, `__rl_home=$HOME; HOME=${home}; export HOME`);
      try {
        const r = await world.check(world.targets[where], {
          kind: "http",
          url: `${base}/`,
          body: "hi",
        });
        assert.equal(r.status, "pass", r.message);
        assert.match(r.evidence, /from the target with curl: HTTP\/1\.1 200 OK\nhi$/);
      } finally {
        await inShell(where, "HOME=$__rl_home; export HOME");
      }
      assert.equal(existsSync(jar), false, `the probe wrote ${jar}`);
    });

    it("wget keeps no HSTS database after an HTTPS answer that asks for one", async () => {
      const bin = `${world.dir}/bin-wget-${where}`;
      mkdirSync(bin);
      for (const tool of ["sh", "wget", "grep"]) {
        const path = execFileSync("sh", ["-c", `command -v ${tool}`]).toString().trim();
        symlinkSync(path, `${bin}/${tool}`);
      }
      const home = `${world.dir}/home-wget-${where}`;
      mkdirSync(home);
      // The host trusts the test's certificate (as a host trusts its CA's).
      writeFileSync(`${home}/.wgetrc`, `ca_certificate = ${cert}\n`);
      await inShell(
        where,
        `__rl_path=$PATH; __rl_home=$HOME; PATH=${bin}; HOME=${home}; export PATH HOME`,
      );
      try {
        const r = await world.check(world.targets[where], {
          kind: "http",
          url: `${tlsBase}/`,
          body: "hi",
        });
        assert.equal(r.status, "pass", r.message);
        assert.match(r.evidence, /from the target with wget: HTTP\/1\.1 200 OK\nhi$/);
      } finally {
        await inShell(where, "PATH=$__rl_path; HOME=$__rl_home; export PATH HOME");
      }
      assert.deepEqual(readdirSync(home), [".wgetrc"]);
    });
  });
}
