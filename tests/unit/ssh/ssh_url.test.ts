import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  formatSshAddress,
  parseJumpHost,
  parseJumpHosts,
  parseSshUrl,
} from "../../../lib/ssh/ssh_url.ts";

describe("parseSshUrl()", () => {
  const cases: [string, object][] = [
    ["ssh://alice@host.example:2222", { user: "alice", host: "host.example", port: 2222 }],
    ["ssh://host.example", { host: "host.example" }],
    ["ssh://host.example/", { host: "host.example" }],
    ["SSH://bob@10.0.0.5", { user: "bob", host: "10.0.0.5" }],
    ["ssh://root@[::1]:22", { user: "root", host: "::1", port: 22 }],
    ["ssh://first.last%40corp@h", { user: "first.last@corp", host: "h" }],
  ];
  for (const [url, expected] of cases) {
    it(`parses ${url}`, () => assert.deepEqual(parseSshUrl(url), expected));
  }

  const errors: [string, string][] = [
    ["host:22", 'Cannot parse SSH URL "host:22": expected ssh://[user@]host[:port]'],
    ["https://host", 'Cannot parse SSH URL "https://host": expected ssh://[user@]host[:port]'],
    ["ssh://", 'Cannot parse SSH URL "ssh://": expected ssh://[user@]host[:port]'],
    ["ssh://@host", 'Cannot parse SSH URL "ssh://@host": expected ssh://[user@]host[:port]'],
    [
      "ssh://host/path",
      'Cannot parse SSH URL "ssh://host/path": expected ssh://[user@]host[:port]',
    ],
    ["ssh://host:0", 'Cannot parse SSH URL "ssh://host:0": port "0" is not between 1 and 65535'],
    [
      "ssh://host:65536",
      'Cannot parse SSH URL "ssh://host:65536": port "65536" is not between 1 and 65535',
    ],
    ["ssh://host:", 'Cannot parse SSH URL "ssh://host:": port "" is not between 1 and 65535'],
    [
      "ssh://root:hunter2@host",
      'Cannot parse SSH URL "ssh://root:***@host": passwords in addresses are not accepted: set RUN_LESSON_SSH_PASSWORD or use a key',
    ],
  ];
  for (const [url, message] of errors) {
    it(`refuses ${url}`, () => {
      assert.throws(() => parseSshUrl(url), { name: "TypeError", message });
    });
  }
});

describe("parseJumpHosts()", () => {
  it("parses ssh -J style lists", () => {
    assert.deepEqual(parseJumpHosts("bastion,admin@relay:2200, ssh://u@[fe80::1]:22"), [
      { host: "bastion" },
      { user: "admin", host: "relay", port: 2200 },
      { user: "u", host: "fe80::1", port: 22 },
    ]);
    assert.deepEqual(parseJumpHosts("none"), []);
  });

  it("refuses a malformed hop", () => {
    assert.throws(() => parseJumpHost("a b"), {
      name: "TypeError",
      message:
        'Cannot parse jump host "a b": expected [user@]host[:port] or ssh://[user@]host[:port]',
    });
  });
});

describe("formatSshAddress()", () => {
  it("formats user@host:port with IPv6 in brackets", () => {
    assert.equal(formatSshAddress({ user: "root", host: "::1", port: 22 }), "root@[::1]:22");
    assert.equal(formatSshAddress({ host: "h" }), "h");
  });
});
