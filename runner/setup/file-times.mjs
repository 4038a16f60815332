// A node:test reporter that records how long each test file took, from the moment the runner
// started it to its last event, and writes the files slowest first ("seconds path" lines) when
// the run ends. test.sh adds it beside the spec reporter, writing to a file, to find what
// to speed up next; Node 20 reports durations by test, not by file.
import { relative } from "node:path";

export default async function* fileTimes(source) {
  const started = new Map();
  const last = new Map();
  for await (const event of source) {
    const file = event.data?.file;
    if (file === undefined) continue;
    const now = performance.now();
    // Every file is enqueued at once; it starts when the runner dequeues it.
    if (!started.has(file) && event.type === "test:dequeue") started.set(file, now);
    last.set(file, now);
  }
  const rows = [...last].map(([file, t1]) => [(t1 - (started.get(file) ?? t1)) / 1000, file]);
  rows.sort((a, b) => b[0] - a[0]);
  for (const [seconds, file] of rows) {
    yield `${seconds.toFixed(1).padStart(7)} ${relative(process.cwd(), file)}\n`;
  }
}
