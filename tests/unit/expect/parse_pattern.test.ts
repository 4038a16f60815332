import { test } from "node:test";
import assert from "node:assert/strict";
import { parsePattern } from "../../../lib/expect/parse_pattern.ts";
import { parseExpectation } from "../../../lib/expect/parse_expectation.ts";
import { match } from "../../../lib/expect/match.ts";

const errors: [string, string, string[] | undefined, string][] = [
  [
    "an unknown placeholder type",
    "a\nb\n{{foo}}",
    [],
    'Cannot parse pattern line 3 "{{foo}}": unknown placeholder type "foo"',
  ],
  [
    "an unknown type in a capture",
    "x {{net:ipv5}}",
    undefined,
    'Cannot parse pattern line 1 "x {{net:ipv5}}": unknown placeholder type "ipv5"',
  ],
  [
    "a placeholder that is not a name",
    "{{.Name}}",
    undefined,
    'Cannot parse pattern line 1 "{{.Name}}": unknown placeholder type ".Name"',
  ],
  [
    "an unterminated placeholder",
    "ok\nseq={{int ttl",
    undefined,
    'Cannot parse pattern line 2 "seq={{int ttl": unterminated placeholder "{{int ttl"',
  ],
  [
    "an unterminated regex",
    "{{/abc}}",
    undefined,
    'Cannot parse pattern line 1 "{{/abc}}": unterminated placeholder "{{/abc}}"',
  ],
  [
    "an invalid regex",
    "{{/(/}}",
    undefined,
    'Cannot parse pattern line 1 "{{/(/}}": invalid regex "(": Unterminated group',
  ],
  [
    "a numbered backreference",
    "{{/(a)\\1/}}",
    undefined,
    'Cannot parse pattern line 1 "{{/(a)\\1/}}": backreference "\\1" in regex "(a)\\1": ' +
    "patterns run on RE2 in linear time, which has no backreferences or lookaround",
  ],
  [
    "a named backreference",
    "x {{/(?<q>a)\\k<q>/}}",
    undefined,
    'Cannot parse pattern line 1 "x {{/(?<q>a)\\k<q>/}}": backreference "\\k<q>" in regex ' +
    '"(?<q>a)\\k<q>": patterns run on RE2 in linear time, which has no backreferences or lookaround',
  ],
  [
    "a lookahead",
    "{{v:/a(?!b)/}}",
    undefined,
    'Cannot parse pattern line 1 "{{v:/a(?!b)/}}": lookahead "(?!" in regex "a(?!b)": ' +
    "patterns run on RE2 in linear time, which has no backreferences or lookaround",
  ],
  [
    "a lookbehind",
    "{{/(?<=a)b/}}",
    undefined,
    'Cannot parse pattern line 1 "{{/(?<=a)b/}}": lookbehind "(?<=" in regex "(?<=a)b": ' +
    "patterns run on RE2 in linear time, which has no backreferences or lookaround",
  ],
  [
    "a capture named like a type",
    "{{ipv4:ipv4}}",
    undefined,
    'Cannot parse pattern line 1 "{{ipv4:ipv4}}": capture name "ipv4" is a placeholder type',
  ],
  [
    "the reserved name __proto__",
    "{{__proto__:word}}",
    undefined,
    'Cannot parse pattern line 1 "{{__proto__:word}}": capture name "__proto__" is reserved',
  ],
  [
    "a reference to a name bound later, when names are known",
    "{{net}}\n{{net:id}}",
    [],
    'Cannot parse pattern line 1 "{{net}}": unknown placeholder type "net"',
  ],
];

test("parsePattern() accepts what only looks like lookaround or a backreference", () => {
  assert.doesNotThrow(() => parsePattern("{{/[(?=]\\\\1/}} {{/(?<name>x)/}} {{/\\(?=/}}"));
});

for (const [what, text, known, message] of errors) {
  test(`parsePattern() throws a SyntaxError for ${what}`, () => {
    assert.throws(() => parsePattern(text, known), { name: "SyntaxError", message });
  });
}

test("parsePattern() lists the captures a pattern binds and the ones it references", () => {
  const parsed = parsePattern("{{net:id}} {{net}}\n{{ip:ipv4}} via {{gw}}\n{{gw}} {{ip}}");
  assert.deepEqual(parsed.binds, ["net", "ip"]);
  assert.deepEqual(parsed.refs, ["gw"]);
  assert.equal(parsed.lines.length, 3);
});

test("parsePattern() accepts references to known captures", () => {
  assert.deepEqual(parsePattern("{{net_id}} bridge", ["net_id"]).refs, []);
  assert.deepEqual(
    parsePattern("{{net}}\n{{ip:ipv4}}\n{{ip}}", { net: { type: "id", value: "a" } }).binds,
    ["ip"],
  );
});

test("parsePattern() marks ... lines, literal lines and placeholder lines", () => {
  const [dots, literal, volatile] = parsePattern("  ...  \nplain \\{{x}}\n{{int}}").lines;
  assert.equal(dots.ellipsis, true);
  assert.equal(literal.literal, "plain {{x}}");
  assert.equal(volatile.literal, undefined);
  assert.equal(volatile.regex?.test("42"), true);
});

test("match() throws the same SyntaxError for a malformed pattern", () => {
  assert.throws(() => match("{{x:foo}}", "x"), {
    name: "SyntaxError",
    message: 'Cannot parse pattern line 1 "{{x:foo}}": unknown placeholder type "foo"',
  });
});

test("parseExpectation() returns the captures each form binds", () => {
  assert.deepEqual(parseExpectation("{{a:id}}"), ["a"]);
  assert.deepEqual(parseExpectation({ kind: "lines", text: "{{b:int}}" }), ["b"]);
  assert.deepEqual(parseExpectation({ kind: "unordered", text: "H\n{{c:word}}", header: 1 }), [
    "c",
  ]);
  assert.deepEqual(
    parseExpectation({
      kind: "json",
      value: [{ Id: "{{d:id}}", Containers: { "{{e:id}}": {} } }, "..."],
    }),
    ["d", "e"],
  );
  assert.deepEqual(parseExpectation({ kind: "any" }), []);
});

test("parseExpectation() checks references against known captures", () => {
  assert.deepEqual(parseExpectation("{{net}}", ["net"]), []);
  assert.throws(() => parseExpectation({ kind: "json", value: { Id: "{{net}}" } }, []), {
    name: "SyntaxError",
    message: 'Cannot parse pattern at $.Id "{{net}}": unknown placeholder type "net"',
  });
});

const malformed: [string, unknown, string, string][] = [
  [
    "a header larger than the block",
    { kind: "unordered", text: "a\nb", header: 3 },
    "RangeError",
    "Cannot use unordered expectation: header 3 is not between 0 and its 2 lines",
  ],
  [
    "a ... header line",
    { kind: "unordered", text: "...\nb", header: 1 },
    "SyntaxError",
    'Cannot parse pattern line 1 "...": "..." cannot be a header line',
  ],
  [
    "an unsupported JSON value",
    { kind: "json", value: { a: [1, undefined] } },
    "TypeError",
    "Cannot compile JSON expectation at $.a[1]: unsupported value undefined",
  ],
  [
    "an unknown kind",
    { kind: "yaml", text: "a" },
    "TypeError",
    'Cannot parse expectation: unknown kind "yaml"',
  ],
];

for (const [what, expectation, name, message] of malformed) {
  test(`parseExpectation() throws for ${what}`, () => {
    assert.throws(() => parseExpectation(expectation as never), { name, message });
  });
}
