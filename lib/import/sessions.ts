/**
 * Interactive sessions in an imported tutorial: `docker run -it … sh` opens a shell in a new
 * container, and the commands the doc shows after it are typed at that shell's prompt until
 * `exit`. A session the doc never leaves is closed where its section ends, or before a `docker`
 * command (the reader is back on the host), with an `exit` the doc does not show.
 * @module
 */
import { splitWords } from "../target/docker_command.ts";

const SHELLS = new Set(["sh", "bash", "ash", "zsh", "dash"]);

/** The session a command opens: `docker run -it … IMAGE sh` (named after `--name`), or undefined. */
export function sessionOpened(run: string): { name?: string; image?: string } | undefined {
  const words = splitWords(run.trim());
  if (!words || words[0] !== "docker") return undefined;
  const at = words[1] === "container" ? 2 : 1;
  if (words[at] !== "run") return undefined;
  const flags = words.slice(at + 1).filter((w) => /^-[a-zA-Z]+$/.test(w)).join("");
  const interactive = flags.includes("i") && flags.includes("t") ||
    words.includes("--interactive") && words.includes("--tty");
  const last = words[words.length - 1].split("/").pop() ?? "";
  if (!interactive || !SHELLS.has(last)) return undefined;
  const named = words.findIndex((w) => w === "--name" || w.startsWith("--name="));
  const name = named < 0
    ? undefined
    : words[named].includes("=")
    ? words[named].split("=")[1]
    : words[named + 1];
  return { name, image: words[words.length - 2] };
}

/** Whether a command of `text`, its `\` continuation lines joined, opens a session. */
export function opensSession(text: string): boolean {
  return text.replace(/\\\r?\n/g, " ").split(/\r?\n/).some((l) => sessionOpened(l) !== undefined);
}

/** Where each command of a section runs, and the exits the import adds. */
export interface SessionPlan {
  /** For each command, the session it is typed into (undefined: the host shell). */
  where: Array<string | undefined>;
  /** For each command, the session it opens. */
  opens: Array<string | undefined>;
  /** Indexes of commands before which an unshown `exit` closes the open session (length: end). */
  exitsBefore: number[];
}

/**
 * Plans the sessions of one section's commands; `taken` holds the names already in use.
 *
 * @example
 * ```ts
 * planSessions(["docker run -it --name c alpine sh", "ping -c 1 redis", "exit"], new Set());
 * // { where: [undefined, "c", "c"], opens: ["c", undefined, undefined], exitsBefore: [] }
 * ```
 */
export function planSessions(runs: string[], taken: Set<string>): SessionPlan {
  const plan: SessionPlan = { where: [], opens: [], exitsBefore: [] };
  let open: string | undefined;
  runs.forEach((run, i) => {
    const first = run.trim().split(/\s+/)[0];
    if (open !== undefined && first === "docker") {
      plan.exitsBefore.push(i);
      open = undefined;
    }
    if (open !== undefined) {
      plan.where.push(open);
      plan.opens.push(undefined);
      if (first === "exit") open = undefined;
      return;
    }
    plan.where.push(undefined);
    const opened = sessionOpened(run);
    if (!opened) {
      plan.opens.push(undefined);
      return;
    }
    const base = opened.name ??
      `${(opened.image ?? "shell").split("/").pop()!.split(":")[0]}-shell`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    plan.opens.push(name);
    open = name;
  });
  if (open !== undefined) plan.exitsBefore.push(runs.length);
  return plan;
}
