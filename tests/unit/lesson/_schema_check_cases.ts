/**
 * The tables of schema.test.ts, continued: checks, probes (every kind's fields) and lesson
 * indexes the lesson format's schema refuses, each with the field the one-line message must
 * name and a pattern for what it says; and modules it accepts.
 * @module
 */
import { type Bad, check, command, type Good, step } from "./_validate_cases.ts";

const probe = (fields: Record<string, unknown>) => check({ probe: fields });
const index = (fields: Record<string, unknown>) => ({ title: "T", steps: ["a.ts"], ...fields });

/** Checks and probes the schema refuses. */
export const BAD_CHECK_SHAPES: Bad[] = [
  // Checks
  [
    "a check id with a newline",
    check({ id: "a\nb" }),
    "checks[0].id",
    /must be letters, digits, .*, got "a\\nb"/,
  ],
  ["a control that is no id", check({ control: "x y" }), "checks[0].control", /got "x y"/],
  ["infinite points", check({ points: Infinity }), "checks[0].points", /at least 0, got Infinity/],
  [
    "a retry of 2^31 ms",
    check({ retry: { withinMs: 2 ** 31 } }),
    "checks[0].retry.withinMs",
    /at most 2147483647/,
  ],
  ["a misspelt check field", check({ hints: "h" }), "checks[0].hints", /is not a known field/],
  [
    "a probe that is a string",
    check({ probe: "shell" }),
    "checks[0].probe",
    /must be an object with a "kind", or a non-empty list of them, got "shell"/,
  ],
  // Probes
  [
    "a probe kind docker.bogus",
    probe({ kind: "docker.bogus" }),
    "checks[0].probe.kind",
    /must be a probe kind: "shell", "custom", "docker.network", .*, got "docker.bogus"/,
  ],
  [
    "docker.bogus in a list",
    check({ probe: [{ kind: "docker.volume", volume: "v" }, { kind: "docker.bogus" }] }),
    "checks[0].probe[1].kind",
    /got "docker.bogus"/,
  ],
  ["an empty probe kind", probe({ kind: "" }), "checks[0].probe.kind", /got ""/],
  [
    "a shell probe exit code in words",
    probe({ kind: "shell", run: "x", exitCode: "zero" }),
    "checks[0].probe.exitCode",
    /0-255/,
  ],
  [
    "a network probe without network",
    probe({ kind: "docker.network" }),
    "checks[0].probe.network",
    /is missing/,
  ],
  [
    "internal as a string",
    probe({ kind: "docker.network", network: "n", internal: "yes" }),
    "checks[0].probe.internal",
    /must be true or false, got "yes"/,
  ],
  [
    "a container probe's image as a number",
    probe({ kind: "docker.container", container: "c", image: 7 }),
    "checks[0].probe.image",
    /non-empty string, got 7/,
  ],
  [
    "aliases as a string",
    probe({ kind: "docker.attached", container: "c", network: "n", aliases: "db" }),
    "checks[0].probe.aliases",
    /must be an array, got "db"/,
  ],
  [
    "sameAs empty",
    probe({ kind: "docker.resolves", name: "a", network: "n", sameAs: "" }),
    "checks[0].probe.sameAs",
    /non-empty string/,
  ],
  [
    "port 70000",
    probe({ kind: "docker.tcp", host: "h", port: 70000, network: "n" }),
    "checks[0].probe.port",
    /must be an integer from 1 to 65535, got 70000/,
  ],
  [
    "port as text",
    probe({ kind: "docker.tcp", host: "h", port: "80", network: "n" }),
    "checks[0].probe.port",
    /got "80"/,
  ],
  [
    "method PUT",
    probe({ kind: "docker.http", url: "u", method: "PUT" }),
    "checks[0].probe.method",
    /must be "GET" or "POST", got "PUT"/,
  ],
  [
    "status 99",
    probe({ kind: "docker.http", url: "u", status: 99 }),
    "checks[0].probe.status",
    /from 100 to 599, got 99/,
  ],
  [
    "a header that is a number",
    probe({ kind: "docker.http", url: "u", headers: { "X-N": 1 } }),
    'checks[0].probe.headers["X-N"]',
    /must be a string, got 1/,
  ],
  [
    "an exec exit code of 300",
    probe({ kind: "docker.exec", container: "c", command: "x", exitCode: 300 }),
    "checks[0].probe.exitCode",
    /from 0 to 255, got 300/,
  ],
  [
    "an exec pattern that cannot be parsed",
    probe({ kind: "docker.exec", container: "c", command: "x", stdout: "{{x:nosuch}}" }),
    "checks[0].probe.stdout",
    /nosuch/,
  ],
  [
    "a volume probe's exists as a number",
    probe({ kind: "docker.volume", volume: "v", exists: 1 }),
    "checks[0].probe.exists",
    /true or false, got 1/,
  ],
  ["a custom probe without fn", probe({ kind: "custom" }), "checks[0].probe.fn", /is missing/],
];

/** Lesson indexes the schema refuses. */
export const BAD_INDEX_SHAPES: Bad[] = [
  ["images as a string", index({ images: "redis" }), "images", /must be an array, got "redis"/],
  [
    "a build without its offline Dockerfile",
    index({ builds: [{ image: "i", context: "c" }] }),
    "builds[0].offlineDockerfile",
    /is missing/,
  ],
  [
    "a description that is a number",
    index({ description: 3 }),
    "description",
    /must be a string, got 3/,
  ],
  ["an empty doc", index({ doc: "" }), "doc", /non-empty string/],
  ["a misspelt field", index({ step: ["a.ts"] }), "step", /is not a known field/],
  [
    "no steps",
    { title: "T" },
    "steps",
    /is missing; it must be a non-empty array of step module paths/,
  ],
];

/** Step modules the schema accepts. */
export const GOOD_STEP_SHAPES: Good[] = [
  ["the longest time limit", command({ timeoutMs: 2 ** 31 - 1, stop: { kind: "time", ms: 1 } })],
  [
    "every signal",
    step({
      commands: ["SIGINT", "SIGTERM", "SIGKILL"].map((signal) => ({
        run: "x",
        stop: { kind: "lines", count: 1, signal },
      })),
    }),
  ],
  ["a probe of a target's own kind", probe({ kind: "host.file", path: "/etc/hosts" })],
  [
    "every docker probe, every field",
    check({
      probe: [
        { kind: "docker.network", network: "n", driver: "bridge", scope: "local", internal: false },
        { kind: "docker.container", container: "c", running: true, image: "redis:7-alpine" },
        { kind: "docker.attached", container: "c", network: "n", attached: true, aliases: ["db"] },
        {
          kind: "docker.resolves",
          name: "db",
          network: "n",
          resolves: true,
          sameAs: "c",
          image: "alpine",
        },
        { kind: "docker.tcp", host: "db", port: 6379, network: "n", open: true, image: "alpine" },
        {
          kind: "docker.http",
          url: "http://a/",
          network: "n",
          status: 200,
          json: { ok: true },
          method: "POST",
          body: "{}",
          headers: { "Content-Type": "application/json" },
          image: "alpine",
        },
        {
          kind: "docker.exec",
          container: "c",
          command: "true",
          stdout: { kind: "any" },
          exitCode: 0,
        },
        { kind: "docker.volume", volume: "v", exists: false },
      ],
    }),
  ],
];
