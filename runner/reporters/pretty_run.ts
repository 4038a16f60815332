/**
 * The pretty reporter's lesson run: a live step list on a terminal, plain lines otherwise, diffs
 * for every failure, and the closing line `N passed, N failed`.
 * @module
 */
import type { CheckOutcome, CommandOutcome, RunEvent } from "../../lib/engine/events.ts";
import { formatDiff } from "../../lib/format/diff.ts";
import { type Palette, palette } from "./_color.ts";
import type { ReporterOptions } from "./types.ts";
import { CLEAR_LINE, liveLine } from "./_live_line.ts";
import { formatBytes, maxOutputBytes } from "../../lib/target/output_limit.ts";

/**
 * Renders a lesson run's events one at a time (an empty string for none); redraws the running
 * step's line when on a TTY.
 */
export function prettyRun(options: ReporterOptions): (event: RunEvent) => string {
  const c = palette(options.color);
  let lesson = "";
  let stepCount = 0;
  let stepIndex = 0;
  let details: string[] = [];
  let skippedCommands = 0;
  return (event) => {
    let text = "";
    const emit = (chunk: string) => void (text += chunk);
    switch (event.type) {
      case "run:start":
        lesson = event.lesson;
        stepCount = event.steps.filter((s) => s.selected).length;
        emit(`${c.bold(event.title)} ${c.dim(`(${event.lesson}, ${event.target})`)}\n`);
        break;
      case "step:start":
        stepIndex++;
        details = [];
        skippedCommands = 0;
        if (options.tty) {
          emit(liveLine(
            `${c.dim("○")} ${_stepLabel(event.step, event.title, stepIndex, stepCount)}`,
            options.columns?.(),
          ));
        }
        break;
      case "command:start":
        if (options.tty) {
          emit(liveLine(
            `${c.yellow("▸")} ${_stepLabel(event.step, "", stepIndex, stepCount)}${
              c.dim(`$ ${_oneLine(event.command)}`)
            }`,
            options.columns?.(),
          ));
        }
        break;
      case "command:end":
        if (event.outcome.status === "skipped") skippedCommands++;
        details.push(..._commandDetails(lesson, event.step, event.outcome, c, options.color));
        break;
      case "check:end":
        details.push(..._checkDetails(event.outcome, c));
        break;
      case "step:end": {
        const mark = event.status === "passed"
          ? c.green("✔")
          : event.status === "skipped"
          ? c.yellow("﹣")
          : c.red("✖");
        const extra = event.reason
          ? ` ${c.yellow(`(${event.reason})`)}`
          : skippedCommands > 0 && event.status !== "skipped"
          ? ` ${c.yellow(`(${skippedCommands} skipped)`)}`
          : "";
        const line = `${mark} ${_stepLabel(event.step, event.title, stepIndex, stepCount)}${
          c.dim(` ${_ms(event.durationMs)}`)
        }${extra}\n`;
        emit(`${options.tty ? CLEAR_LINE : ""}${line}`);
        if (details.length > 0) emit(`${details.join("\n")}\n`);
        break;
      }
      case "log":
        emit(`${event.level === "warn" ? c.yellow("warning: ") : ""}${event.message}\n`);
        break;
      case "run:end": {
        const { passed, failed, skipped } = event.summary;
        const counts = `${passed} passed, ${failed} failed${
          skipped > 0 ? `, ${skipped} skipped` : ""
        }`;
        emit(`${c.dim(`${_ms(event.durationMs)} in all`)}\n`);
        emit(`${failed > 0 ? c.red(counts) : c.green(counts)}\n`);
        break;
      }
    }
    return text;
  };
}

function _stepLabel(id: string, title: string, index: number, count: number): string {
  return `${String(index).padStart(String(count).length)}/${count} ${id}${
    title ? `  ${title}` : " "
  } `;
}

function _commandDetails(
  lesson: string,
  step: string,
  outcome: CommandOutcome,
  c: Palette,
  color: boolean,
): string[] {
  const shown = `$ ${_oneLine(outcome.command)}`;
  const cut = _cutNotes(outcome, shown, c);
  if (outcome.status === "passed") return cut;
  if (outcome.status === "skipped") {
    return [`    ${c.yellow("skipped")} ${shown}: ${outcome.reason}`];
  }
  if (outcome.status === "error") return [`    ${c.red("error")} ${shown}: ${outcome.reason}`];
  const lines: string[] = [];
  if (outcome.result?.timedOut) lines.push(`    ${c.red("timeout")} ${shown}: ${outcome.reason}`);
  // A failure no diff shows: the command ended the shell, or did not when it should have.
  const noDiff = outcome.comparisons.every((comparison) => comparison.result.ok);
  if (!outcome.result?.timedOut && outcome.reason && (outcome.result?.exitedShell || noDiff)) {
    lines.push(`    ${c.red("failed")} ${shown}: ${outcome.reason}`);
  }
  for (const comparison of outcome.comparisons) {
    if (comparison.result.ok) continue;
    const diff = formatDiff(comparison.result, {
      lesson,
      step,
      command: outcome.command,
      stream: comparison.stream,
      color,
    });
    lines.push(_indent(diff, "    "));
    // A JSON diff is drawn in the expectation's shape; show the output itself too.
    const message = comparison.result.mismatch?.message ?? "";
    if (comparison.stream !== "exit" && /^(\$|Cannot parse output as JSON)/.test(message)) {
      const text = (outcome.result?.[comparison.stream] ?? "").trim();
      lines.push(
        _indent(`actual ${comparison.stream}: ${text ? _excerpt(text) : "(empty)"}`, "    "),
      );
    }
  }
  // An unexpected exit code usually has its reason on stderr: show it when it was not compared.
  const exitFailed = outcome.comparisons.some((c) => c.stream === "exit" && !c.result.ok);
  if (exitFailed && !outcome.comparisons.some((c) => c.stream === "stderr")) {
    const stderr = _lastLines(outcome.result?.stderr ?? "", 5);
    if (stderr) lines.push(_indent(`stderr:\n${stderr}`, "    "));
  }
  return [...lines, ...cut];
}

/** A line per stream that went past the output bound, unless its comparison already says so. */
function _cutNotes(outcome: CommandOutcome, shown: string, c: Palette): string[] {
  const truncated = outcome.result?.truncated ?? {};
  return (["stdout", "stderr"] as const).flatMap((stream) => {
    const size = truncated[stream];
    const said = outcome.comparisons.some((cmp) => cmp.stream === stream && !cmp.result.ok);
    if (size === undefined || said) return [];
    return [
      `    ${c.dim("note")} ${shown}: ${stream} was ${formatBytes(size)}; only its first ${
        formatBytes(maxOutputBytesOr(size))
      } were kept (RUN_LESSON_MAX_OUTPUT)`,
    ];
  });
}

function maxOutputBytesOr(fallback: number): number {
  try {
    return maxOutputBytes();
  } catch {
    return fallback;
  }
}

/** The last `count` lines of `text`, trimmed, found from its end (it may be megabytes). */
function _lastLines(text: string, count: number): string {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  let start = end;
  for (let n = 0; n < count && start > 0; n++) start = text.lastIndexOf("\n", start - 1);
  const from = start <= 0 ? 0 : start + 1;
  return text.slice(from, end).trimStart();
}

function _checkDetails(outcome: CheckOutcome, c: Palette): string[] {
  if (outcome.status === "pass") return [`    ${c.green("✔")} ${outcome.title}`];
  if (outcome.status === "skipped") return [`    ${c.yellow("﹣")} ${outcome.title}`];
  const lines = [
    `    ${c.red("✖")} ${outcome.title} ${c.dim(`[${outcome.status}]`)}${
      outcome.message ? `: ${outcome.message}` : ""
    }`,
    `      ${c.yellow("hint:")} ${outcome.hint}`,
  ];
  return lines;
}

function _excerpt(text: string): string {
  const oneLine = text.replace(/\s*\n\s*/g, " ");
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)} …` : oneLine;
}

function _indent(text: string, prefix: string): string {
  return text.trimEnd().split("\n").map((line) => `${prefix}${line}`).join("\n");
}

function _oneLine(command: string): string {
  const first = command.split("\n")[0];
  return command.includes("\n") ? `${first} …` : first;
}

function _ms(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
