import { test } from "node:test";
import assert from "node:assert/strict";
import { match, matchLine, substitute } from "../../../lib/expect/match.ts";
import type { Captures } from "../../../lib/expect/types.ts";

const SHORT = "4a7d8f9e3c2b";
const LONG = "4a7d8f9e3c2b1a0f5d4e3c2b1a0f5d4e4a7d8f9e3c2b1a0f5d4e3c2b1a0f5d4e";
const OTHER = "9e8f7d6c5b4a";
const ORIGIN = "step create, command 1, stdout";

test("match() binds a capture with its type, value and origin", () => {
  const r = match("created {{net_id:id}}", `created ${LONG}`, { origin: ORIGIN });
  assert.equal(r.ok, true);
  assert.deepEqual(r.captures, {
    net_id: { type: "id", value: LONG, origin: `${ORIGIN} line 1` },
  });
});

test("match() binds without an origin as the line alone", () => {
  assert.deepEqual(match("x\n{{n:int}}", "x\n7").captures, {
    n: { type: "int", value: "7", origin: "line 2" },
  });
});

test("match() never mutates the captures it is given", () => {
  const given: Captures = Object.freeze({ a: { type: "int", value: "1" } });
  const r = match("{{a:int}} {{b:int}}", "1 2", { captures: given });
  assert.deepEqual(Object.keys(given), ["a"]);
  assert.deepEqual(Object.keys(r.captures), ["a", "b"]);
});

const agreeing: [string, string, string, Captures, string | undefined][] = [
  [
    "the same value later in the output",
    "{{ip:ipv4}}\nfrom {{ip:ipv4}}",
    "172.18.0.2\nfrom 172.18.0.2",
    {},
    undefined,
  ],
  [
    "a reference later in the output",
    "{{ip:ipv4}}\nfrom {{ip}}",
    "172.18.0.2\nfrom 172.18.0.2",
    {},
    undefined,
  ],
  ["the same capture twice in a line", "{{w:word}} and {{w:word}}", "x and x", {}, undefined],
  ["an earlier capture", "{{net_id:id}} bridge", `${SHORT} bridge`, {
    net_id: { type: "id", value: SHORT },
  }, SHORT],
  ["the short form of a bound long id", "{{net_id:id}}", SHORT, {
    net_id: { type: "id", value: LONG },
  }, LONG],
  ["a reference to the short form", "{{net_id}} bridge", `${SHORT} bridge`, {
    net_id: { type: "id", value: LONG },
  }, LONG],
  ["the long form of a bound short id, kept", "{{net_id:id}}", LONG, {
    net_id: { type: "id", value: SHORT },
  }, LONG],
  ["hex prefixes of 12 or more", "{{h:hex}}", "7f8e9d0c1b2a34", {
    h: { type: "hex", value: "7f8e9d0c1b2a" },
  }, "7f8e9d0c1b2a34"],
  [
    "a regex capture",
    "port {{p:/\\d+/}}",
    "port 6379",
    { p: { type: "/\\d+/", value: "6379" } },
    "6379",
  ],
];

for (const [name, pattern, actual, captures, value] of agreeing) {
  test(`match() accepts ${name}`, () => {
    const r = match(pattern, actual, { captures });
    assert.equal(r.ok, true, r.mismatch?.message);
    if (value !== undefined) {
      const [key] = Object.keys(captures);
      assert.equal(r.captures[key].value, value);
      assert.equal(r.captures[key].origin, captures[key].origin);
    }
  });
}

const disagreeing: [string, string, string, Captures, number, string][] = [
  [
    "an earlier capture with its origin",
    "{{net_id}}   ai-service-network   bridge    local",
    `${OTHER}   ai-service-network   bridge    local`,
    { net_id: { type: "id", value: SHORT, origin: "step create, command 1" } },
    1,
    `capture "net_id" was "${SHORT}", now "${OTHER}" (bound at step create, command 1)`,
  ],
  [
    "a capture bound earlier in the output",
    "PING redis-cache ({{ip:ipv4}})\n64 bytes from {{ip}}: seq=0",
    "PING redis-cache (172.18.0.2)\n64 bytes from 172.18.0.3: seq=0",
    {},
    2,
    'capture "ip" was "172.18.0.2", now "172.18.0.3" (bound at line 1)',
  ],
  [
    "a capture without an origin",
    "{{n:int}}",
    "2",
    { n: { type: "int", value: "1" } },
    1,
    'capture "n" was "1", now "2"',
  ],
  [
    "hex prefixes shorter than 12",
    "{{h:hex}}",
    "abcd",
    { h: { type: "hex", value: "abc" } },
    1,
    'capture "h" was "abc", now "abcd"',
  ],
  [
    "a different id of the same length",
    "{{net_id:id}}",
    OTHER,
    { net_id: { type: "id", value: LONG } },
    1,
    `capture "net_id" was "${LONG}", now "${OTHER}"`,
  ],
  [
    "a reference to a capture nothing bound",
    "a\n{{net_id}} bridge",
    `a\n${SHORT} bridge`,
    {},
    2,
    'capture "net_id" is not bound',
  ],
];

for (const [name, pattern, actual, captures, line, message] of disagreeing) {
  test(`match() rejects ${name}`, () => {
    const r = match(pattern, actual, { captures });
    assert.equal(r.ok, false);
    assert.deepEqual(r.mismatch, { expectedLine: line, actualLine: line, message });
  });
}

test("match() backtracks over ... to find the binding that agrees later", () => {
  const r = match("...\n{{a:word}} x\n...\n{{a}} y", "p x\nq x\nq y");
  assert.equal(r.ok, true);
  assert.equal(r.captures.a.value, "q");
  assert.equal(r.captures.a.origin, "line 2");
});

test("captures flow from one output to the next through options.captures", () => {
  const created = match("{{net_id:id}}", LONG, { origin: "step create, command 1, stdout" });
  const listed = match(
    "NETWORK ID     NAME\n{{net_id}}   ai-service-network\n...",
    `NETWORK ID     NAME\n${SHORT}   ai-service-network\n${OTHER}   bridge`,
    { captures: created.captures },
  );
  assert.equal(listed.ok, true);
  assert.deepEqual(listed.captures, created.captures);
});

const substitutions: [string, string, Captures, string][] = [
  [
    "a capture",
    "docker network inspect {{net_id}}",
    { net_id: { type: "id", value: LONG } },
    `docker network inspect ${LONG}`,
  ],
  ["several captures", "ping -c 1 {{ip}} # {{ip}} {{n}}", {
    ip: { type: "ipv4", value: "10.0.0.2" },
    n: { type: "int", value: "3" },
  }, "ping -c 1 10.0.0.2 # 10.0.0.2 3"],
  [
    "Go templates untouched",
    "docker inspect -f '{{.Name}} {{json .Config}}'",
    {},
    "docker inspect -f '{{.Name}} {{json .Config}}'",
  ],
  [
    "\\{{ as a literal {{",
    "docker inspect -f '{{range .X}}{{.IP}}\\{{end}}'",
    {},
    "docker inspect -f '{{range .X}}{{.IP}}{{end}}'",
  ],
  ["text without captures", "echo hello", {}, "echo hello"],
];

for (const [name, text, captures, expected] of substitutions) {
  test(`substitute() replaces ${name}`, () => {
    assert.equal(substitute(text, captures), expected);
  });
}

test("substitute() throws a RangeError for an unknown capture", () => {
  assert.throws(() => substitute("docker network inspect {{net_id}}", {}), {
    name: "RangeError",
    message: 'Unknown capture "net_id" in command "docker network inspect {{net_id}}"',
  });
  assert.throws(() => substitute("{{constructor}}", {}), { name: "RangeError" });
});

test("matchLine() matches one line and binds captures", () => {
  assert.deepEqual(
    matchLine("64 bytes from {{ip:ipv4}}: {{*}}", "64 bytes from 172.18.0.2: seq=0\r"),
    {
      ok: true,
      captures: { ip: { type: "ipv4", value: "172.18.0.2" } },
    },
  );
  assert.deepEqual(matchLine("{{ip:ipv4}}", "10.0.0.1", {}, "stop"), {
    ok: true,
    captures: { ip: { type: "ipv4", value: "10.0.0.1", origin: "stop" } },
  });
});

test("matchLine() checks earlier captures and says why a line fails", () => {
  const captures: Captures = { ip: { type: "ipv4", value: "172.18.0.2" } };
  assert.equal(matchLine("from {{ip}}", "from 172.18.0.2", captures).ok, true);
  assert.deepEqual(matchLine("from {{ip}}", "from 172.18.0.9", captures), {
    ok: false,
    message: 'capture "ip" was "172.18.0.2", now "172.18.0.9"',
  });
  assert.deepEqual(matchLine("seq={{int}}", "seq=x"), {
    ok: false,
    message: 'expected "seq={{int}}", got "seq=x"',
  });
  assert.equal(matchLine("...", "anything").ok, true);
});

test("matchLine() throws a SyntaxError for a pattern of more than one line", () => {
  assert.throws(() => matchLine("a\nb", "a"), {
    name: "SyntaxError",
    message: 'Cannot parse line pattern "a\nb": it has more than one line',
  });
});

test("captures named like Object.prototype members are ordinary names", () => {
  const r = match("{{constructor:word}} {{constructor}}", "x x");
  assert.equal(r.ok, true);
  assert.equal(r.captures["constructor"].value, "x");
  assert.deepEqual(
    match("{{constructor}}", "x").mismatch?.message,
    'capture "constructor" is not bound',
  );
});
