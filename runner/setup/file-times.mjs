// A node:test reporter that writes how long each test file took, slowest first ("seconds path"
// lines), when the run ends. Node 20 reports durations by test; the file's own duration comes
// with the `test:complete` event of the test named after the file (process isolation), which
// covers its start-up and its file-level hooks too. test.sh adds it beside the spec reporter,
// writing to a file, to find what to speed up next.
import { relative } from "node:path";

export default async function* fileTimes(source) {
  const rows = [];
  for await (const event of source) {
    const { file, name, details } = event.data ?? {};
    if (event.type !== "test:complete" || file === undefined || name !== file) continue;
    rows.push([(details?.duration_ms ?? 0) / 1000, file, details?.passed === false]);
  }
  rows.sort((a, b) => b[0] - a[0]);
  for (const [seconds, file, failed] of rows) {
    const status = failed ? "  (failed)" : "";
    yield `${seconds.toFixed(1).padStart(7)} ${relative(process.cwd(), file)}${status}\n`;
  }
}
