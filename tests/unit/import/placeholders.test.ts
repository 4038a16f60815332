import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { findVolatile } from "../../../lib/import/volatile.ts";
import { planCaptures, type Slot } from "../../../lib/import/captures.ts";
import { outputHint } from "../../../lib/import/capture_names.ts";

/** The line with each volatile value replaced by its type, as planCaptures does for one-offs. */
function typed(line: string): string {
  const slot: Slot = { text: line, role: "output" };
  planCaptures([slot]);
  return slot.pattern!;
}

describe("findVolatile()", () => {
  const cases: Array<[string, string]> = [
    [
      "64 bytes from 172.18.0.2: seq=0 ttl=64 time=0.2ms",
      "64 bytes from {{ipv4}}: seq=0 ttl=64 time={{duration}}",
    ],
    [
      "round-trip min/avg/max = 0.123/0.167/0.211 ms",
      "round-trip min/avg/max = {{num}}/{{num}}/{{duration}}",
    ],
    ['"Subnet": "172.18.0.0/16",', '"Subnet": "{{cidr}}",'],
    ['"Created": "2025-12-23T10:15:30.123456789Z",', '"Created": "{{timestamp}}",'],
    ['"MacAddress": "02:42:ac:12:00:02",', '"MacAddress": "{{mac}}",'],
    ["inet6 fe80::42:acff:fe12:2/64 scope link", "inet6 {{cidr}} scope link"],
    ["via fe80::1 dev eth0", "via {{ipv6}} dev eth0"],
    [
      "5554119c9308   ai-service-network   bridge    local",
      "{{id}}   ai-service-network   bridge    local",
    ],
    [
      "redis:7-alpine postgres_data 8000:8000 10:15:30 seq=1",
      "redis:7-alpine postgres_data 8000:8000 10:15:30 seq=1",
    ],
    ["{{ literal braces }}", "\\{{ literal braces }}"],
  ];
  for (const [line, expected] of cases) {
    it(`types ${JSON.stringify(line)}`, () => assert.equal(typed(line), expected));
  }

  it("takes a made-up ID (letters past f, 32 characters) for an ID, and flags it", () => {
    assert.deepEqual(findVolatile("a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6"), [
      { start: 0, end: 32, type: "id", value: "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6", madeUp: true },
    ]);
    assert.equal(findVolatile("ai-service-network postgres_data containers")[0], undefined);
  });
});

describe("planCaptures()", () => {
  const out = (text: string, run = ""): Slot => ({
    text,
    role: "output",
    hint: outputHint(run, text),
  });

  it("binds a value shown again later under a name and refers to it after", () => {
    const created = out("4a7d8f9e3c2b1a0f5d4e3c2b1a0f5d4e", "docker network create ai-network");
    const listed = out("4a7d8f9e3c2b ai-network bridge local");
    const once = out("7f9d8e4c3b2a bridge bridge local");
    const report = planCaptures([created, listed, once]);
    assert.equal(created.pattern, "{{ai_network_id:id}}");
    assert.equal(listed.pattern, "{{ai_network_id}} ai-network bridge local");
    assert.equal(once.pattern, "{{id}} bridge bridge local");
    assert.deepEqual(report, { names: ["ai_network_id"], madeUp: ["ai_network_id"] });
  });

  it("names a container's ID after --name, and an address after the host ping shows", () => {
    const run = out("aab63e5f845c", "docker run -d --name redis-cache redis:7-alpine");
    const ping = out("PING redis-cache (172.18.0.2): 56 data bytes");
    const reply = out("64 bytes from 172.18.0.2: seq=0");
    const key = out("aab63e5f845c48d973eb8e5998bd6889e03608e4ba5f9ee77c25edb2de666cec");
    planCaptures([run, ping, reply, key]);
    assert.deepEqual([run, ping, reply, key].map((s) => s.pattern), [
      "{{redis_cache_id:id}}",
      "PING redis-cache ({{redis_cache_ip:ipv4}}): 56 data bytes",
      "64 bytes from {{redis_cache_ip}}: seq=0",
      "{{redis_cache_id}}",
    ]);
  });

  it("splits an address with a prefix length when the address shows again", () => {
    const inspect = out('"IPv4Address": "172.18.0.2/16",');
    const ping = out("64 bytes from 172.18.0.2: seq=0");
    planCaptures([inspect, ping]);
    assert.equal(inspect.pattern, '"IPv4Address": "{{ip_1:ipv4}}/{{int}}",');
    assert.equal(ping.pattern, "64 bytes from {{ip_1}}: seq=0");
  });

  it("refers to a captured value in a later command's text, never in an earlier one", () => {
    const before: Slot = { text: "docker network inspect 4a7d8f9e3c2b", role: "run" };
    const created = out("4a7d8f9e3c2b1a0f5d4e3c2b1a0f5d4e", "docker network create n");
    const after: Slot = { text: "docker network inspect 4a7d8f9e3c2b", role: "run" };
    planCaptures([before, created, after]);
    assert.equal(before.pattern, "docker network inspect 4a7d8f9e3c2b");
    assert.equal(created.pattern, "{{n_id:id}}");
    assert.equal(after.pattern, "docker network inspect {{n_id}}");
  });

  it("keeps names apart: a second value with the same hint gets a number", () => {
    const a = out("PING web (10.0.0.2)");
    const b = out("PING web (10.0.0.3)");
    const c = out("from 10.0.0.2 and 10.0.0.3");
    planCaptures([a, b, c]);
    assert.deepEqual([a, b, c].map((s) => s.pattern), [
      "PING web ({{web_ip:ipv4}})",
      "PING web ({{web_ip_2:ipv4}})",
      "from {{web_ip}} and {{web_ip_2}}",
    ]);
  });

  it("makes table padding flexible and never names durations or timestamps", () => {
    const header: Slot = { text: "NETWORK ID     NAME      DRIVER", role: "output", padding: true };
    const t1 = out("took 0.5 ms at 2025-01-01T00:00:00Z");
    const t2 = out("took 0.5 ms at 2025-01-01T00:00:00Z");
    planCaptures([header, t1, t2]);
    assert.equal(header.pattern, "NETWORK ID{{*}}NAME{{*}}DRIVER");
    assert.equal(t2.pattern, "took {{duration}} at {{timestamp}}");
  });
});
