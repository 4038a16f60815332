import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { OutputCollector } from "../../../lib/target/_output_collector.ts";
import {
  DEFAULT_MAX_OUTPUT,
  formatBytes,
  maxOutputBytes,
  utf8Boundary,
} from "../../../lib/target/output_limit.ts";
import { truncatedProblem } from "../../../lib/engine/truncated_output.ts";
import { FrameCollector } from "../../../lib/docker/_frames.ts";
import type { CommandResult } from "../../../lib/target/types.ts";

const PREFIX = "__MARK_";

/** A collector of `limit` bytes that has started on a command. */
function collector(limit: number): OutputCollector {
  const c = new OutputCollector(limit);
  c.reset(PREFIX);
  return c;
}

/** Pushes each piece, then the marker line of a command that exited 0. */
function feed(c: OutputCollector, ...pieces: Array<string | Buffer>): void {
  for (const piece of pieces) c.push(Buffer.isBuffer(piece) ? piece : Buffer.from(piece));
  c.push(Buffer.from(`\n${PREFIX}1 0 \n`));
}

describe("OutputCollector", () => {
  it("keeps everything under the bound, without the marker line", () => {
    const c = collector(100);
    feed(c, "hello\n", "wor", "ld\n");
    assert.equal(c.done, true);
    assert.equal(c.marker, "1 0 ");
    assert.deepEqual(c.text(), { text: "hello\nworld\n", size: 12, cut: false });
  });

  it("keeps the first `limit` bytes and counts the rest", () => {
    const c = collector(10);
    const chunk = "0123456789".repeat(1000);
    for (let i = 0; i < 50; i++) c.push(Buffer.from(chunk));
    feed(c);
    assert.deepEqual(c.text(), { text: "0123456789", size: 500_000, cut: true });
    assert.equal(c.length, 500_000);
  });

  it("finds a marker that arrives byte by byte after the bound, and keeps what follows it", () => {
    const c = collector(4);
    for (const byte of Buffer.from(`abcdefgh\n${PREFIX}1 7 \nnext`)) c.push(Buffer.from([byte]));
    assert.equal(c.marker, "1 7 ");
    assert.deepEqual(c.text(), { text: "abcd", size: 8, cut: true });
    c.reset(PREFIX);
    feed(c);
    assert.deepEqual(c.text(), { text: "next", size: 4, cut: false });
  });

  it("does not keep the start of a marker that arrived in an earlier chunk", () => {
    const c = collector(1000);
    c.push(Buffer.from(`out\n${PREFIX.slice(0, 3)}`));
    c.push(Buffer.from(`${PREFIX.slice(3)}1 0 \n`));
    assert.equal(c.done, true);
    assert.deepEqual(c.text(), { text: "out", size: 3, cut: false });
  });

  it("never splits a UTF-8 character at the cut", () => {
    for (const [char, bytes] of [["é", 2], ["€", 3], ["😀", 4]] as const) {
      for (let limit = 1; limit < bytes + 2; limit++) {
        const c = collector(limit);
        feed(c, `a${char}${char}`);
        const { text, size, cut } = c.text();
        assert.equal(size, 1 + 2 * bytes);
        assert.equal(cut, true);
        assert.ok(!text.includes("\ufffd"), `${char} at ${limit}: ${JSON.stringify(text)}`);
        assert.equal(text, limit < 1 + bytes ? "a" : `a${char}`, `${char} at ${limit}`);
      }
    }
  });

  it("keeps binary bytes as they are, decoded as UTF-8 would", () => {
    const binary = Buffer.from([0xff, 0x00, 0x80, 0xfe, 0x41, 0x0a, 0xc3]);
    const c = collector(5);
    feed(c, binary);
    const { text, size, cut } = c.text();
    assert.equal(size, binary.length);
    assert.equal(cut, true);
    assert.equal(text, binary.subarray(0, 5).toString("utf8"));
  });

  it("cuts at a stop offset within what was kept", () => {
    const c = collector(100);
    feed(c, "one\ntwo\nthree\n");
    assert.deepEqual(c.text(8), { text: "one\ntwo\n", size: 8, cut: false });
  });

  it("counts a stop offset past what was kept as the stream's size", () => {
    const c = collector(4);
    feed(c, "one\ntwo\nthree\n");
    assert.deepEqual(c.text(8), { text: "one\n", size: 8, cut: true });
  });

  it("shows a stop condition every line as it arrives, past the bound too", () => {
    const c = collector(6);
    const lines: Array<[string, number, number]> = [];
    c.onLine = (line, end, count) => lines.push([line, end, count]);
    c.push(Buffer.from("ab\ncd"));
    c.push(Buffer.from("ef\n€€€€€\nlast"));
    feed(c);
    assert.deepEqual(lines, [
      ["ab", 3, 1],
      ["cdef", 8, 2],
      ["€€", 24, 3],
    ]);
  });

  it("holds a line longer than the bound by its first part", () => {
    const c = collector(8);
    let seen: [string, number] | undefined;
    c.onLine = (line, end) => (seen = [line, end]);
    for (let i = 0; i < 100; i++) c.push(Buffer.alloc(1000, "x"));
    c.push(Buffer.from("\n"));
    assert.deepEqual(seen, ["xxxxxxxx", 100_001]);
  });
});

describe("FrameCollector with a limit (docker exec)", () => {
  it("keeps each stream's first bytes, counts the rest, and cuts on a character boundary", () => {
    const c = new FrameCollector(6);
    for (let i = 0; i < 1000; i++) c.add("stdout", Buffer.from("a€\n"));
    c.add("stderr", Buffer.from("err"));
    assert.deepEqual(c.text(), { stdout: "a€\na", stderr: "err" });
    assert.deepEqual(c.truncated(), { stdout: 5000 });
  });

  it("keeps everything without a limit", () => {
    const c = new FrameCollector();
    c.add("stdout", Buffer.alloc(100_000, "x"));
    assert.equal(c.text().stdout.length, 100_000);
    assert.equal(c.truncated(), undefined);
  });
});

describe("utf8Boundary()", () => {
  it("moves back over an incomplete character only", () => {
    const euro = Buffer.from("a€", "utf8");
    assert.equal(utf8Boundary(euro, 4), 4);
    assert.equal(utf8Boundary(euro, 3), 1);
    assert.equal(utf8Boundary(euro, 2), 1);
    assert.equal(utf8Boundary(euro, 1), 1);
    assert.equal(utf8Boundary(Buffer.from([0x80, 0x80, 0x80, 0x80]), 4), 4);
    assert.equal(utf8Boundary(Buffer.from([0x41, 0xff]), 2), 2);
    assert.equal(utf8Boundary(Buffer.alloc(0), 0), 0);
  });
});

describe("maxOutputBytes()", () => {
  it("reads RUN_LESSON_MAX_OUTPUT in bytes or binary units, 16 MiB by default", () => {
    assert.equal(maxOutputBytes({}), DEFAULT_MAX_OUTPUT);
    assert.equal(DEFAULT_MAX_OUTPUT, 16 * 1024 * 1024);
    assert.equal(maxOutputBytes({ RUN_LESSON_MAX_OUTPUT: "1000" }), 1000);
    assert.equal(maxOutputBytes({ RUN_LESSON_MAX_OUTPUT: "64K" }), 65536);
    assert.equal(maxOutputBytes({ RUN_LESSON_MAX_OUTPUT: "2MiB" }), 2 * 1024 * 1024);
    assert.equal(maxOutputBytes({ RUN_LESSON_MAX_OUTPUT: "1g" }), 1024 ** 3);
    for (const bad of ["0", "-1", "1.5M", "lots", "16 TB"]) {
      assert.throws(
        () => maxOutputBytes({ RUN_LESSON_MAX_OUTPUT: bad }),
        /^TypeError: Cannot read RUN_LESSON_MAX_OUTPUT=/,
        bad,
      );
    }
  });

  it("formats sizes for messages", () => {
    assert.equal(formatBytes(200 * 1024 * 1024), "200 MiB");
    assert.equal(formatBytes(209_715_201), "200.0 MiB");
    assert.equal(formatBytes(1536), "1.5 KiB");
    assert.equal(formatBytes(300), "300 bytes");
  });
});

describe("truncatedProblem()", () => {
  const result = (truncated?: CommandResult["truncated"]): CommandResult => ({
    stdout: "y\n",
    stderr: "",
    exitCode: 0,
    durationMs: 1,
    timedOut: false,
    stopped: false,
    ...(truncated ? { truncated } : {}),
  });

  it("fails an expectation on a cut stream with one line giving its size", () => {
    const problem = truncatedProblem("stdout", "y", result({ stdout: 200 * 1024 * 1024 }));
    assert.equal(problem?.ok, false);
    assert.match(
      problem?.mismatch?.message ?? "",
      /^the output was 200 MiB; only the first [\d.]+ [KMG]iB are kept \(RUN_LESSON_MAX_OUTPUT\), so the expectation cannot be checked: print less or expect \{ kind: "any" \}$/,
    );
  });

  it('leaves alone a whole stream, another stream, and { kind: "any" }', () => {
    assert.equal(truncatedProblem("stdout", "y", result()), undefined);
    assert.equal(truncatedProblem("stderr", "y", result({ stdout: 1 << 30 })), undefined);
    assert.equal(
      truncatedProblem("stdout", { kind: "any" }, result({ stdout: 1 << 30 })),
      undefined,
    );
  });
});
