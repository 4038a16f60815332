// A node:test reporter: Node's own TAP output, with one line for each failed test just before
// the summary, so that a long run's failures can be found from its last lines. In TAP a
// failure's details come where the test ran, often thousands of lines before the summary that
// ends the output. Each line is a TAP comment:
//   # failed: tests/x.test.ts › a suite › a test: the error's first line
// A suite that failed only because of its subtests is not repeated; a test file that failed on
// its own (it threw while loading, or a hook failed) is named by its path.
import { relative } from "node:path";
import { tap } from "node:test/reporters";

/** The summary's first line, which the failures go before. */
const SUMMARY_START = /^tests \d+$/;

export default async function* tapFailures(source) {
  yield* tap(withFailureLines(source));
}

async function* withFailureLines(source) {
  const failures = [];
  const names = new Map(); // file -> the names of the tests now running in it, by nesting
  let listed = false;
  for await (const event of source) {
    const data = event.data ?? {};
    if (event.type === "test:start") {
      const stack = names.get(data.file) ?? [];
      stack.length = data.nesting;
      stack.push(data.name);
      names.set(data.file, stack);
    } else if (event.type === "test:fail" && !onlySubtestsFailed(data)) {
      failures.push(failureLine(data, names.get(data.file) ?? []));
    } else if (
      event.type === "test:diagnostic" && data.nesting === 0 && !listed &&
      SUMMARY_START.test(data.message)
    ) {
      listed = true;
      for (const message of failures) {
        yield { type: "test:diagnostic", data: { nesting: 0, message, file: undefined } };
      }
    }
    yield event;
  }
}

function onlySubtestsFailed(data) {
  return data.details?.error?.failureType === "subtestsFailed";
}

function failureLine(data, stack) {
  const file = data.file === undefined ? "" : relative(process.cwd(), data.file);
  const path = data.name === data.file ? [] : [...stack.slice(0, data.nesting), data.name];
  const where = [file, ...path].filter((part) => part !== "").join(" › ");
  const error = data.details?.error;
  const message = String(error?.cause?.message ?? error?.message ?? "").trim().split("\n")[0];
  return `failed: ${where}${message === "" ? "" : `: ${message}`}`;
}
