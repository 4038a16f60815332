/**
 * The host probe kinds in the lesson format: every field is checked at load, and a bad one is
 * refused with one line naming the file and the field's path; every kind with every field loads.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LessonError, validateStep } from "../../../lib/lesson/validate.ts";
import { type Bad, check } from "./_validate_cases.ts";

const FILE = "lessons/x/steps/01.ts";
const probe = (fields: Record<string, unknown>) => check({ probe: fields });
const P = "checks[0].probe";

const BAD: Bad[] = [
  [
    "a file mode in words",
    probe({ kind: "file", path: "/p", mode: "rw-r" }),
    `${P}.mode`,
    /three or four octal digits, e\.g\. "0640", got "rw-r"/,
  ],
  [
    "a file mode of five digits",
    probe({ kind: "file", path: "/p", mode: "01777" }),
    `${P}.mode`,
    /got "01777"/,
  ],
  [
    "a file type socket",
    probe({ kind: "file", path: "/p", type: "socket" }),
    `${P}.type`,
    /must be "file", "directory" or "symlink", got "socket"/,
  ],
  [
    "a negative minSize",
    probe({ kind: "file", path: "/p", minSize: -1 }),
    `${P}.minSize`,
    /at least 0, got -1/,
  ],
  [
    "a misspelt file field",
    probe({ kind: "file", path: "/p", perms: "0640" }),
    `${P}.perms`,
    /is not a known field/,
  ],
  ["a file without path", probe({ kind: "file", mode: "0640" }), `${P}.path`, /is missing/],
  [
    "a relative file path",
    probe({ kind: "file", path: "srv/project" }),
    `${P}.path`,
    /must be absolute \(start with \/\), got "srv\/project"/,
  ],
  [
    "a file's maxSize below its minSize",
    probe({ kind: "file", path: "/p", minSize: 10, maxSize: 2 }),
    `${P}.maxSize`,
    /must not be less than the least, got 2 below 10/,
  ],
  [
    "a process count whose max is below its min",
    probe({ kind: "process", name: "sleep", count: { min: 3, max: 1 } }),
    `${P}.count.max`,
    /got 1 below 3/,
  ],
  [
    "a process name longer than Linux keeps",
    probe({ kind: "process", name: "python3-http-server" }),
    `${P}.name`,
    /at most 15 characters.*use "match".*got "python3-http-server"/,
  ],
  [
    "a content pattern that cannot be parsed",
    probe({ kind: "file", path: "/p", content: "{{x:nosuch}}" }),
    `${P}.content`,
    /nosuch/,
  ],
  [
    "user groups as a string",
    probe({ kind: "user", name: "u", groups: "wheel" }),
    `${P}.groups`,
    /must be an array, got "wheel"/,
  ],
  ["a uid as text", probe({ kind: "user", name: "u", uid: "0" }), `${P}.uid`, /got "0"/],
  [
    "a group member that is a number",
    probe({ kind: "group", name: "g", members: [1] }),
    `${P}.members[0]`,
    /non-empty string, got 1/,
  ],
  ["port 0", probe({ kind: "port", port: 0 }), `${P}.port`, /from 1 to 65535, got 0/],
  [
    "protocol sctp",
    probe({ kind: "port", port: 80, protocol: "sctp" }),
    `${P}.protocol`,
    /must be "tcp" or "udp", got "sctp"/,
  ],
  [
    "a process with neither name nor match",
    probe({ kind: "process", user: "u" }),
    P,
    /needs "name" or "match"/,
  ],
  [
    "a process regex with a backreference",
    probe({ kind: "process", match: "(a)\\1" }),
    `${P}.match`,
    /backreference/,
  ],
  [
    "a negative process count",
    probe({ kind: "process", name: "n", count: -1 }),
    `${P}.count`,
    /at least 0, or \{min, max\}/,
  ],
  [
    "a count with a misspelt bound",
    probe({ kind: "process", name: "n", count: { mx: 1 } }),
    `${P}.count.mx`,
    /is not a known field/,
  ],
  [
    "service active in words",
    probe({ kind: "service", name: "s", active: "yes" }),
    `${P}.active`,
    /true or false, got "yes"/,
  ],
  [
    "a version pattern of two lines",
    probe({ kind: "package", name: "p", version: "1\n2" }),
    `${P}.version`,
    /one line/,
  ],
  ["a command without run", probe({ kind: "command", stdout: "x" }), `${P}.run`, /is missing/],
  [
    "a command stderr that cannot be parsed",
    probe({ kind: "command", run: "x", stderr: "{{y:nosuch}}" }),
    `${P}.stderr`,
    /nosuch/,
  ],
  [
    "a command using an unbound capture",
    probe({ kind: "command", run: "cat {{nope}}" }),
    `${P}.run`,
    /refers to capture "nope"/,
  ],
  [
    "an http method PUT",
    probe({ kind: "http", url: "http://h/", method: "PUT" }),
    `${P}.method`,
    /"GET" or "POST", got "PUT"/,
  ],
  [
    "an http status 99",
    probe({ kind: "http", url: "http://h/", status: 99 }),
    `${P}.status`,
    /from 100 to 599, got 99/,
  ],
  [
    "an http header that is a number",
    probe({ kind: "http", url: "http://h/", headers: { "X-N": 1 } }),
    `${P}.headers["X-N"]`,
    /must be a string, got 1/,
  ],
];

describe("host probes: the loader refuses a bad field with one line naming file and field", () => {
  for (const [name, value, field, problem] of BAD) {
    it(`${name}, naming "${field}"`, () => {
      let message = "";
      try {
        validateStep(value, FILE);
      } catch (error) {
        assert.ok(error instanceof LessonError, `not a LessonError: ${error}`);
        message = error.message;
      }
      const head = `Cannot load step "${FILE}": "${field}"`;
      assert.ok(message.startsWith(head), `${message || "accepted"}\ndoes not start with ${head}`);
      assert.match(message.slice(head.length).replace(/^:? /, ""), problem);
      assert.ok(!message.includes("\n"), `more than one line: ${message}`);
    });
  }
});

describe("host probes: every kind with every field loads", () => {
  it("accepts them all, with captures bound by an earlier part", () => {
    const value = check({
      probe: [
        { kind: "command", run: "hostname", stdout: "{{host:word}}", stderr: "", exitCode: 0 },
        {
          kind: "file",
          path: "/etc/app.conf",
          exists: true,
          type: "symlink",
          target: "real.conf",
          mode: "2770",
          owner: "root",
          group: "staff",
          minSize: 0,
          maxSize: 100,
          content: { kind: "any" },
          json: { name: "{{word}}" },
        },
        {
          kind: "user",
          name: "alice",
          exists: true,
          uid: 1000,
          gid: 1000,
          home: "/home/alice",
          shell: "/bin/bash",
          groups: ["staff"],
        },
        { kind: "group", name: "staff", exists: true, gid: 50, members: ["alice"] },
        // A process name of 15 characters, equal bounds.
        { kind: "file", path: "/token", minSize: 4, maxSize: 4 },
        { kind: "process", name: "systemd-journal", count: { min: 1, max: 1 } },
        {
          kind: "port",
          port: 8080,
          protocol: "tcp",
          address: "127.0.0.1",
          listening: true,
          process: "python3",
        },
        {
          kind: "process",
          name: "nginx",
          match: "master process",
          user: "root",
          count: { min: 1 },
          running: true,
        },
        { kind: "process", match: "worker", count: 4 },
        { kind: "service", name: "nginx", active: true, enabled: true },
        { kind: "package", name: "nginx", installed: true, version: "1.{{*}}" },
        {
          kind: "http",
          url: "http://localhost:8080/health",
          status: 201,
          json: { ok: true },
          body: "{{*}}",
          method: "POST",
          headers: { "X-Token": "t" },
          data: "{}",
        },
      ],
    });
    validateStep(value, FILE);
  });
});
