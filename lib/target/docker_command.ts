/**
 * Reads the docker CLI commands a lesson shows, where the runner must treat them specially:
 * `docker exec` (run through the Engine API instead) and `docker run -it` (an interactive
 * session, started detached and then attached).
 * @module
 */

/** A `docker exec` command line, parsed. */
export interface DockerExecCommand {
  /** The container name or id. */
  container: string;
  /** The command and its arguments. */
  argv: string[];
  /** `-u` / `--user`. */
  user?: string;
  /** `-w` / `--workdir`. */
  workdir?: string;
  /** `-e` / `--env`. */
  env: string[];
}

/**
 * Splits a simple command line into words, honouring quotes, backslashes and line
 * continuations. Returns undefined for anything a shell would treat specially (pipes,
 * redirections, substitutions, variables, globs, several commands).
 */
export function splitWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\" && text[i + 1] === "\n") {
      i++;
      continue;
    }
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return undefined;
      word += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if ("$`".includes(text[j])) return undefined;
        if (text[j] === "\\" && '"\\$`'.includes(text[j + 1])) j++;
        word += text[j];
      }
      if (j >= text.length) return undefined;
      inWord = true;
      i = j;
    } else if (ch === "\\") {
      word += text[++i] ?? "";
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else if ("|&;<>()$`*?[]{}~#".includes(ch)) {
      return undefined;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const EXEC_FLAGS_WITH_VALUE = new Set(["-u", "--user", "-w", "--workdir", "-e", "--env"]);
const EXEC_FLAGS = new Set(["-i", "-t", "-it", "-ti", "--interactive", "--tty"]);

/** Parses `docker exec [flags] CONTAINER CMD…`; undefined when it is anything else. */
export function parseDockerExec(text: string): DockerExecCommand | undefined {
  const words = splitWords(text.trim());
  if (!words || words[0] !== "docker" || words[1] !== "exec") return undefined;
  const parsed: DockerExecCommand = { container: "", argv: [], env: [] };
  let i = 2;
  for (; i < words.length && words[i].startsWith("-"); i++) {
    const [flag, inline] = words[i].split(/=(.*)/s, 2);
    if (EXEC_FLAGS.has(flag)) continue;
    if (!EXEC_FLAGS_WITH_VALUE.has(flag)) return undefined;
    const value = inline ?? words[++i];
    if (value === undefined) return undefined;
    if (flag === "-u" || flag === "--user") parsed.user = value;
    else if (flag === "-w" || flag === "--workdir") parsed.workdir = value;
    else parsed.env.push(value);
  }
  if (i + 1 >= words.length) return undefined;
  parsed.container = words[i];
  parsed.argv = words.slice(i + 1);
  return parsed;
}

/**
 * For `docker run` with `-it` (or `-ti`, `-i -t`), the same command started detached with a TTY
 * (`-dit`), so that the runner can attach to it; undefined for any other command.
 */
export function detachInteractiveRun(text: string): string | undefined {
  if (!/^\s*docker\s+(?:container\s+)?run\b/.test(text)) return undefined;
  const flags = /(\s)(?:-it|-ti)(?=\s)/;
  if (flags.test(text)) return text.replace(flags, "$1-dit");
  const separate = /(\s)-i(\s+(?:\\\n\s*)?)-t(?=\s)/;
  if (separate.test(text)) return text.replace(separate, "$1-dit");
  return undefined;
}
