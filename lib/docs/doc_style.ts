/**
 * How a doc writes its command and Output blocks (fence, info string, line ending), and the
 * text of a command group written in that style: the command block, and its Output block under
 * a caption when the command printed something.
 * @module
 */
import type { Command } from "../lesson/types.ts";
import type { CommandResult } from "../target/types.ts";
import { normalize } from "../expect/mod.ts";
import { COMMAND_INFOS, infoWord } from "./command_text.ts";
import type { DocElement } from "./types.ts";

/** A fence and info string, as a doc writes them. */
export interface FenceStyle {
  /** The opening fence, e.g. "```" or "~~~~". */
  fence: string;
  /** The info string, e.g. "sh" or "console". */
  info: string;
}

/** How a doc writes blocks; the defaults are "```sh", "```text" and the source's line ending. */
export interface DocStyle {
  /** Command blocks: the doc's first one, else "```sh". */
  command: FenceStyle;
  /** Output blocks: the doc's first one, else "```text". */
  output: FenceStyle;
  /** The line ending: the source's first, else "\n". */
  eol: string;
}

const OUTPUT = /^[*_]*Output\b/;

/** The style of a doc, taken from its first command block and its first Output block. */
export function docStyle(elements: readonly DocElement[], source: string): DocStyle {
  let command: FenceStyle | undefined;
  let output: FenceStyle | undefined;
  for (const [i, el] of elements.entries()) {
    if (el.kind !== "fenced") continue;
    const above = elements[i - 1];
    if (!output && above?.kind === "paragraph" && OUTPUT.test(above.text)) {
      output = { fence: el.fence, info: el.info };
    } else if (!command && COMMAND_INFOS.has(infoWord(el))) {
      command = { fence: el.fence, info: el.info };
    }
  }
  const eol = /\r\n|\r|\n/.exec(source)?.[0] ?? "\n";
  return {
    command: command ?? { fence: "```", info: "sh" },
    output: output ?? { fence: "```", info: "text" },
    eol,
  };
}

/** What an Output block shows: its caption, stream and text. */
export interface ShownOutput {
  /** The caption paragraph, e.g. "Output:" or "Output (on stderr, exit code 1):". */
  caption: string;
  /** The stream shown. */
  stream: "stdout" | "stderr";
  /** The normalised output. */
  text: string;
}

/**
 * The Output block a new command gets: stdout when it printed any, else stderr when it printed
 * any, else none; none either for a stream whose expectation is `{ kind: "any" }`. The caption
 * says "on stderr", the exit code when it is not 0, and "then Ctrl-C" for a stopped command.
 */
export function shownOutput(command: Command, result: CommandResult): ShownOutput | undefined {
  const pick = (stream: "stdout" | "stderr") => {
    const expectation = command[stream];
    const text = normalize(result[stream]);
    const any = typeof expectation === "object" && expectation.kind === "any";
    return text === "" || any ? undefined : text;
  };
  const stdout = pick("stdout");
  const stream = stdout !== undefined ? "stdout" : pick("stderr") !== undefined ? "stderr" : "";
  if (stream === "") return undefined;
  const notes = [
    stream === "stderr" ? "on stderr" : "",
    result.stopped ? "then Ctrl-C" : result.exitCode ? `exit code ${result.exitCode}` : "",
  ].filter((n) => n !== "");
  return {
    caption: notes.length > 0 ? `Output (${notes.join(", ")}):` : "Output:",
    stream,
    text: normalize(result[stream]),
  };
}

/** The content of a command block showing `command`: `$ ` before it in a console block. */
export function commandContent(style: FenceStyle, command: string): string {
  return style.info.split(/[\s{]/, 1)[0].toLowerCase() === "console" ? `$ ${command}` : command;
}

/** A fence for a text: the style's, made longer when a line of the text would close it. */
export function fenceFor(style: FenceStyle, text: string): string {
  const char = style.fence[0];
  let longest = 0;
  for (const line of text.split("\n")) {
    const run = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(line)?.[1];
    if (run && run[0] === char) longest = Math.max(longest, run.length);
  }
  return longest >= style.fence.length ? char.repeat(longest + 1) : style.fence;
}

/** A new command group's lines (no line endings): marker, command block, caption, output. */
export function groupLines(
  style: DocStyle,
  shown: string,
  output: ShownOutput | undefined,
  marker?: string,
): string[] {
  const content = commandContent(style.command, shown);
  const fence = fenceFor(style.command, content);
  const lines = [
    ...(marker ? [marker] : []),
    fence + style.command.info,
    ...content.split("\n"),
    fence,
  ];
  if (output) {
    const outFence = fenceFor(style.output, output.text);
    lines.push("", output.caption, "", outFence + style.output.info);
    if (output.text !== "") lines.push(...output.text.split("\n"));
    lines.push(outFence);
  }
  return lines;
}

/** Lines written with a container prefix (blank lines get it without trailing blanks). */
export function prefixed(lines: readonly string[], prefix: string, eol: string): string {
  const blank = prefix.replace(/[ \t]+$/, "");
  return lines.map((line) => (line === "" ? blank : prefix + line) + eol).join("");
}
