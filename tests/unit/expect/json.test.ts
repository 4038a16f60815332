import { test } from "node:test";
import assert from "node:assert/strict";
import { match } from "../../../lib/expect/match.ts";
import type { Captures } from "../../../lib/expect/types.ts";

const NET_ID = "4a7d8f9e3c2b1a0f5d4e3c2b1a0f5d4e4a7d8f9e3c2b1a0f5d4e3c2b1a0f5d4e";
const REDIS_ID = "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2";
const PG_ID = "f9e8d7c6b5a4f9e8d7c6b5a4f9e8d7c6b5a4f9e8d7c6b5a4f9e8d7c6b5a4f9e8";

// deno-lint-ignore no-explicit-any -- the tests patch Docker's JSON freely
type Loose = Record<string, any>;

/** `docker network inspect ai-service-network`, as Docker's CLI prints it (4 spaces). */
function inspect(patch: (net: Loose) => void = () => {}): string {
  const net: Loose = {
    Name: "ai-service-network",
    Id: NET_ID,
    Created: "2025-12-23T10:15:30.123456789Z",
    Scope: "local",
    Driver: "bridge",
    EnableIPv6: false,
    IPAM: {
      Driver: "default",
      Options: {},
      Config: [{ Subnet: "172.18.0.0/16", Gateway: "172.18.0.1" }],
    },
    Internal: false,
    Containers: {
      [REDIS_ID]: {
        Name: "redis-cache",
        MacAddress: "02:42:ac:12:00:02",
        IPv4Address: "172.18.0.2/16",
        IPv6Address: "",
      },
      [PG_ID]: {
        Name: "postgres-db",
        MacAddress: "02:42:ac:12:00:03",
        IPv4Address: "172.18.0.3/16",
        IPv6Address: "",
      },
    },
    Options: { "com.docker.network.bridge.name": "br-4a7d8f9e3c2b" },
    Labels: {},
  };
  patch(net);
  return JSON.stringify([net], null, 4) + "\n";
}

const EXPECTED = [{
  Name: "ai-service-network",
  Id: "{{net_id:id}}",
  Created: "{{timestamp}}",
  EnableIPv6: false,
  IPAM: { Config: [{ Subnet: "{{subnet:cidr}}", Gateway: "{{gateway:ipv4}}" }] },
  Containers: {
    "{{redis_id:id}}": { Name: "redis-cache", IPv4Address: "{{redis_ip:cidr}}" },
    "{{pg_id:id}}": { Name: "postgres-db", IPv4Address: "{{pg_ip:cidr}}" },
  },
}];

const json = (value: unknown) => ({ kind: "json" as const, value });

test("match() json accepts a subset with placeholders and binds its captures", () => {
  const r = match(json(EXPECTED), inspect(), { origin: "step inspect, command 1, stdout" });
  assert.equal(r.ok, true, r.mismatch?.message);
  const values = Object.fromEntries(Object.entries(r.captures).map(([k, c]) => [k, c.value]));
  assert.deepEqual(values, {
    net_id: NET_ID,
    subnet: "172.18.0.0/16",
    gateway: "172.18.0.1",
    redis_id: REDIS_ID,
    redis_ip: "172.18.0.2/16",
    pg_id: PG_ID,
    pg_ip: "172.18.0.3/16",
  });
  assert.equal(r.captures.net_id.origin, "step inspect, command 1, stdout $[0].Id");
  assert.equal(
    r.captures.redis_id.origin,
    `step inspect, command 1, stdout $[0].Containers.${REDIS_ID}`,
  );
});

test("match() json checks captures bound earlier", () => {
  const earlier: Captures = {
    net_id: { type: "id", value: NET_ID.slice(0, 12), origin: "step ls" },
  };
  assert.equal(
    match(json({ Id: "{{net_id}}" }), `{"Id": "${NET_ID}"}`, { captures: earlier }).ok,
    true,
  );
  const other = "0".repeat(64);
  assert.deepEqual(
    match(json({ Id: "{{net_id}}" }), `{"Id": "${other}"}`, { captures: earlier }).mismatch,
    {
      expectedLine: 0,
      actualLine: 0,
      message: `$.Id: capture "net_id" was "${
        NET_ID.slice(0, 12)
      }", now "${other}" (bound at step ls)`,
    },
  );
});

const passing: [string, unknown, string][] = [
  ["extra keys", { a: 1 }, '{"a": 1, "b": 2}'],
  ["an empty object", {}, '{"a": 1}'],
  ["equal scalars", [1, true, null, "s"], '[1, true, null, "s"]'],
  [
    "elements in any order before ...",
    [{ n: "b" }, { n: "a" }, "..."],
    '[{"n": "a"}, {"n": "c"}, {"n": "b"}]',
  ],
  ["only ...", ["..."], "[1, 2, 3]"],
  ["a wildcard string", { Name: "{{*}}-network" }, '{"Name": "ai-service-network"}'],
  ["a string ...", { Created: "..." }, '{"Created": "anything at all"}'],
  ["an escaped {{", { f: "\\{{.Name}}" }, '{"f": "{{.Name}}"}'],
  [
    "an odd key",
    { Options: { "com.docker.network.bridge.name": "br-{{hex}}" } },
    '{"Options": {"com.docker.network.bridge.name": "br-4a7d"}}',
  ],
  ["a multi-line string", { log: "a\n...\nz" }, '{"log": "a\\nb\\nz"}'],
  ["compact output", [{ Id: "{{id}}" }], `[{"Id":"${NET_ID}"}]`],
];

for (const [name, value, actual] of passing) {
  test(`match() json accepts ${name}`, () => {
    const r = match(json(value), actual);
    assert.equal(r.ok, true, r.mismatch?.message);
  });
}

const failing: [string, unknown, string, string][] = [
  [
    "a string that does not match its pattern",
    EXPECTED,
    inspect((n) => n.IPAM.Config[0].Subnet = "oops"),
    '$[0].IPAM.Config[0].Subnet: expected "{{subnet:cidr}}", got "oops"',
  ],
  [
    "a missing key",
    [{ IPAM: { Config: [] } }],
    inspect((n) => delete n.IPAM.Config),
    '$[0].IPAM: missing key "Config"',
  ],
  [
    "an array of another length",
    [{ IPAM: { Config: [{}] } }],
    inspect((n) => n.IPAM.Config.push({})),
    "$[0].IPAM.Config: expected 1 element, got 2",
  ],
  [
    "a wrong scalar",
    [{ EnableIPv6: false }],
    inspect((n) => n.EnableIPv6 = true),
    "$[0].EnableIPv6: expected false, got true",
  ],
  ["a number for a string", { Name: "x" }, '{"Name": 12}', '$.Name: expected "x", got 12'],
  [
    "an array for an object",
    { IPAM: {} },
    '{"IPAM": []}',
    "$.IPAM: expected an object, got an array",
  ],
  [
    "an object for an array",
    { Config: [] },
    '{"Config": {}}',
    "$.Config: expected an array, got an object",
  ],
  [
    "an element that no element matches",
    [{ n: "x" }, "..."],
    '[{"n": "a"}]',
    '$: no element matches {"n":"x"}',
  ],
  [
    "two expected elements for one actual",
    [{ n: "{{word}}" }, { n: "{{word}}" }, "..."],
    '[{"n": "a"}]',
    '$: no element matches {"n":"{{word}}"}',
  ],
  [
    "a key pattern that no key matches",
    { Containers: { "{{redis_id:id}}": {} } },
    '{"Containers": {"not-an-id": {}}}',
    '$.Containers: no key matches "{{redis_id:id}}"',
  ],
  [
    "a key pattern whose keys have no matching value",
    [{ Containers: { "{{c:id}}": { Name: "mysql" } } }],
    inspect(),
    '$[0].Containers: no key matching "{{c:id}}" has a matching value',
  ],
  [
    "the value under the only key a pattern matches",
    { Containers: { "{{c:id}}": { Name: "mysql" } } },
    `{"Containers": {"${REDIS_ID}": {"Name": "redis-cache"}}}`,
    `$.Containers.${REDIS_ID}.Name: expected "mysql", got "redis-cache"`,
  ],
  [
    "a key that needs brackets in its path",
    { "0abc": { "com.docker.x": 1 } },
    '{"0abc": {"com.docker.x": 2}}',
    '$["0abc"]["com.docker.x"]: expected 1, got 2',
  ],
  [
    "a key with a quote in its path",
    { 'a"b': 1 },
    '{"a\\"b": 2}',
    '$["a\\"b"]: expected 1, got 2',
  ],
];

for (const [name, value, actual, message] of failing) {
  test(`match() json rejects ${name}`, () => {
    const r = match(json(value), actual);
    assert.equal(r.ok, false);
    assert.deepEqual(r.mismatch, { expectedLine: 0, actualLine: 0, message });
  });
}

test("match() json reports output that is not JSON with the parser's message", () => {
  let parser = "";
  try {
    JSON.parse("oops");
  } catch (error) {
    parser = (error as Error).message;
  }
  const r = match(json({}), "oops\n");
  assert.equal(r.ok, false);
  assert.equal(r.resolved, "oops");
  assert.deepEqual(r.mismatch, {
    expectedLine: 0,
    actualLine: 0,
    message: `Cannot parse output as JSON: ${parser}`,
  });
  assert.deepEqual(r.hunks, [{
    expectedStart: 1,
    expected: ["{}"],
    actualStart: 1,
    actual: ["oops"],
  }]);
});

test("match() json resolves volatile strings and keys to their patterns, keeping 4-space indentation", () => {
  const r = match(
    json([{ Id: "{{net_id:id}}", Containers: { "{{redis_id:id}}": { Name: "redis-cache" } } }]),
    `[
    {
        "Name": "n",
        "Id": "${NET_ID}",
        "Containers": {
            "${REDIS_ID}": {
                "Name": "redis-cache",
                "IPv4Address": "172.18.0.2/16"
            }
        }
    }
]`,
  );
  assert.equal(r.ok, true);
  assert.equal(
    r.resolved,
    `[
    {
        "Name": "n",
        "Id": "{{net_id:id}}",
        "Containers": {
            "{{redis_id:id}}": {
                "Name": "redis-cache",
                "IPv4Address": "172.18.0.2/16"
            }
        }
    }
]`,
  );
});

test("match() json keeps the output text when nothing volatile matched", () => {
  const text = '{ "a" : 1,"b":[ 2 ] }';
  assert.equal(match(json({ a: 1 }), text).resolved, text);
});

test("match() json resolves compact output compactly", () => {
  assert.equal(
    match(json({ Id: "{{id}}" }), `{"Id":"${NET_ID}","x":1}`).resolved,
    '{"Id":"{{id}}","x":1}',
  );
});

test("match() json hunks show only the members that differ", () => {
  const r = match(json(EXPECTED), inspect((n) => n.IPAM.Config[0].Subnet = "oops"));
  assert.deepEqual(r.hunks, [{
    expectedStart: 10,
    expected: ['                    "Subnet": "{{subnet:cidr}}",'],
    actualStart: 10,
    actual: ['                    "Subnet": "oops",'],
  }]);
});

test("match() json hunks show a missing key as an expected line", () => {
  const r = match(json({ a: 1, b: 2 }), '{\n  "a": 1\n}');
  assert.deepEqual(r.hunks, [{
    expectedStart: 2,
    expected: ['  "a": 1,', '  "b": 2'],
    actualStart: 2,
    actual: ['  "a": 1'],
  }]);
});
