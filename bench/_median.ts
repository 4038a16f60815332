/**
 * The median the benches report: of a set of times, or the item whose figure is the median
 * (the run of median CPU, whose other figures then come from that same run).
 * @module
 */

/** The item whose `key` is the median: the upper one of an even count. */
export function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)];
}

/** The median of some numbers (the upper one of an even count). */
export function median(xs: readonly number[]): number {
  return medianBy(xs, (x) => x);
}
