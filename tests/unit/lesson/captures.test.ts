/**
 * Which captures the parts of a lesson bind and use (lib/lesson/captures.ts), table-driven, and
 * the loader's refusal of a check that uses a capture only a run binds.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type CaptureNames,
  expectationNames,
  type Find,
  probeNames,
  stepNames,
  textReferences,
  unboundInCheck,
} from "../../../lib/lesson/captures.ts";
import type { Check, Expectation, Probe, Step } from "../../../lib/lesson/types.ts";
import { LessonError, validateStep } from "../../../lib/lesson/validate.ts";
import { check, step } from "./_validate_cases.ts";

const names = (binds: string[], refs: string[]): CaptureNames => ({ binds, refs });
const shell = (run: string, stdout?: Expectation): Probe =>
  stdout === undefined ? { kind: "shell", run } : { kind: "shell", run, stdout };
const finder = (run: string, stdout: string): Find => ({ kind: "shell", run, stdout });
const aCheck = (fields: Partial<Check>): Check => ({
  id: "c",
  title: "C",
  hint: "h",
  probe: shell("true"),
  ...fields,
});

describe("textReferences()", () => {
  const cases: [string, string, string[]][] = [
    ["none", "docker ps", []],
    ["one, once", "rm -rf {{workdir}} {{workdir}}", ["workdir"]],
    ["several in order", "grep {{token}} {{workdir}}/t", ["token", "workdir"]],
    ["not a Go template", "docker inspect -f '{{.Name}}' {{id}}", ["id"]],
    ["not an escaped one", "tpl '\\{{end}}'", []],
    ["not a typed capture", "echo {{x:word}}", []],
  ];
  for (const [what, text, expected] of cases) {
    it(`finds ${what}`, () => assert.deepEqual(textReferences(text), expected));
  }
});

describe("expectationNames()", () => {
  const cases: [string, Expectation, string[], CaptureNames][] = [
    ["a capture", "{{dir:word}}", [], names(["dir"], [])],
    ["a reference to an unknown name", "token {{token}}", [], names([], ["token"])],
    ["a reference to a known name", "token {{token}}", ["token"], names([], [])],
    ["a capture then its reference", "{{a:int}}\n{{a}}", [], names(["a"], [])],
    ["a capture of a known name as no new binding", "{{a:int}}", ["a"], names([], [])],
    ["placeholders as nothing", "{{ipv4}} {{*}}", [], names([], [])],
    ["unordered lines", { kind: "unordered", text: "{{a:word}}\n{{b}}" }, [], names(["a"], ["b"])],
    [
      "JSON keys and values",
      { kind: "json", value: { "{{k}}": { Id: "{{net:id}}", Ip: "{{ip}}" } } },
      ["ip"],
      names(["net"], ["k"]),
    ],
    ["any", { kind: "any" }, [], names([], [])],
  ];
  for (const [what, expectation, known, expected] of cases) {
    it(`reads ${what}`, () => assert.deepEqual(expectationNames(expectation, known), expected));
  }
});

describe("probeNames()", () => {
  const cases: [string, Probe, string[], CaptureNames][] = [
    ["a shell probe's run", shell("test -d {{dir}}"), [], names([], ["dir"])],
    ["a shell probe's stdout capture", shell("pwd", "{{dir:word}}"), [], names(["dir"], [])],
    ["run before stdout", shell("ls {{a}}", "{{b:word}} {{a}}"), [], names(["b"], ["a"])],
    [
      "every string field of a Docker probe",
      { kind: "docker.attached", container: "{{c}}", network: "net", aliases: ["{{alias}}"] },
      [],
      names([], ["c", "alias"]),
    ],
    [
      "a docker.exec probe's stdout capture as its own (not bound after it)",
      { kind: "docker.exec", container: "web", command: "hostname", stdout: "{{h:word}}" },
      [],
      names([], []),
    ],
    [
      "a docker.http probe's JSON references",
      { kind: "docker.http", url: "http://x/{{path}}", json: { id: "{{id}}" } },
      ["id"],
      names([], ["path"]),
    ],
    ["a custom probe as nothing", { kind: "custom", fn: () => ({ ok: true, evidence: "" }) }, [], {
      binds: [],
      refs: [],
    }],
  ];
  for (const [what, probe, known, expected] of cases) {
    it(`reads ${what}`, () => assert.deepEqual(probeNames(probe, known), expected));
  }
});

describe("unboundInCheck()", () => {
  const find = finder("ls -dt /tmp/demo.*/ | head -n 1", "{{dir:/\\S+/}}/");
  const cases: [string, Check, string[], string | undefined, string[]][] = [
    ["a check that uses nothing", aCheck({}), [], undefined, []],
    ["a capture no check binds", aCheck({ probe: shell("test -d {{dir}}") }), [], "probe.run", []],
    [
      "a capture its find binds",
      aCheck({ find, probe: shell("test -d {{dir}}") }),
      [],
      undefined,
      ["dir"],
    ],
    [
      "a capture an earlier check bound",
      aCheck({ probe: shell("test -d {{dir}}") }),
      ["dir"],
      undefined,
      ["dir"],
    ],
    [
      "a capture an earlier probe of the list binds",
      aCheck({ probe: [shell("pwd", "{{dir:word}}"), shell("test -d {{dir}}")] }),
      [],
      undefined,
      ["dir"],
    ],
    [
      "a capture a later probe of the list binds",
      aCheck({ probe: [shell("test -d {{dir}}"), shell("pwd", "{{dir:word}}")] }),
      [],
      "probe[0].run",
      [],
    ],
    [
      "a find that uses what no one binds",
      aCheck({ find: [finder("ls {{root}}", "{{dir:word}}")], probe: shell("true") }),
      [],
      "find[0].run",
      [],
    ],
    [
      "a reference in a Docker probe's field",
      aCheck({ probe: { kind: "docker.container", container: "{{box}}" } }),
      [],
      "probe.container",
      [],
    ],
  ];
  for (const [what, c, known, field, after] of cases) {
    it(`${field === undefined ? "accepts" : `names ${field} for`} ${what}`, () => {
      const bound = new Set(known);
      const unbound = unboundInCheck(c, bound);
      assert.equal(unbound?.field, field);
      if (field !== undefined) assert.ok(unbound?.name);
      assert.deepEqual([...bound].sort(), after);
    });
  }
});

describe("stepNames()", () => {
  const cases: [string, Step, CaptureNames][] = [
    [
      "commands that bind and use their own captures",
      step({ commands: [{ run: "pwd", stdout: "{{dir:word}}" }, { run: "ls {{dir}}" }] }) as Step,
      names(["dir"], []),
    ],
    [
      "a command that uses an earlier step's capture",
      step({ commands: [{ run: "grep {{token}} {{dir}}/t", stdout: "{{n:int}}" }] }) as Step,
      names(["n"], ["token", "dir"]),
    ],
    [
      "a check that finds what it uses",
      check({
        find: shell("ls -d /tmp/x.*", "{{dir:word}}"),
        probe: shell("test -d {{dir}}"),
      }) as Step,
      names(["dir"], []),
    ],
    [
      "a check that uses what an earlier step bound",
      check({ probe: shell("test -d {{dir}}") }) as Step,
      names([], ["dir"]),
    ],
  ];
  for (const [what, s, expected] of cases) {
    it(`reads ${what}`, () => assert.deepEqual(stepNames(s), expected));
  }
});

describe("validateStep(): checks without a run", () => {
  const FILE = "lessons/x/steps/01_a.ts";
  const message = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      assert.ok(error instanceof LessonError, String(error));
      return error.message;
    }
    assert.fail("accepted");
  };
  const made = {
    id: "make",
    title: "Make",
    commands: [{ run: "mktemp -d", stdout: "{{dir:/\\/tmp\\/\\S+/}}" }],
  };

  it("refuses a check that uses a capture only a run binds, naming file, check and capture", () => {
    const known = new Set<string>();
    const readOnly = new Set<string>();
    assert.equal(validateStep(made, FILE, known, readOnly), made);
    const later = {
      id: "use",
      title: "Use",
      commands: [],
      checks: [aCheck({ id: "dir-made", probe: shell("test -d {{dir}}") })],
    };
    assert.equal(
      message(() => validateStep(later, FILE, known, readOnly)),
      `Cannot load step "${FILE}": "checks[0].probe.run" of check "dir-made" uses capture "dir", ` +
        `which only a run binds: give the check a "find" whose stdout binds it from the ` +
        `target's state`,
    );
  });

  it("accepts the check once it finds the capture, and a later step's check that reuses it", () => {
    const known = new Set<string>();
    const readOnly = new Set<string>();
    validateStep(made, FILE, known, readOnly);
    const finds = {
      id: "use",
      title: "Use",
      commands: [],
      checks: [aCheck({
        find: finder("ls -d /tmp/tmp.*", "{{dir:/\\/tmp\\/\\S+/}}"),
        probe: shell("test -d {{dir}}"),
      })],
    };
    assert.equal(validateStep(finds, FILE, known, readOnly), finds);
    assert.deepEqual([...readOnly], ["dir"]);
    const reuses = {
      id: "again",
      title: "Again",
      commands: [],
      checks: [aCheck({ id: "d", probe: shell("test -w {{dir}}") })],
    };
    assert.equal(validateStep(reuses, FILE, known, readOnly), reuses);
  });

  it("names a capture that nothing binds in a Docker probe's field", () => {
    assert.match(
      message(() =>
        validateStep(
          check({ probe: { kind: "docker.container", container: "{{box}}" } }),
          FILE,
        )
      ),
      /"checks\[0\]\.probe\.container" of check "c" uses capture "box", which nothing before it binds$/,
    );
  });

  it("checks a find's stdout pattern and its references like a probe's", () => {
    assert.match(
      message(() => validateStep(check({ find: shell("ls", "{{d:nosuchtype}}") }), FILE)),
      /"checks\[0\]\.find\.stdout": Cannot parse pattern line 1 .*nosuchtype/,
    );
    assert.match(
      message(() => validateStep(check({ find: shell("ls {{gone}}", "{{d:word}}") }), FILE)),
      /"checks\[0\]\.find\.run" refers to capture "gone", which no earlier expectation binds/,
    );
    assert.match(
      message(() => validateStep(check({ find: { kind: "shell", run: "ls" } }), FILE)),
      /"checks\[0\]\.find/,
    );
  });
});
