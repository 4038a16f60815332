import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type HttpReply, parseHttpReply, whyNoAnswer } from "../../../lib/probes/_http_script.ts";
import { type Lookup, parseNslookup } from "../../../lib/probes/_nslookup.ts";

const SERVER = "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n";

describe("parseNslookup()", () => {
  const cases: Array<[string, string, Lookup]> = [
    [
      "busybox 1.35, A answer and an empty AAAA answer",
      `${SERVER}Non-authoritative answer:\nName:\tredis\nAddress: 172.18.0.2\n\nNon-authoritative answer:\n\n`,
      { addresses: ["172.18.0.2"] },
    ],
    [
      "an alias shared by two containers",
      `${SERVER}Non-authoritative answer:\nName:\tcache\nAddress: 172.18.0.3\nName:\tcache\nAddress: 172.18.0.2\n`,
      { addresses: ["172.18.0.3", "172.18.0.2"] },
    ],
    [
      "an answer without records (a name the embedded DNS does not know, not forwarded)",
      `${SERVER}Non-authoritative answer:\n\nNon-authoritative answer:\n\n`,
      { addresses: [], reason: "no address records" },
    ],
    [
      "IPv4 and IPv6 answers",
      `${SERVER}Name:\tweb\nAddress: 172.18.0.4\n\nName:\tweb\nAddress: fd00::4\n`,
      { addresses: ["172.18.0.4", "fd00::4"] },
    ],
    [
      "the older busybox format",
      "Server:    127.0.0.11\nAddress 1: 127.0.0.11\n\nName:      redis\nAddress 1: 172.18.0.2 redis.net\n",
      { addresses: ["172.18.0.2"] },
    ],
    [
      "NXDOMAIN",
      `${SERVER}** server can't find nothing: NXDOMAIN\n\n** server can't find nothing: NXDOMAIN\n\n`,
      { addresses: [], reason: "NXDOMAIN" },
    ],
    [
      "no answer (an internal network's DNS and an unknown name)",
      ";; connection timed out; no servers could be reached\n\n",
      { addresses: [], reason: "no answer from the DNS server" },
    ],
    [
      "the older busybox error",
      "Server:    127.0.0.11\nAddress 1: 127.0.0.11\n\nnslookup: can't resolve 'redis'\n",
      { addresses: [], reason: "nslookup: can't resolve 'redis'" },
    ],
  ];
  for (const [name, output, lookup] of cases) {
    it(`reads ${name}`, () => assert.deepEqual(parseNslookup(output), lookup));
  }
});

describe("parseHttpReply()", () => {
  const cases: Array<[string, string, HttpReply | undefined]> = [
    [
      "a curl answer",
      'tool curl\nexit 0\nstatus HTTP/1.1 200 OK\nbody\n{"a":1}\n',
      {
        tool: "curl",
        exitCode: 0,
        statusLine: "HTTP/1.1 200 OK",
        status: 200,
        errors: [],
        body: '{"a":1}\n',
      },
    ],
    [
      "a wget error status, whose body wget drops",
      "tool wget\nexit 1\nstatus HTTP/1.1 404 Not Found\nerror wget: server returned error: HTTP/1.1 404 Not Found\nbody\n",
      {
        tool: "wget",
        exitCode: 1,
        statusLine: "HTTP/1.1 404 Not Found",
        status: 404,
        errors: ["wget: server returned error: HTTP/1.1 404 Not Found"],
        body: "",
      },
    ],
    [
      "no answer",
      "tool curl\nexit 7\nstatus \nerror curl: (7) Failed to connect to web port 81 after 3 ms: Couldn't connect to server\nbody\n",
      {
        tool: "curl",
        exitCode: 7,
        statusLine: "",
        status: undefined,
        errors: [
          "curl: (7) Failed to connect to web port 81 after 3 ms: Couldn't connect to server",
        ],
        body: "",
      },
    ],
    ["something else", "sh: syntax error\n", undefined],
  ];
  for (const [name, stdout, reply] of cases) {
    it(`reads ${name}`, () => assert.deepEqual(parseHttpReply(stdout), reply));
  }
});

describe("whyNoAnswer()", () => {
  const reply = (tool: string, exitCode: number, error: string): HttpReply => ({
    tool,
    exitCode,
    statusLine: "",
    errors: [error],
    body: "",
  });
  const cases: Array<[HttpReply, string]> = [
    [reply("curl", 6, "curl: (6) Could not resolve host: web"), 'cannot resolve "web"'],
    [reply("wget", 1, "wget: bad address 'web:8080'"), 'cannot resolve "web"'],
    [reply("curl", 7, "curl: (7) Failed to connect"), "cannot connect to web:8080"],
    [
      reply("wget", 1, "wget: can't connect to remote host (172.18.0.3): Connection refused"),
      "cannot connect to web:8080",
    ],
    [reply("curl", 28, "curl: (28) Operation timed out"), "no answer within 9 s"],
    [reply("wget", 1, "wget: short read"), "wget: short read"],
  ];
  for (const [r, why] of cases) {
    it(`says ${JSON.stringify(why)} for ${JSON.stringify(r.errors[0])}`, () => {
      assert.equal(whyNoAnswer(r, new URL("http://web:8080/x"), 9), why);
    });
  }
});
