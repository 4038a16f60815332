import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  appendKnownHost,
  checkHostKey,
  knownKeyTypes,
  parseKnownHosts,
  parsePinnedHostKey,
  verifyHostKey,
} from "../../../lib/ssh/known_hosts.ts";

const run = promisify(execFile);

interface Key {
  /** `type base64` as a known_hosts line stores it. */
  text: string;
  blob: Buffer;
  /** The fingerprint as `ssh-keygen -l` prints it. */
  fingerprint: string;
}

let dir = "";
const keys: Record<"a" | "b" | "rsa", Key> = {} as Record<"a" | "b" | "rsa", Key>;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "run-lesson-known-hosts-"));
  for (const [name, type] of [["a", "ed25519"], ["b", "ed25519"], ["rsa", "rsa"]] as const) {
    const file = join(dir, name);
    await run("ssh-keygen", ["-q", "-t", type, "-N", "", "-C", name, "-f", file]);
    const [keyType, base64] = (await readFile(`${file}.pub`, "utf8")).split(" ");
    const { stdout } = await run("ssh-keygen", ["-l", "-E", "sha256", "-f", `${file}.pub`]);
    keys[name] = {
      text: `${keyType} ${base64}`,
      blob: Buffer.from(base64, "base64"),
      fingerprint: stdout.split(" ")[1],
    };
  }
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("checkHostKey()", () => {
  type Case = [string, (k: typeof keys) => string, string, number, "a" | "rsa", string, number?];
  const cases: Case[] = [
    [
      "a plain name on port 22",
      (k) => `example.com ${k.a.text}`,
      "example.com",
      22,
      "a",
      "known",
      1,
    ],
    [
      "names case-insensitively",
      (k) => `Example.COM ${k.a.text}`,
      "example.com",
      22,
      "a",
      "known",
      1,
    ],
    [
      "a comma-separated list",
      (k) => `alpha,beta,10.0.0.1 ${k.a.text}`,
      "beta",
      22,
      "a",
      "known",
      1,
    ],
    [
      "[host]:port for another port",
      (k) => `[127.0.0.1]:2222 ${k.a.text}`,
      "127.0.0.1",
      2222,
      "a",
      "known",
      1,
    ],
    [
      "no [host]:port entry for port 22",
      (k) => `[127.0.0.1]:2222 ${k.a.text}`,
      "127.0.0.1",
      22,
      "a",
      "unknown",
    ],
    [
      "no plain entry for another port",
      (k) => `127.0.0.1 ${k.a.text}`,
      "127.0.0.1",
      2222,
      "a",
      "unknown",
    ],
    ["a wildcard", (k) => `*.lab.example ${k.a.text}`, "pc1.lab.example", 22, "a", "known", 1],
    [
      "a wildcard that does not cover the bare domain",
      (k) => `*.lab.example ${k.a.text}`,
      "lab.example",
      22,
      "a",
      "unknown",
    ],
    ["a ? wildcard", (k) => `pc?.lab ${k.a.text}`, "pc7.lab", 22, "a", "known", 1],
    [
      "a negation vetoing a wildcard",
      (k) => `*.lab,!bad.lab ${k.a.text}`,
      "bad.lab",
      22,
      "a",
      "unknown",
    ],
    [
      "another key of the same type",
      (k) => `# comment\n\nhost ${k.b.text}`,
      "host",
      22,
      "a",
      "changed",
      3,
    ],
    ["only another key type known", (k) => `host ${k.rsa.text}`, "host", 22, "a", "unknown"],
    [
      "the rsa key among several",
      (k) => `host ${k.a.text}\nhost ${k.rsa.text}`,
      "host",
      22,
      "rsa",
      "known",
      2,
    ],
    [
      "@revoked over a known entry",
      (k) => `host ${k.a.text}\n@revoked * ${k.a.text}`,
      "host",
      22,
      "a",
      "revoked",
      2,
    ],
    ["@cert-authority ignored", (k) => `@cert-authority * ${k.a.text}`, "host", 22, "a", "unknown"],
    [
      "malformed lines skipped",
      (k) => `garbage\nhost ssh-ed25519\n@weird host ${k.a.text}\nhost ${k.a.text}`,
      "host",
      22,
      "a",
      "known",
      4,
    ],
    [
      "a key type field that lies",
      (k) => `host ssh-rsa ${k.a.text.split(" ")[1]}`,
      "host",
      22,
      "a",
      "unknown",
    ],
  ];
  for (const [name, text, host, port, key, status, line] of cases) {
    it(`finds ${status} for ${name}`, () => {
      const entries = parseKnownHosts(text(keys), "/kh");
      const check = checkHostKey(host, port, keys[key].blob, entries);
      assert.equal(check.status, status);
      assert.equal(check.fingerprint, keys[key].fingerprint);
      assert.equal(check.entry?.line, line);
    });
  }

  it("says how to trust an unknown key", () => {
    const check = checkHostKey("127.0.0.1", 2222, keys.a.blob, [], { userFile: "/kh" });
    assert.equal(check.keyType, "ssh-ed25519");
    assert.equal(check.name, "[127.0.0.1]:2222");
    assert.equal(
      check.message,
      `Host key for "[127.0.0.1]:2222" is not known: ssh-ed25519 ${keys.a.fingerprint}: to trust ` +
        `it, verify the fingerprint and rerun with --accept-new-host-keys, or add it with ` +
        `ssh-keyscan -p 2222 127.0.0.1 >> /kh`,
    );
  });

  it("names the key types known when the offered type is new", () => {
    const entries = parseKnownHosts(`host ${keys.rsa.text}`, "/kh");
    const check = checkHostKey("host", 22, keys.a.blob, entries, { userFile: "/kh" });
    assert.equal(
      check.message,
      `Host key for "host" is not known: ssh-ed25519 ${keys.a.fingerprint} (only ssh-rsa keys ` +
        `are known for it): to trust it, verify the fingerprint and rerun with ` +
        `--accept-new-host-keys, or add it with ssh-keyscan host >> /kh`,
    );
  });

  it("warns loudly about a changed key, naming both fingerprints and the line", () => {
    const entries = parseKnownHosts(`\n[10.1.1.1]:2200 ${keys.b.text}`, "/kh");
    const check = checkHostKey("10.1.1.1", 2200, keys.a.blob, entries);
    assert.equal(
      check.message,
      `HOST KEY CHANGED for "[10.1.1.1]:2200": someone may be intercepting the connection ` +
        `(man-in-the-middle attack) or the host was reinstalled: it offered ssh-ed25519 ` +
        `${keys.a.fingerprint} but /kh:2 expects ssh-ed25519 ${keys.b.fingerprint}: refusing ` +
        `to connect; if the change is expected, verify the new fingerprint and remove the old ` +
        `entry with ssh-keygen -R "[10.1.1.1]:2200" -f /kh`,
    );
    assert.ok(!check.message.includes("\n"));
  });

  it("refuses a revoked key", () => {
    const entries = parseKnownHosts(`@revoked * ${keys.a.text}`, "/kh");
    const check = checkHostKey("host", 22, keys.a.blob, entries);
    assert.equal(
      check.message,
      `Host key for "host" is revoked: ssh-ed25519 ${keys.a.fingerprint} is marked @revoked ` +
        `in /kh:1: refusing to connect`,
    );
  });
});

describe("knownKeyTypes()", () => {
  it("lists the types known for a host in file order", () => {
    const text = `host ${keys.rsa.text}\nother ${keys.b.text}\nhost ${keys.a.text}\n` +
      `@revoked host ${keys.b.text}`;
    const entries = parseKnownHosts(text, "/kh");
    assert.deepEqual(knownKeyTypes("host", 22, entries), ["ssh-rsa", "ssh-ed25519"]);
    assert.deepEqual(knownKeyTypes("nobody", 22, entries), []);
  });
});

describe("verifyHostKey()", () => {
  it("matches entries hashed by ssh-keygen -H, for both name forms", async () => {
    const file = join(dir, "hashed_known_hosts");
    await writeFile(file, `example.org ${keys.a.text}\n[127.0.0.1]:2222 ${keys.b.text}\n`);
    await run("ssh-keygen", ["-H", "-f", file]);
    const text = await readFile(file, "utf8");
    assert.match(text, /^\|1\|[^|]+\|[^ ]+ ssh-ed25519 /);
    assert.ok(!text.includes("example.org"));
    assert.equal((await verifyHostKey("example.org", 22, keys.a.blob, [file])).status, "known");
    assert.equal((await verifyHostKey("EXAMPLE.org", 22, keys.a.blob, [file])).status, "known");
    assert.equal((await verifyHostKey("127.0.0.1", 2222, keys.b.blob, [file])).status, "known");
    assert.equal((await verifyHostKey("127.0.0.1", 2222, keys.a.blob, [file])).status, "changed");
    assert.equal((await verifyHostKey("127.0.0.1", 22, keys.b.blob, [file])).status, "unknown");
    assert.equal((await verifyHostKey("example.net", 22, keys.a.blob, [file])).status, "unknown");
  });

  it("reads every file and skips missing ones", async () => {
    const user = join(dir, "missing_known_hosts");
    const system = join(dir, "system_known_hosts");
    await writeFile(system, `host ${keys.a.text}\n`);
    const check = await verifyHostKey("host", 22, keys.a.blob, [user, system]);
    assert.equal(check.status, "known");
    assert.equal(check.entry?.file, system);
    const unknown = await verifyHostKey("other", 22, keys.a.blob, [user, system]);
    assert.ok(unknown.message.endsWith(`ssh-keyscan other >> ${user}`), unknown.message);
  });
});

describe("appendKnownHost()", () => {
  it("creates the folder 0700 and the file 0600, then appends", async () => {
    const file = join(dir, "home", ".ssh", "known_hosts");
    const line = await appendKnownHost(file, "127.0.0.1", 2222, keys.a.blob);
    assert.equal(line, `[127.0.0.1]:2222 ${keys.a.text}`);
    assert.equal((await stat(join(dir, "home", ".ssh"))).mode & 0o777, 0o700);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    await appendKnownHost(file, "Example.COM", 22, keys.b.blob);
    assert.equal(
      await readFile(file, "utf8"),
      `[127.0.0.1]:2222 ${keys.a.text}\nexample.com ${keys.b.text}\n`,
    );
    assert.equal((await verifyHostKey("127.0.0.1", 2222, keys.a.blob, [file])).status, "known");
  });

  it("starts a new line when the file does not end with one", async () => {
    const file = join(dir, "no_newline_known_hosts");
    await writeFile(file, `host ${keys.a.text}`);
    await appendKnownHost(file, "other", 22, keys.b.blob);
    assert.equal(await readFile(file, "utf8"), `host ${keys.a.text}\nother ${keys.b.text}\n`);
  });

  it("writes hashed entries that OpenSSH finds", async () => {
    const file = join(dir, "hashed_append_known_hosts");
    const line = await appendKnownHost(file, "127.0.0.1", 2222, keys.a.blob, { hashed: true });
    assert.match(line, /^\|1\|[A-Za-z0-9+/=]{28}\|[A-Za-z0-9+/=]{28} ssh-ed25519 /);
    const { stdout } = await run("ssh-keygen", ["-F", "[127.0.0.1]:2222", "-f", file]);
    assert.ok(stdout.includes(line), stdout);
    assert.equal((await verifyHostKey("127.0.0.1", 2222, keys.a.blob, [file])).status, "known");
  });
});

describe("parsePinnedHostKey()", () => {
  it("reads a line with or without host names", () => {
    for (const line of [keys.a.text, `[127.0.0.1]:2222 ${keys.a.text}`, ` ${keys.a.text} c `]) {
      const entry = parsePinnedHostKey(line);
      assert.equal(checkHostKey("any", 22, keys.a.blob, [entry]).status, "known");
      assert.equal(checkHostKey("any", 22, keys.b.blob, [entry]).status, "changed");
    }
  });

  it("explains a changed key against the pin", () => {
    const check = checkHostKey("h", 22, keys.a.blob, [parsePinnedHostKey(keys.b.text)]);
    assert.ok(
      check.message.includes(
        `but the pinned host key expects ssh-ed25519 ${keys.b.fingerprint}: refusing to ` +
          `connect; if the change is expected, verify the new fingerprint and pin the new key ` +
          `instead`,
      ),
      check.message,
    );
  });

  it("refuses what is not a key line", () => {
    assert.throws(() => parsePinnedHostKey("ssh-ed25519 notbase64"), {
      name: "TypeError",
      message: 'Cannot read pinned host key "ssh-ed25519 notbase64": expected a known_hosts ' +
        'line such as "[host]:2222 ssh-ed25519 AAAA…"',
    });
  });
});
