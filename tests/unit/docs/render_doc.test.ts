import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseMarkdown } from "../../../lib/docs/parse_markdown.ts";
import { renderDoc } from "../../../lib/docs/render_doc.ts";
import type { FencedBlock } from "../../../lib/docs/types.ts";

function blocks(source: string): FencedBlock[] {
  return parseMarkdown(source).filter((el): el is FencedBlock => el.kind === "fenced");
}

const CASES: Array<[string, string, string, string]> = [
  [
    "a top-level block",
    "a\n\n```\nold\n```\nb\n",
    "new\n\nlines",
    "a\n\n```\nnew\n\nlines\n```\nb\n",
  ],
  ["an empty new content", "```\nold\nold\n```\n", "", "```\n```\n"],
  ["an empty block", "```\n```\n", "x", "```\nx\n```\n"],
  ["CRLF lines", "```\r\nold\r\n```\r\n", "a\nb", "```\r\na\r\nb\r\n```\r\n"],
  [
    "the opening line's ending in a mixed file",
    "x\n```\r\nold\n```\n",
    "a\nb",
    "x\n```\r\na\r\nb\r\n```\n",
  ],
  [
    "a list item: indented lines, bare blank lines",
    "1. x\n\n   ```\n   old\n   ```\n",
    "a\n\nb",
    "1. x\n\n   ```\n   a\n\n   b\n   ```\n",
  ],
  ["a fence on a list marker's line", "- ```\n  old\n  ```\n", "a", "- ```\n  a\n  ```\n"],
  [
    "a block quote: > on every line",
    "> ```\n> old\n> ```\n",
    "a\n\nb",
    "> ```\n> a\n>\n> b\n> ```\n",
  ],
  ["an indented fence", "  ~~~~\n  old\n  ~~~~", "```\nx", "  ~~~~\n  ```\n  x\n  ~~~~"],
];

describe("renderDoc()", () => {
  for (const [name, source, text, expected] of CASES) {
    it(`renderDoc() rewrites ${name}`, () => {
      const [block] = blocks(source);
      const rendered = renderDoc(source, [{ block, text }]);
      assert.equal(rendered, expected);
      // What it wrote parses back to the same content.
      assert.equal(blocks(rendered)[0].text, text);
    });
  }

  it("renderDoc() replaces several blocks in any order and nothing else", () => {
    const source = "```\n1\n```\ntext\n```\n2\n```\n";
    const [one, two] = blocks(source);
    assert.equal(
      renderDoc(source, [{ block: two, text: "B" }, { block: one, text: "A" }]),
      "```\nA\n```\ntext\n```\nB\n```\n",
    );
  });

  it("renderDoc() refuses a block without a closing fence", () => {
    const source = "x\n```\nold\n";
    assert.throws(
      () => renderDoc(source, [{ block: blocks(source)[0], text: "new" }]),
      new RangeError("Cannot rewrite the code block at line 2: it has no closing fence"),
    );
  });

  it("renderDoc() refuses overlapping replacements", () => {
    const source = "```\nold\n```\n";
    const [block] = blocks(source);
    assert.throws(
      () => renderDoc(source, [{ block, text: "a" }, { block, text: "b" }]),
      new RangeError("Cannot rewrite the code block at line 1: it overlaps another"),
    );
  });
});
