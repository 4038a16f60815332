import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { resolveSshConfig } from "../../../lib/ssh/config.ts";
import type { SshHostConfig } from "../../../lib/ssh/config.ts";

const options = { homeDir: "/home/me", localUser: "me" };

const CONFIG = `
# Global defaults come first only if nothing above set them.
Host lab-*  !lab-secret
    HostName %h.lab.example
    User student
    IdentityFile ~/.ssh/lab_key

Host lab-1
    User override-ignored
    Port 2201
    IdentityFile ~/.ssh/lab1_%r_%h_%p

Host bastion
    HostName 203.0.113.7
    User jump
    Port 2222

Host inner
    HostName 10.0.0.5
    ProxyJump bastion,admin@relay.example:2200

Host direct-jumpless
    ProxyJump none

Host quoted
    HostName="quoted.example"
    IdentityFile "/keys/with space"

Host Case?
    Port 2300

Host *
    User default-user
    IdentityFile %d/.ssh/id_default
    ProxyJump fallback
`;

describe("resolveSshConfig()", () => {
  const cases: [string, string, string, Omit<SshHostConfig, "alias">][] = [
    ["first values win across blocks, identity files add up", CONFIG, "lab-1", {
      hostName: "lab-1.lab.example",
      user: "student",
      port: 2201,
      identityFiles: [
        "/home/me/.ssh/lab_key",
        "/home/me/.ssh/lab1_student_lab-1.lab.example_2201",
        "/home/me/.ssh/id_default",
      ],
      proxyJump: [{ host: "fallback" }],
    }],
    ["a negated pattern vetoes the block", CONFIG, "lab-secret", {
      hostName: "lab-secret",
      user: "default-user",
      identityFiles: ["/home/me/.ssh/id_default"],
      proxyJump: [{ host: "fallback" }],
    }],
    ["a ProxyJump list with user and port", CONFIG, "inner", {
      hostName: "10.0.0.5",
      user: "default-user",
      identityFiles: ["/home/me/.ssh/id_default"],
      proxyJump: [{ host: "bastion" }, { user: "admin", host: "relay.example", port: 2200 }],
    }],
    ["ProxyJump none", CONFIG, "direct-jumpless", {
      hostName: "direct-jumpless",
      user: "default-user",
      identityFiles: ["/home/me/.ssh/id_default"],
      proxyJump: [],
    }],
    ["Keyword=value and quoted arguments", CONFIG, "quoted", {
      hostName: "quoted.example",
      user: "default-user",
      identityFiles: ["/keys/with space", "/home/me/.ssh/id_default"],
      proxyJump: [{ host: "fallback" }],
    }],
    ["a ? pattern, ignoring case", CONFIG, "casE7", {
      hostName: "casE7",
      user: "default-user",
      port: 2300,
      identityFiles: ["/home/me/.ssh/id_default"],
      proxyJump: [{ host: "fallback" }],
    }],
    ["an empty config", "", "plain", { hostName: "plain", identityFiles: [], proxyJump: [] }],
    ["global lines before any Host", "User early\nHost x\n  User late\n", "x", {
      hostName: "x",
      user: "early",
      identityFiles: [],
      proxyJump: [],
    }],
    [
      "Match all applies, a Match host block for another host does not",
      "Match host y\n  Port 1\nMatch all\n  Port 2\n",
      "x",
      {
        hostName: "x",
        port: 2,
        identityFiles: [],
        proxyJump: [],
      },
    ],
    ["comments after values", "Host x # the lab\n  User me # not a comment user\n", "x", {
      hostName: "x",
      user: "me",
      identityFiles: [],
      proxyJump: [],
    }],
  ];
  for (const [name, text, alias, expected] of cases) {
    it(`resolves ${name}`, () => {
      assert.deepEqual(resolveSshConfig(alias, text, options), { alias, ...expected });
    });
  }

  const errors: [string, string, string][] = [
    [
      "a bad port",
      "Host x\n  Port abc\n",
      'Cannot read ssh config: line 2: Port "abc" is not between 1 and 65535',
    ],
    [
      "a port out of range",
      "Port 70000\n",
      'Cannot read ssh config: line 1: Port "70000" is not between 1 and 65535',
    ],
    [
      "a bad ProxyJump",
      "ProxyJump a@\n",
      'Cannot read ssh config: line 1: Cannot parse jump host "a@": expected [user@]host[:port] or ssh://[user@]host[:port]',
    ],
    [
      "a line without a keyword",
      "Host x\n  = value\n",
      'Cannot read ssh config: line 2: "= value" has no keyword',
    ],
  ];
  for (const [name, text, message] of errors) {
    it(`refuses ${name}`, () => {
      assert.throws(() => resolveSshConfig("x", text, options), { name: "SyntaxError", message });
    });
  }
});
