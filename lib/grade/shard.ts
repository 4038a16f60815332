/**
 * Deterministic shards of a class, so that a CI matrix can grade it on several machines.
 * @module
 */
import { createHash } from "node:crypto";

/** Parses `K/N` (1 ≤ K ≤ N); throws RangeError for anything else. */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new RangeError(
      `Invalid value for --shard: "${text}": use K/N with 1 <= K <= N, e.g. 2/4`,
    );
  }
  return { index, count };
}

/**
 * The hosts of shard K of N. A host's shard depends only on its id (a hash), so it stays in the
 * same shard when other students are added or removed, and every host is in exactly one shard.
 */
export function shardOf<T extends { id: string }>(
  hosts: readonly T[],
  index: number,
  count: number,
): T[] {
  return hosts.filter((host) => {
    const digest = createHash("sha256").update(host.id).digest();
    return digest.readUInt32BE(0) % count === index - 1;
  });
}
