/**
 * A tutorial's shell block split into commands: one command a line, a line ending in `\` or an
 * open quote joined with the next as the doc shows it, a heredoc (`cat > f <<EOF … EOF`) kept
 * whole (and its file noted), `# comments` kept for the step, and prompts (`$ `, `# `, `/ # `)
 * removed, the lines after a prompted command being its output.
 * @module
 */
import { looksLikeCommand, promptOf } from "./command_words.ts";
import { opensSession } from "./sessions.ts";

/** One command of a shell block. */
export interface ShellLine {
  /** The command as the doc shows it (prompt removed, continuation lines kept). */
  run: string;
  /** 0-based index of its first line in the block. */
  offset: number;
  /** The comment lines just before it, without `#`. */
  comment?: string;
  /** The lines after it up to the next prompt, in a console block. */
  output?: string;
  /** A file the command writes from a heredoc: `cat > path <<EOF`. */
  file?: { path: string; text: string };
}

/** Whether the block uses prompts: some line starts with `$ ` (a console transcript). */
export function isConsole(lines: string[]): boolean {
  return lines.some((l) => /^(?:\$ |[\w.-]+@[\w.-]+(?::[^$#\s]*)?\$ )/.test(l));
}

/**
 * Splits a shell block into its commands.
 *
 * @example
 * ```ts
 * splitShellBlock("docker run -d \\\n  redis\n# list them\ndocker ps");
 * // [{ run: "docker run -d \\\n  redis", offset: 0 },
 * //  { run: "docker ps", offset: 3, comment: "list them" }]
 * ```
 */
export function splitShellBlock(text: string, options: { session?: boolean } = {}): ShellLine[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const dollar = isConsole(lines);
  // `docker run -it … sh` and then `/ # ` prompts: the lines before the first prompt, and after
  // an `exit` typed at one, are the host's commands; those after a prompt are its output.
  const session = options.session === true || opensSession(text);
  const consoleBlock = dollar || session && lines.some(_rootPrompt);
  const out: ShellLine[] = [];
  let comments: string[] = [];
  let inside = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let body = line;
    if (consoleBlock) {
      const prompt = promptOf(line);
      const isPrompt = prompt !== "" && (prompt.trimEnd().endsWith("$") || _rootPrompt(line));
      if (isPrompt) inside = !/^\s*exit\s*$/.test(line.slice(prompt.length));
      if (!isPrompt && (dollar || inside)) {
        const last = out[out.length - 1];
        if (last && line.trim() !== "") {
          last.output = last.output === undefined ? line : `${last.output}\n${line}`;
        } else if (last && last.output !== undefined) last.output += "\n";
        continue;
      }
      body = line.slice(isPrompt ? prompt.length : 0);
    }
    if (body.trim() === "") continue;
    if (/^\s*#/.test(body)) { // a comment, also when typed at a prompt
      comments.push(body.replace(/^\s*#+\s?/, ""));
      continue;
    }
    const start = i;
    let run = body;
    const heredoc = _heredoc(body);
    if (heredoc) {
      const content: string[] = [];
      while (i + 1 < lines.length) {
        i++;
        run += `\n${lines[i]}`;
        const end = heredoc.dash ? lines[i].replace(/^\t+/, "") : lines[i];
        if (end === heredoc.word) break;
        content.push(heredoc.dash ? lines[i].replace(/^\t+/, "") : lines[i]);
      }
      const entry: ShellLine = { run, offset: start };
      if (heredoc.path) entry.file = { path: heredoc.path, text: `${content.join("\n")}\n` };
      out.push(_withComment(entry, comments));
      comments = [];
      continue;
    }
    while (_continues(run) && i + 1 < lines.length) {
      i++;
      const next = consoleBlock ? lines[i].replace(/^> /, "") : lines[i];
      run += `\n${next}`;
    }
    out.push(_withComment({ run: run.replace(/\s+$/, ""), offset: start }, comments));
    comments = [];
  }
  for (const entry of out) {
    if (entry.output !== undefined) entry.output = entry.output.replace(/\n+$/, "");
  }
  return out;
}

function _rootPrompt(line: string): boolean {
  const prompt = promptOf(line);
  return prompt.trimEnd().endsWith("#") && looksLikeCommand(line.slice(prompt.length));
}

function _withComment(entry: ShellLine, comments: string[]): ShellLine {
  if (comments.length > 0) entry.comment = comments.join(" ");
  return entry;
}

/** Whether a command goes on to the next line: a trailing `\`, an open quote, a trailing pipe. */
function _continues(run: string): boolean {
  if (/\\$/.test(run)) return true;
  if (/(?:\||&&|\|\|)\s*$/.test(run)) return true;
  let single = false;
  let double = false;
  for (let i = 0; i < run.length; i++) {
    const ch = run[i];
    if (ch === "\\" && !single) {
      i++;
      continue;
    }
    if (ch === "'" && !double) single = !single;
    else if (ch === '"' && !single) double = !double;
    else if (ch === "#" && !single && !double && (i === 0 || /\s/.test(run[i - 1]))) {
      const eol = run.indexOf("\n", i);
      if (eol < 0) break;
      i = eol;
    }
  }
  return single || double;
}

/** `cat > path <<EOF` (or `<<'EOF'`, `<<-EOF`, `tee path <<EOF`): the end word and the file. */
function _heredoc(line: string): { word: string; dash: boolean; path?: string } | undefined {
  const m = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/.exec(line);
  if (!m) return undefined;
  const target = /(?:^|\s)(?:cat\s*>|tee)\s*([^\s<>|;&]+)/.exec(line) ??
    /(?:^|\s)cat\s+<<\S+\s*>\s*([^\s<>|;&]+)/.exec(line);
  return { word: m[3], dash: m[1] === "-", path: target?.[1] };
}
