/**
 * The table of validate.test.ts: good and bad steps and lesson indexes. A bad case names the
 * field the message must name ("" for the module itself) and a pattern for the problem.
 * @module
 */

/** A case that must load: what it is, and the module's default export. */
export type Good = [what: string, value: unknown];

/** A case that must be refused: what it is, the value, the field named, the problem. */
export type Bad = [what: string, value: unknown, field: string, problem: RegExp];

/** A valid step with `fields` set over it. */
export const step = (fields: Record<string, unknown>) => ({
  id: "a",
  title: "A",
  commands: [{ run: "true" }],
  ...fields,
});
/** A step whose one command has `fields` set over it. */
export const command = (fields: Record<string, unknown>) =>
  step({ commands: [{ run: "true", ...fields }] });
/** A step whose one check has `fields` set over it. */
export const check = (fields: Record<string, unknown>) =>
  step({
    checks: [{ id: "c", title: "C", hint: "h", probe: { kind: "shell", run: "true" }, ...fields }],
  });

export const GOOD_STEPS: Good[] = [
  ["a minimal step", step({})],
  ["a step with no commands", step({ commands: [] })],
  ["ids with digits, - and _", step({ id: "02_make-net" })],
  [
    "every command field",
    command({
      where: { kind: "container", container: "web" },
      opens: "shell",
      stdout: "hello {{who:word}}",
      stderr: { kind: "any" },
      exitCode: "nonzero",
      timeoutMs: 5000,
      stop: { kind: "pattern", pattern: "ready", signal: "SIGINT" },
      tags: ["network"],
      doc: false,
    }),
  ],
  [
    "exit codes 0, 255 and any",
    step({
      commands: [{ run: "a", exitCode: 0 }, { run: "b", exitCode: 255 }, {
        run: "c",
        exitCode: "any",
      }],
    }),
  ],
  [
    "stop after lines and after time",
    step({
      commands: [
        { run: "ping a", stop: { kind: "lines", count: 3 } },
        { run: "ping b", stop: { kind: "time", ms: 500 } },
      ],
    }),
  ],
  [
    "the expectation forms",
    step({
      commands: [
        { run: "a", stdout: { kind: "lines", text: "x" } },
        { run: "b", stdout: { kind: "unordered", text: "NAME\nx\ny", header: 1 } },
        { run: "c", stdout: { kind: "json", value: { id: "{{id}}" } } },
      ],
    }),
  ],
  [
    "a capture used by a later command",
    step({
      commands: [{ run: "make", stdout: "{{tok:word}}" }, { run: "use {{tok}}" }],
    }),
  ],
  ["an escaped template that looks like a capture", command({ run: "tpl '\\{{end}}'" })],
  [
    "a check with points, a probe list, a control and retry",
    check({
      points: 3,
      probe: [{ kind: "shell", run: "a" }, {
        kind: "custom",
        fn: () => ({ ok: true, evidence: "" }),
      }],
      control: "other",
      retry: { withinMs: 5000, everyMs: 500 },
    }),
  ],
  ["a probe of a kind a target adds", check({ probe: { kind: "container", name: "web" } })],
  ["zero points", check({ points: 0 })],
];

export const BAD_STEPS: Bad[] = [
  ["no default export object", undefined, "", /has no default export object/],
  ["an array", [], "", /has no default export object/],
  ["no id", { title: "A", commands: [] }, "", /default export has no "id" field/],
  ["an empty id", step({ id: "" }), "id", /must be a non-empty string/],
  ["an upper-case id", step({ id: "Make" }), "id", /must be lower-case letters.*"Make"/],
  ["no title", step({ title: undefined }), "title", /is missing/],
  ["a number as title", step({ title: 3 }), "title", /must be a non-empty string/],
  ["no commands", step({ commands: undefined }), "", /default export has no "commands" field/],
  ["commands not a list", step({ commands: {} }), "commands", /must be an array/],
  ["a command that is a string", step({ commands: ["ls"] }), "commands[0]", /must be an object/],
  [
    "a command with no run",
    step({ commands: [{ run: "true" }, {}] }),
    "commands[1].run",
    /is missing/,
  ],
  [
    "an unbound capture in run",
    command({ run: "rm {{gone}}" }),
    "commands[0].run",
    /refers to capture "gone", which no earlier expectation binds/,
  ],
  [
    "a capture used before it is bound",
    step({
      commands: [{ run: "use {{tok}}" }, { run: "make", stdout: "{{tok:word}}" }],
    }),
    "commands[0].run",
    /capture "tok"/,
  ],
  [
    "a pattern that cannot be parsed",
    command({ stdout: "{{x:nosuchtype}}" }),
    "commands[0].stdout",
    /nosuchtype/,
  ],
  [
    "an expectation that is a number",
    command({ stderr: 3 }),
    "commands[0].stderr",
    /must be a string or an expectation object/,
  ],
  [
    "exit code 256",
    command({ exitCode: 256 }),
    "commands[0].exitCode",
    /must be 0-255, "nonzero" or "any", got 256/,
  ],
  ["exit code -1", command({ exitCode: -1 }), "commands[0].exitCode", /got -1/],
  ["exit code 'zero'", command({ exitCode: "zero" }), "commands[0].exitCode", /got "zero"/],
  [
    "a zero time limit",
    command({ timeoutMs: 0 }),
    "commands[0].timeoutMs",
    /must be a positive number, got 0/,
  ],
  ["a time limit in words", command({ timeoutMs: "5s" }), "commands[0].timeoutMs", /got "5s"/],
  [
    "where without kind",
    command({ where: { container: "web" } }),
    "commands[0].where",
    /must be an object with a "kind"/,
  ],
  ["stop as a string", command({ stop: "^C" }), "commands[0].stop", /must be an object/],
  [
    "an unknown stop kind",
    command({ stop: { kind: "never" } }),
    "commands[0].stop.kind",
    /must be "pattern", "lines" or "time"/,
  ],
  [
    "a stop pattern missing",
    command({ stop: { kind: "pattern" } }),
    "commands[0].stop.pattern",
    /is missing/,
  ],
  [
    "a stop pattern that cannot be parsed",
    command({ stop: { kind: "pattern", pattern: "{{x:nosuchtype}}" } }),
    "commands[0].stop.pattern",
    /nosuchtype/,
  ],
  [
    "stop after no lines",
    command({ stop: { kind: "lines", count: 0 } }),
    "commands[0].stop.count",
    /must be a positive integer, got 0/,
  ],
  [
    "stop after negative time",
    command({ stop: { kind: "time", ms: -5 } }),
    "commands[0].stop.ms",
    /positive number/,
  ],
  ["checks not a list", step({ checks: {} }), "checks", /must be an array/],
  ["a check that is a string", step({ checks: ["c"] }), "checks[0]", /must be an object/],
  ["a check with no hint", check({ hint: undefined }), "checks[0].hint", /is missing/],
  ["a check with no id", check({ id: "" }), "checks[0].id", /must be a non-empty string/],
  ["negative points", check({ points: -1 }), "checks[0].points", /must be a number of at least 0/],
  ["points as text", check({ points: "3" }), "checks[0].points", /at least 0/],
  ["no probe", check({ probe: undefined }), "checks[0].probe", /must be an object with a "kind"/],
  ["an empty probe list", check({ probe: [] }), "checks[0].probe", /must not be an empty list/],
  [
    "a bad probe in a list",
    check({ probe: [{ kind: "shell", run: "a" }, { run: "b" }] }),
    "checks[0].probe[1]",
    /"kind"/,
  ],
  [
    "a shell probe with no run",
    check({ probe: { kind: "shell" } }),
    "checks[0].probe.run",
    /is missing/,
  ],
  [
    "a shell probe with an unbound capture",
    check({ probe: { kind: "shell", run: "ls {{gone}}" } }),
    "checks[0].probe.run",
    /capture "gone"/,
  ],
  [
    "a custom probe with no function",
    check({ probe: { kind: "custom", fn: "x" } }),
    "checks[0].probe.fn",
    /must be a function/,
  ],
  ["retry as a number", check({ retry: 5000 }), "checks[0].retry", /must be an object/],
  [
    "retry with no deadline",
    check({ retry: { everyMs: 100 } }),
    "checks[0].retry.withinMs",
    /is missing/,
  ],
  [
    "retry every 0 ms",
    check({ retry: { withinMs: 100, everyMs: 0 } }),
    "checks[0].retry.everyMs",
    /positive number, got 0/,
  ],
];

export const GOOD_INDEXES: Good[] = [
  ["a minimal index", { title: "Demo", steps: ["steps/01_a.ts"] }],
  ["every field", {
    title: "Demo",
    description: "Two sentences.",
    steps: ["steps/01_a.ts", "steps/02_b.ts"],
    doc: "README.md",
    images: ["redis:7-alpine"],
    target: "docker",
  }],
  ["the local target", { title: "Demo", steps: ["a.ts"], target: "local" }],
];

export const BAD_INDEXES: Bad[] = [
  ["no default export object", null, "", /has no default export object/],
  ["no title", { steps: ["a.ts"] }, "title", /is missing/],
  ["an empty title", { title: "", steps: ["a.ts"] }, "title", /non-empty string/],
  ["no steps", { title: "Demo" }, "steps", /must be a non-empty array of step module paths/],
  ["an empty step list", { title: "Demo", steps: [] }, "steps", /non-empty array/],
  [
    "a step path that is not a string",
    { title: "Demo", steps: ["a.ts", 2] },
    "steps[1]",
    /non-empty string/,
  ],
  [
    "an unknown target",
    { title: "Demo", steps: ["a.ts"], target: "ssh" },
    "target",
    /must be "local" or "docker", got "ssh"/,
  ],
];
