/**
 * Links a doc's command blocks to the lesson's step commands, and each command block to its
 * Output block.
 * @module
 */
import type { Step } from "../lesson/types.ts";
import { COMMAND_INFOS, commandText, infoWord, normalizeCommand } from "./command_text.ts";
import type {
  DocCommand,
  DocElement,
  DocLink,
  DocProblem,
  FencedBlock,
  LinkResult,
  OutputBlock,
} from "./types.ts";

const MARKER = /^<!--\s*run-lesson:/;
const MARKER_FULL = /^<!--\s*run-lesson:\s*([^\s#]+)#(\d+)\s*-->$/;
const OUTPUT = /^[*_]*Output\b/;
const STDERR = /\bstderr\b/i;
const ABRIDGED = /\b(?:abridged|part)\b/i;

/**
 * Links command blocks (info `sh`, `bash`, `shell` or `console`, or any fenced block under a
 * marker comment) to step commands: a marker names its command; other blocks are linked by
 * their normalised text, the Nth block with a text to the Nth command with that text that no
 * marker claimed. Commands with `doc: false` are never linked. A command block's Output block
 * is the first fenced block after it, before the next command block, right under a paragraph
 * that starts with "Output".
 */
export function linkDoc(elements: readonly DocElement[], steps: readonly Step[]): LinkResult {
  const commands: DocCommand[] = steps.flatMap((step) =>
    step.commands.map((command, index) => ({
      step: step.id,
      index,
      command,
      text: normalizeCommand(command.run),
    }))
  );
  const problems: DocProblem[] = [];
  const marked = new Map<number, DocCommand>();
  const blocks: number[] = [];
  for (const [i, el] of elements.entries()) {
    if (el.kind === "html" && MARKER.test(el.text.trim())) {
      const found = resolveMarker(el.text.trim(), elements[i + 1], steps, commands);
      if (typeof found === "string") problems.push({ line: el.line, message: found });
      else marked.set(i + 1, found);
    }
    if (el.kind === "fenced" && (COMMAND_INFOS.has(infoWord(el)) || marked.has(i))) blocks.push(i);
  }
  const claimedAt = new Map<DocCommand, number>();
  for (const [i, command] of marked) {
    const line = (elements[i] as FencedBlock).line;
    const earlier = claimedAt.get(command);
    if (earlier !== undefined) {
      problems.push({
        line: elements[i - 1].line,
        message: `marker links command ${command.index} of step "${command.step}", ` +
          `already linked by the code block at line ${earlier}`,
      });
    } else claimedAt.set(command, line);
  }
  const queues = new Map<string, DocCommand[]>();
  for (const command of commands) {
    if (command.command.doc === false || claimedAt.has(command)) continue;
    const queue = queues.get(command.text) ?? [];
    queue.push(command);
    queues.set(command.text, queue);
  }
  const links: DocLink[] = [];
  const unlinked: FencedBlock[] = [];
  for (const [n, i] of blocks.entries()) {
    const block = elements[i] as FencedBlock;
    const byMarker = marked.get(i);
    const command = byMarker ?? queues.get(normalizeCommand(commandText(block)))?.shift();
    if (command === undefined) {
      unlinked.push(block);
      continue;
    }
    const output = outputAfter(elements, i, blocks[n + 1] ?? elements.length);
    links.push({
      ...command,
      block,
      via: byMarker ? "marker" : "text",
      ...(output ? { output } : {}),
    });
  }
  const linked = new Set(links.map((l) => `${l.step}#${l.index}`));
  const undocumented = commands.filter((c) =>
    c.command.doc !== false && !linked.has(`${c.step}#${c.index}`)
  );
  return { links, unlinked, undocumented, problems };
}

function resolveMarker(
  text: string,
  next: DocElement | undefined,
  steps: readonly Step[],
  commands: DocCommand[],
): DocCommand | string {
  const found = MARKER_FULL.exec(text);
  if (!found) {
    return `marker "${text}" is malformed: write <!-- run-lesson: <step-id>#<command-index> -->`;
  }
  const [, stepId, indexText] = found;
  if (next?.kind !== "fenced") return `marker "${text}" is not followed by a code block`;
  const step = steps.find((s) => s.id === stepId);
  if (!step) {
    return `marker "${text}" names an unknown step "${stepId}": known steps are ${
      steps.map((s) => s.id).join(", ")
    }`;
  }
  const index = Number(indexText);
  const command = commands.find((c) => c.step === stepId && c.index === index);
  if (!command) {
    return `marker "${text}" names command ${index} of step "${stepId}", which has ${step.commands.length} (0-based)`;
  }
  if (command.command.doc === false) {
    return `marker "${text}" names command ${index} of step "${stepId}", which has doc: false`;
  }
  return command;
}

/**
 * The Output block of the command block at `from`: the first fenced block before `until` right
 * under a paragraph that starts with "Output".
 */
export function outputAfter(
  elements: readonly DocElement[],
  from: number,
  until: number,
): OutputBlock | undefined {
  for (let j = from + 1; j < until; j++) {
    const block = elements[j];
    const above = elements[j - 1];
    if (block.kind !== "fenced" || above.kind !== "paragraph" || !OUTPUT.test(above.text)) {
      continue;
    }
    return {
      block,
      paragraph: above,
      stream: STDERR.test(above.text) ? "stderr" : "stdout",
      abridged: ABRIDGED.test(above.text),
    };
  }
  return undefined;
}
