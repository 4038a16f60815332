/**
 * The time a synchronous call takes, for the unit tier's time bounds, robust to a busy machine.
 * CPU time does not grow when other processes share the cores (CI runs several test files at
 * once under Node, each in its own process); wall time does not grow when other threads of the
 * same process work (Deno's --parallel runs test files as workers of one process, whose CPU
 * time they share). The smaller of the two grows only when the call itself takes longer.
 * @module
 */

/** Runs `f` and returns its value with the lesser of its CPU time and its wall time, in ms. */
export function cpuTimed<T>(f: () => T): [T, number] {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const value = f();
  const wallMs = performance.now() - wall;
  const used = process.cpuUsage(cpu);
  return [value, Math.min(wallMs, (used.user + used.system) / 1000)];
}
