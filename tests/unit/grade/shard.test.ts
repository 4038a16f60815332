import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseShard, shardOf } from "../../../lib/grade/shard.ts";

const CLASS = Array.from(
  { length: 1000 },
  (_, i) => ({ id: `student-${String(i).padStart(4, "0")}` }),
);

describe("shards", () => {
  for (const count of [1, 2, 3, 7, 16]) {
    it(`cover a class of 1,000 exactly once in ${count} shard(s)`, () => {
      const seen = new Map<string, number>();
      for (let index = 1; index <= count; index++) {
        for (const host of shardOf(CLASS, index, count)) {
          assert.equal(
            seen.has(host.id),
            false,
            `${host.id} is in shards ${seen.get(host.id)} and ${index}`,
          );
          seen.set(host.id, index);
        }
      }
      assert.equal(seen.size, CLASS.length);
    });
  }

  it("spread a class evenly enough that no shard holds twice its share", () => {
    const sizes = [1, 2, 3, 4].map((k) => shardOf(CLASS, k, 4).length);
    for (const size of sizes) assert.ok(size > 125 && size < 500, `sizes ${sizes.join(", ")}`);
  });

  it("keep a student in the same shard when others join or leave", () => {
    const before = new Set(shardOf(CLASS, 2, 5).map((h) => h.id));
    const changed = [...CLASS.slice(100), { id: "late-joiner-1" }, { id: "late-joiner-2" }];
    const after = new Set(shardOf(changed, 2, 5).map((h) => h.id));
    for (const id of after) if (!id.startsWith("late-")) assert.ok(before.has(id), id);
    for (const id of before) {
      if (CLASS.findIndex((h) => h.id === id) >= 100) assert.ok(after.has(id), id);
    }
  });

  it("keep the inventory's order within a shard", () => {
    const ids = shardOf(CLASS, 1, 3).map((h) => h.id);
    assert.deepEqual(ids, [...ids].sort());
  });

  it("parse K/N and refuse anything else with the option named", () => {
    assert.deepEqual(parseShard("2/4"), { index: 2, count: 4 });
    assert.deepEqual(parseShard(" 1/1 "), { index: 1, count: 1 });
    for (const bad of ["0/4", "5/4", "1/0", "2", "a/b", "-1/2", "1/2/3", ""]) {
      assert.throws(() => parseShard(bad), /Invalid value for --shard: .*K\/N/, bad);
    }
  });
});
