import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { FrameCollector, FrameDemuxer } from "../../../lib/docker/_frames.ts";

function frame(stream: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function demux(chunks: Buffer[]): { stdout: string; stderr: string } {
  const collector = new FrameCollector();
  const demuxer = new FrameDemuxer((stream, payload) => collector.add(stream, payload));
  for (const chunk of chunks) demuxer.push(chunk);
  assert.equal(demuxer.incomplete, false);
  return collector.text();
}

const stream = Buffer.concat([
  frame(1, "hello\n"),
  frame(2, "oops\n"),
  frame(1, ""),
  frame(1, "wörld ✓\n"),
  frame(2, "x".repeat(300)),
]);
const expected = { stdout: "hello\nwörld ✓\n", stderr: "oops\n" + "x".repeat(300) };

describe("FrameDemuxer", () => {
  const cases: Array<[string, Buffer[]]> = [
    ["several frames in one chunk", [stream]],
    ["one byte per chunk", [...stream].map((byte) => Buffer.from([byte]))],
    ["a header split after 3 bytes", [stream.subarray(0, 3), stream.subarray(3)]],
    ["a payload split mid-character", [stream.subarray(0, 33), stream.subarray(33)]],
    [
      "chunks of 7 bytes",
      Array.from(
        { length: Math.ceil(stream.length / 7) },
        (_, i) => stream.subarray(i * 7, i * 7 + 7),
      ),
    ],
  ];
  for (const [name, chunks] of cases) {
    it(`push() separates stdout and stderr with ${name}`, () => {
      assert.deepEqual(demux(chunks), expected);
    });
  }

  it("push() handles every split point of the stream", () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      assert.deepEqual(
        demux([stream.subarray(0, cut), stream.subarray(cut)]),
        expected,
        `cut at ${cut}`,
      );
    }
  });

  it("incomplete is true inside a header or payload", () => {
    const demuxer = new FrameDemuxer(() => {});
    demuxer.push(stream.subarray(0, 4));
    assert.equal(demuxer.incomplete, true);
    demuxer.push(stream.subarray(4, 10));
    assert.equal(demuxer.incomplete, true);
    demuxer.push(stream.subarray(10, 14));
    assert.equal(demuxer.incomplete, false);
  });

  it("push() throws a SyntaxError on an unframed (TTY) stream", () => {
    const demuxer = new FrameDemuxer(() => {});
    assert.throws(() => demuxer.push(Buffer.from("hello world\n")), {
      name: "SyntaxError",
      message: "Cannot read multiplexed stream: bad frame header 68656c6c6f20776f",
    });
  });
});
