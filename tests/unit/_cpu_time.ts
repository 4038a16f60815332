/**
 * The CPU time a synchronous call takes, for the unit tier's time bounds: unlike wall time, it
 * does not grow when other processes share the machine (CI runs several test files at once).
 * @module
 */

/** Runs `f` and returns its value with the CPU time (user and system) it used, in ms. */
export function cpuTimed<T>(f: () => T): [T, number] {
  const started = process.cpuUsage();
  const value = f();
  const used = process.cpuUsage(started);
  return [value, (used.user + used.system) / 1000];
}
