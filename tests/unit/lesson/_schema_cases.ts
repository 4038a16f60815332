/**
 * The tables of schema.test.ts: step modules the lesson format's schema refuses (expectations,
 * stop conditions, commands, steps), each with the field the one-line message must name and a
 * pattern for what it says, quoting the bad value. Checks, probes and indexes are in
 * _schema_check_cases.ts.
 * @module
 */
import { type Bad, command, step } from "./_validate_cases.ts";

export const BAD_STEP_SHAPES: Bad[] = [
  // Expectations
  [
    "unordered without text",
    command({ stdout: { kind: "unordered" } }),
    "commands[0].stdout.text",
    /^is missing$/,
  ],
  [
    "text that is a number",
    command({ stdout: { kind: "unordered", text: 3 } }),
    "commands[0].stdout.text",
    /^must be a string, got 3$/,
  ],
  [
    "lines text that is a list",
    command({ stderr: { kind: "lines", text: ["a"] } }),
    "commands[0].stderr.text",
    /must be a string, got \["a"\]/,
  ],
  [
    "an unknown expectation kind",
    command({ stdout: { kind: "regex", text: "x" } }),
    "commands[0].stdout.kind",
    /must be "lines", "unordered", "json" or "any", got "regex"/,
  ],
  [
    "json without a value",
    command({ stdout: { kind: "json" } }),
    "commands[0].stdout.value",
    /is missing/,
  ],
  [
    "a negative header",
    command({ stdout: { kind: "unordered", text: "x", header: -1 } }),
    "commands[0].stdout.header",
    /an integer of at least 0, got -1/,
  ],
  [
    "an expectation without kind",
    command({ stdout: { text: "x" } }),
    "commands[0].stdout",
    /must be an object with a "kind", got \{"text":"x"\}/,
  ],
  // Stop conditions
  [
    "an unknown signal",
    command({ stop: { kind: "lines", count: 3, signal: "SIGFOO" } }),
    "commands[0].stop.signal",
    /must be "SIGINT", "SIGTERM" or "SIGKILL", got "SIGFOO"/,
  ],
  [
    "a line count of 1.5",
    command({ stop: { kind: "lines", count: 1.5 } }),
    "commands[0].stop.count",
    /must be a positive integer, got 1\.5/,
  ],
  [
    "a stop time of 2^31 ms",
    command({ stop: { kind: "time", ms: 2 ** 31 } }),
    "commands[0].stop.ms",
    /must be at most 2147483647, got 2147483648/,
  ],
  [
    "a stop pattern that is a number",
    command({ stop: { kind: "pattern", pattern: 5 } }),
    "commands[0].stop.pattern",
    /must be a non-empty string, got 5/,
  ],
  // Commands
  [
    "tags that are a string",
    command({ tags: "network" }),
    "commands[0].tags",
    /must be an array, got "network"/,
  ],
  [
    "an empty tag",
    command({ tags: [""] }),
    "commands[0].tags[0]",
    /must be a non-empty string, got ""/,
  ],
  [
    "a time limit of 2^31 ms",
    command({ timeoutMs: 2 ** 31 }),
    "commands[0].timeoutMs",
    /must be at most 2147483647, got 2147483648/,
  ],
  [
    "an infinite time limit",
    command({ timeoutMs: Infinity }),
    "commands[0].timeoutMs",
    /must be a positive number, got Infinity/,
  ],
  ["a time limit that is NaN", command({ timeoutMs: NaN }), "commands[0].timeoutMs", /got NaN/],
  [
    "an exit code of 1.5",
    command({ exitCode: 1.5 }),
    "commands[0].exitCode",
    /must be 0-255, "nonzero" or "any", got 1\.5/,
  ],
  [
    "an unknown where",
    command({ where: { kind: "vm" } }),
    "commands[0].where.kind",
    /must be "shell", "container" or "session", got "vm"/,
  ],
  [
    "a container where without its container",
    command({ where: { kind: "container" } }),
    "commands[0].where.container",
    /is missing/,
  ],
  [
    "where as a string",
    command({ where: "shell" }),
    "commands[0].where",
    /must be an object with a "kind", got "shell"/,
  ],
  ["doc as a string", command({ doc: "no" }), "commands[0].doc", /must be true or false, got "no"/],
  [
    "a misspelt field",
    command({ stdot: "x" }),
    "commands[0].stdot",
    /is not a known field: use "run", "where", .* or "doc"/,
  ],
  // Steps
  ["step tags that are a string", step({ tags: "network" }), "tags", /must be an array/],
  ["a misspelt step field", step({ check: [] }), "check", /is not a known field/],
  ["a title with only a number", step({ title: 0 }), "title", /must be a non-empty string, got 0/],
];
