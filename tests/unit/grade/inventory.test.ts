import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseInventory } from "../../../lib/grade/inventory.ts";
import { parseShard, shardOf } from "../../../lib/grade/shard.ts";

const CSV = [
  "id,host,port,user,identity_file,host_key",
  "alice,10.0.0.5,22,student,keys/alice,",
  '"bob",bob.example,2222,root,,"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB"',
  "",
].join("\n");

describe("parseInventory()", () => {
  it("reads the CSV form, with an optional host_key column", () => {
    assert.deepEqual(parseInventory(CSV, "class.csv"), [
      { id: "alice", host: "10.0.0.5", port: 22, user: "student", identityFile: "keys/alice" },
      {
        id: "bob",
        host: "bob.example",
        port: 2222,
        user: "root",
        hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB",
      },
    ]);
  });

  it("reads the same fields from YAML", () => {
    const yaml =
      "hosts:\n  - id: alice\n    host: 10.0.0.5\n    port: 22\n    user: student\n    identity_file: keys/alice\n";
    assert.deepEqual(parseInventory(yaml, "class.yaml"), [
      { id: "alice", host: "10.0.0.5", port: 22, user: "student", identityFile: "keys/alice" },
    ]);
  });

  for (
    const [text, file, message] of [
      [
        "id,host,port\nalice,h,22\n",
        "a.csv",
        'Cannot read inventory "a.csv": line 1: the header lacks "user", "identity_file": expected id,host,port,user,identity_file[,host_key]',
      ],
      [
        "id,host,port,user,identity_file\nalice,h,22,u\n",
        "a.csv",
        'Cannot read inventory "a.csv": line 2: 4 fields, the header has 5',
      ],
      [
        "id,host,port,user,identity_file\nalice,h,99999,u,\n",
        "a.csv",
        'Cannot read inventory "a.csv": line 2, column 9: "port" must be a decimal number from 1 to 65535, got "99999"',
      ],
      [
        "id,host,port,user,identity_file\nalice,h,22,u,\nalice,h2,22,u,\n",
        "a.csv",
        'Cannot read inventory "a.csv": line 3, column 1: "id" "alice" is already used at line 2, column 1',
      ],
      [
        "id,host,port,user,identity_file\n,h,22,u,\n",
        "a.csv",
        'Cannot read inventory "a.csv": line 2, column 1: "id" is empty',
      ],
      [
        "- id: a\n  host: h\n  user: u\n  host_key: nonsense\n",
        "a.yml",
        'Cannot read inventory "a.yml": line 4, column 13: "host_key" must be a key in known_hosts format, such as "ssh-ed25519 AAAA…"',
      ],
      [
        "just text",
        "a.yaml",
        'Cannot read inventory "a.yaml": line 1, column 1: expected a list of hosts (or "hosts:" with one)',
      ],
      [
        "id,host,port,user,identity_file\nalice,h,0x16,u,\n",
        "a.csv",
        'Cannot read inventory "a.csv": line 2, column 9: "port" must be a decimal number from 1 to 65535, got "0x16"',
      ],
      [
        "id,host,port,user,identity_file\nalice,h,1e3,u,\n",
        "a.csv",
        'Cannot read inventory "a.csv": line 2, column 9: "port" must be a decimal number from 1 to 65535, got "1e3"',
      ],
      [
        "- id: a\n  host: h\n  port: 0x16\n  user: u\n",
        "a.yml",
        'Cannot read inventory "a.yml": line 3, column 9: "port" must be a decimal number from 1 to 65535, got "0x16"',
      ],
      [
        "- id: a\n  host: {name: h}\n  user: u\n",
        "a.yml",
        'Cannot read inventory "a.yml": line 2, column 9: "host" must be text, got {"name":"h"}',
      ],
      [
        "id,host,port,user,identity_file,id\nalice,h,22,u,,b\n",
        "a.csv",
        'Cannot read inventory "a.csv": line 1: the header names "id" twice',
      ],
      [
        "id,host,port,user,identity_file,group\nalice,h,22,u,,x\n",
        "a.csv",
        'Cannot read inventory "a.csv": line 1: unknown column "group": expected id,host,port,user,identity_file[,host_key]',
      ],
      [
        "- id: a\n  host: h\n  user: u\n  group: x\n",
        "a.yml",
        'Cannot read inventory "a.yml": line 4, column 3: unknown field "group": expected id,host,port,user,identity_file[,host_key]',
      ],
      [
        "id,host,port,user,identity_file\nalice,-oProxyCommand=x,22,u,\n",
        "a.csv",
        'Cannot read inventory "a.csv": line 2, column 7: "host" must be a host name or an IP address, got "-oProxyCommand=x"',
      ],
      [
        "id,host,port,user,identity_file\nalice,h,22,-oX,\n",
        "a.csv",
        'Cannot read inventory "a.csv": line 2, column 12: "user" must be a user name, got "-oX"',
      ],
      [
        "id,host,port,user,identity_file\ralice,h,22,u,\rbob,h,99999,u,\r",
        "a.csv",
        'Cannot read inventory "a.csv": line 3, column 7: "port" must be a decimal number from 1 to 65535, got "99999"',
      ],
    ] as const
  ) {
    it(`refuses ${file}: ${message.split(": ").slice(1).join(": ")}`, () => {
      assert.throws(() => parseInventory(text, file), { name: "TypeError", message });
    });
  }
});

describe("shardOf()", () => {
  const hosts = Array.from({ length: 50 }, (_, i) => ({ id: `student-${i}` }));

  it("puts every host in exactly one of N shards, the same way every time", () => {
    const shards = [1, 2, 3].map((k) => shardOf(hosts, k, 3).map((h) => h.id));
    assert.deepEqual(shards.flat().sort(), hosts.map((h) => h.id).sort());
    assert.deepEqual([1, 2, 3].map((k) => shardOf(hosts, k, 3).map((h) => h.id)), shards);
    assert.ok(shards.every((s) => s.length > 5), "shards are not lopsided");
  });

  it("keeps a host in its shard when others join the class", () => {
    const before = shardOf(hosts, 2, 4).map((h) => h.id);
    const after = shardOf([...hosts, { id: "late-joiner" }], 2, 4).map((h) => h.id);
    assert.deepEqual(after.filter((id) => id !== "late-joiner"), before);
  });

  it("parseShard() takes K/N and refuses anything else", () => {
    assert.deepEqual(parseShard("2/4"), { index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "2", "a/b", "1/0"]) {
      assert.throws(() => parseShard(bad), {
        name: "RangeError",
        message: `Invalid value for --shard: "${bad}": use K/N with 1 <= K <= N, e.g. 2/4`,
      });
    }
  });
});
