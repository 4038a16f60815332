/**
 * The corpus of tricky markdown docs: for each file, the lesson it documents and what the
 * commands print. `tests/docs/corpus/<name>.expected.md` is the doc after an update.
 * @module
 */
import { fileURLToPath } from "node:url";
import type { Command, Lesson } from "../../../lib/lesson/types.ts";
import type { Scripted } from "../../_fake_target.ts";

/** The corpus folder. */
export const CORPUS: string = fileURLToPath(new URL("./corpus/", import.meta.url));

/** One corpus file and what is expected of it. */
export interface CorpusCase {
  /** The doc, in the corpus folder. */
  file: string;
  /** The commands of its one-step lesson, whose id is the file's base name. */
  commands: Command[];
  /** What each command prints, by the text that runs. */
  script: Record<string, Scripted | Scripted[]>;
  /** `line status[: reason]` of each Output block's verdict, in order. */
  verdicts: string[];
  /** Lines of the command blocks no command matches. */
  unlinked: number[];
  /** `step#index` of the commands no block shows. */
  undocumented: string[];
}

/** A one-step lesson for a corpus file. */
export function corpusLesson(file: string, commands: Command[], doc = file): Lesson {
  const id = file.replace(/\.md$/, "");
  return {
    id,
    dir: CORPUS,
    index: { title: id, steps: [], doc },
    steps: [{ id, title: id, file: `corpus/${id}`, commands }],
  };
}

const out = (stdout: string): Scripted => ({ stdout });

/** Every corpus case. */
export const CASES: CorpusCase[] = [
  {
    file: "fences.md",
    commands: [
      { run: "echo one", stdout: "one" },
      { run: "printf '```\\ncode\\n```\\n'" },
      { run: "printf '```\\n'" },
      { run: "echo two", stdout: "two" },
    ],
    script: {
      "echo one": out("one\n"),
      "printf '```\\ncode\\n```\\n'": out("```\ncode\n```\n"),
      "printf '```\\n'": out("```\n"),
      "echo two": out("two\n"),
    },
    verdicts: [
      '26 stale: line 1: expected "one", got "stale one"',
      '40 stale: line 1: expected "```", got "old code"',
      '52 stale: line 1: expected "```", got "old fence" (cannot update: line 1 of the real output ("```") would close the ``` fence: use a longer fence)',
      '64 stale: line 1: expected "two", got "old two"',
    ],
    unlinked: [],
    undocumented: [],
  },
  {
    file: "indented.md",
    commands: [{ run: "echo three", stdout: "three" }],
    script: { "echo three": out("three\n") },
    verdicts: [
      '25 stale: line 1: expected "three", got "old three"',
    ],
    unlinked: [],
    undocumented: [],
  },
  {
    file: "crlf.md",
    commands: [{ run: "echo crlf", stdout: "crlf" }, { run: "echo same" }],
    script: { "echo crlf": out("crlf\n"), "echo same": out("same\r\n") },
    verdicts: [
      '9 stale: line 1: expected "crlf", got "old crlf"',
      "19 fresh",
    ],
    unlinked: [],
    undocumented: [],
  },
  {
    file: "no_final_newline.md",
    commands: [{ run: "echo last", stdout: "{{word}}" }],
    script: { "echo last": out("last\n") },
    verdicts: [
      '9 stale: line 1: expected "{{word}}", got "old last"',
    ],
    unlinked: [],
    undocumented: [],
  },
  {
    file: "twice.md",
    commands: [{ run: "cat counter" }, { run: "cat counter" }, { run: "cat counter" }],
    script: { "cat counter": [out("1\n"), out("2\n"), out("3\n")] },
    verdicts: [
      "11 fresh",
      '25 stale: line 1: expected "2", got "1"',
    ],
    unlinked: [],
    undocumented: [],
  },
  {
    file: "marker.md",
    commands: [
      { run: "printf 'hello\\n'", stdout: "{{greeting:word}}", doc: false },
      { run: "echo {{greeting}}", stdout: "{{greeting}}" },
      { run: "pwd" },
      { run: "pwd" },
      { run: "uname -s", stdout: "Linux" },
    ],
    script: {
      "printf 'hello\\n'": out("hello\n"),
      "echo hello": out("hello\n"),
      "pwd": [out("/first\n"), out("/second\n")],
      "uname -s": out("Linux\n"),
    },
    verdicts: [
      '12 stale: line 1: expected "{{greeting:word}}", got "old hello"',
      "25 fresh",
      '37 stale: line 1: expected "/second", got "/first"',
      '50 stale: line 1: expected "Linux", got "old"',
    ],
    unlinked: [],
    undocumented: [],
  },
  {
    file: "list_item.md",
    commands: [
      { run: "echo four", stdout: "four" },
      { run: "printf 'a\\n\\nb\\n'" },
      { run: "echo four", stdout: "four" },
      { run: "printf 'x\\n\\ny\\n'" },
      { run: "echo six", stdout: "six" },
    ],
    script: {
      "echo four": out("four\n"),
      "printf 'a\\n\\nb\\n'": out("a\n\nb\n"),
      "printf 'x\\n\\ny\\n'": out("x\n\ny\n"),
      "echo six": out("six\n"),
    },
    verdicts: [
      '11 stale: line 1: expected "four", got "old four"',
      '23 stale: line 1: expected "a", got "old"',
      "35 fresh",
      '47 stale: line 1: expected "x", got "old"',
      '56 stale: line 1: expected "six", got "old six"',
    ],
    unlinked: [],
    undocumented: [],
  },
  {
    file: "unlinked.md",
    commands: [
      { run: "echo seven", stdout: "seven" },
      { run: "echo eight", stdout: "eight" },
      { run: "echo nine", stderr: "nine", exitCode: 3 },
      { run: "echo ten" },
      { run: "echo eleven" },
      { run: "echo twelve" },
      { run: "echo hidden", doc: false },
    ],
    script: {
      "echo seven": out("seven\n"),
      "echo eight": out("eight\n"),
      "echo nine": { stderr: "nine\n", exitCode: 3 },
      "echo ten": out("ten\n"),
      "echo eleven": out("eleven\n"),
      "echo twelve": out("twelve\n"),
      "echo hidden": out("hidden\n"),
    },
    verdicts: [
      "40 not-compared: abridged",
      '50 stale: line 1: expected "nine", got "old nine"',
      "60 not-compared: abridged",
      "70 not-compared: no closing fence",
    ],
    unlinked: [5, 17],
    undocumented: ["unlinked#5"],
  },
  {
    file: "mixed_eol.md",
    commands: [{ run: "echo mixed", stdout: "mixed" }],
    script: { "echo mixed": out("mixed\n") },
    verdicts: [
      '9 stale: line 1: extra line "old"',
    ],
    unlinked: [],
    undocumented: [],
  },
  {
    file: "bom.md",
    commands: [{ run: "echo bom", stdout: "bom" }],
    script: { "echo bom": out("bom\n") },
    verdicts: ['9 stale: line 1: expected "bom", got "old"'],
    unlinked: [],
    undocumented: [],
  },
  {
    file: "bom_fence.md",
    commands: [{ run: "echo bom", stdout: "bom" }],
    script: { "echo bom": out("bom\n") },
    verdicts: ['7 stale: line 1: expected "bom", got "old"'],
    unlinked: [],
    undocumented: [],
  },
];
