import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { TtyOutput } from "../../../lib/target/_tty_output.ts";

const TOKEN = "0123456789abcdef01234567";
const OWN = `__RL_${TOKEN}_7`;
const OTHER = `__RL_${TOKEN}_6`;

/**
 * What a TTY session made of its whole output before it was read incrementally: up to the first
 * `\r?\n<own> <code>\r?\n`, CRLF to LF, and lines of any sentinel left out.
 */
function reference(raw: string): { text: string; exitCode: number | undefined } {
  const found = new RegExp(`\\r?\\n${OWN} (\\d+)\\r?\\n`).exec(raw);
  const text = (found ? raw.slice(0, found.index) : raw)
    .replaceAll("\r\n", "\n")
    .replace(/^__RL_[0-9a-f]+_\d+ \d+\n/gm, "");
  return { text, exitCode: found ? Number(found[1]) : undefined };
}

/** Reads `chunks` as a session would, with a large bound. */
function read(chunks: string[], limit = 1 << 20) {
  const output = new TtyOutput(OWN, limit);
  for (const chunk of chunks) output.push(chunk);
  return { exitCode: output.exitCode, ...output.finish() };
}

/** Every way of cutting `raw` in two and in three (the cuts `step` apart). */
function splits(raw: string, step = 1): string[][] {
  const out: string[][] = [[raw]];
  for (let i = 1; i < raw.length; i += step) {
    out.push([raw.slice(0, i), raw.slice(i)]);
    for (let j = i + 1; j < raw.length; j += step * 3) {
      out.push([raw.slice(0, i), raw.slice(i, j), raw.slice(j)]);
    }
  }
  return out;
}

const CASES: Record<string, string> = {
  "plain lines": `hello\r\nworld\r\n\r\n${OWN} 0\r\n`,
  "no trailing newline": `partial\r\n${OWN} 3\r\n`,
  "empty output": `\r\n${OWN} 0\r\n`,
  "a stray sentinel first": `\r\n${OTHER} 130\r\nnext\r\n\r\n${OWN} 0\r\n`,
  "a stray sentinel right before": `out\r\n${OTHER} 130\r\n${OWN} 0\r\n`,
  "sentinel-like lines":
    `__RL_\r\n__RL_zz_1 0\r\n_x\r\n__\r\n${OWN} 0x\r\n${OWN}\r\n\r\n${OWN} 2\r\n`,
  "own sentinel at the start": `${OWN} 5\r\nmore\r\n\r\n${OWN} 1\r\n`,
  "lone carriage returns": `a\rb\r\r\nc\r\r\n${OWN} 0\r\n`,
  "output after the sentinel": `x\r\n\r\n${OWN} 0\r\nlater\r\n`,
  "no sentinel (session ended)": `é€ z\r\n${OTHER} 1\r\n__RL_${TOKEN}`,
  "no sentinel, a carriage return last": `end\r`,
  "a long underscore line": `${"_".repeat(200)}\r\n\r\n${OWN} 0\r\n`,
  "LF only": `one\ntwo\n\n${OWN} 4\n`,
};

describe("TtyOutput", () => {
  for (const [name, raw] of Object.entries(CASES)) {
    it(`reads "${name}" as the whole output was read, however it is cut`, () => {
      const want = reference(raw);
      for (const chunks of splits(raw)) {
        const got = read(chunks);
        const where = JSON.stringify(chunks);
        assert.equal(got.text, want.text, where);
        assert.equal(got.exitCode, want.exitCode, where);
        assert.equal(got.bytes, Buffer.byteLength(want.text), where);
        assert.equal(got.keptBytes, got.bytes, where);
      }
    });
  }

  it("keeps the first `limit` bytes, counts the rest, and never splits a character", () => {
    const raw = `${"é€\r\n".repeat(1000)}\r\n${OWN} 0\r\n`;
    const full = reference(raw).text;
    for (const chunks of splits(raw, 331)) {
      const got = read(chunks, 1000);
      assert.equal(got.bytes, Buffer.byteLength(full));
      // "é€\n" is 6 bytes: 1000 bytes end 4 bytes into one, so "é" of it is kept.
      assert.equal(got.keptBytes, 998);
      assert.equal(got.text, full.slice(0, got.text.length));
      assert.ok(got.text.endsWith("é€\né"));
    }
  });

  it("reports each complete line with where it ends, in characters and bytes", () => {
    const raw = `a€\r\n\r\n${OTHER} 1\r\nlong line\r\n_tail`;
    const text = reference(raw).text;
    for (const chunks of splits(raw)) {
      const output = new TtyOutput(OWN, 4);
      const lines: unknown[] = [];
      output.onLine = (line, count, end) => lines.push([line, count, end]);
      for (const chunk of chunks) output.push(chunk);
      assert.deepEqual(lines, [
        ["a€", 1, { chars: 3, bytes: 5 }],
        ["", 2, { chars: 4, bytes: 6 }],
        ["long", 3, { chars: 14, bytes: 16 }],
      ], JSON.stringify(chunks));
      assert.equal(text.slice(0, 14), "a€\n\nlong line\n");
      assert.deepEqual(output.position(), { chars: 19, bytes: 21 });
    }
  });

  it("reports no line of the chunk that ends the command", () => {
    const output = new TtyOutput(OWN, 100);
    const lines: string[] = [];
    output.onLine = (line) => lines.push(line);
    output.push("first\r\n");
    output.push(`second\r\n\r\n${OWN} 0\r\n`);
    assert.deepEqual(lines, ["first"]);
    assert.equal(output.exitCode, 0);
    assert.equal(output.finish().text, "first\nsecond\n");
  });

  it("counts any amount past the bound, keeping only the bound", () => {
    const output = new TtyOutput(OWN, 64);
    for (let i = 0; i < 2000; i++) output.push(`${"x".repeat(999)}\r\n_`);
    assert.deepEqual(output.position(), { chars: 2000 * 1001, bytes: 2000 * 1001 });
    const kept = output.finish();
    assert.deepEqual(kept, { text: "x".repeat(64), bytes: 2000 * 1001, keptBytes: 64 });
  });
});
