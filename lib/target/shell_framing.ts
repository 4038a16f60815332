/**
 * The shell code that frames a persistent session, and the markers it prints. Pure text, shared
 * by every transport (a local child process, an SSH channel, a container exec).
 *
 * A session is a small POSIX `sh` (the bootstrap) that starts bash, or sh where there is no
 * bash, as a child whose stdout and stderr are two real pipes read by `cat`. The bootstrap keeps
 * both pipes open for as long as the shell lives, so the framing never depends on the shell's
 * own file descriptors: each command's stdout and stderr, and the end markers after it, are
 * opened again by path from `/proc/$PPID/fd/1` and `/proc/$PPID/fd/2` (the bootstrap's copies).
 * A learner's `exec >&-` or `exec 1>/dev/null 2>&1` therefore lasts until the end of that one
 * command, and a later command prints as usual. The shell's own stdout and stderr are
 * /dev/null, so nothing it prints between commands (its job notices, the framing's own trace
 * under `set -x` or `set -v`) reaches the learner.
 *
 * Each command is wrapped anew: the INT trap is set again, the function that runs the command
 * is defined again from the command's text, and the learner's `set -x` / `set -v` are switched
 * off while the framing runs and on again inside the function, so that a trace shows the
 * learner's commands only. A command that ends the shell (`exit 3`, a failure under `set -e`) is
 * reported by the bootstrap with an exit marker carrying the shell's exit status.
 *
 * @module
 */
import { shellQuote } from "../shell_quote.ts";

/** The environment variable that tags every process a session's shell starts. */
export const SESSION_TAG_VARIABLE = "RUN_LESSON_SESSION";

/**
 * The shells a session runs, as their command lines show: bash without its start-up files, or sh.
 * A job forked an instant ago shows one of these until it runs its own program.
 */
export const SESSION_SHELLS = ["bash --noprofile --norc", "sh"] as const;

/**
 * The bootstrap: reads `<token> <tag>` from the first line of stdin, then runs the shell with the
 * rest of stdin, its stdout and stderr on the two pipes, and prints the exit markers when the
 * shell ends. bash when the host has it (job control without a terminal needs it), else sh.
 */
export const BOOTSTRAP = [
  "read -r __rl_t __rl_g || exit 97",
  `if command -v bash >/dev/null 2>&1; then __rl_sh='${SESSION_SHELLS[0]}'; else __rl_sh=${
    SESSION_SHELLS[1]
  }; fi`,
  `{ { ${SESSION_TAG_VARIABLE}=$__rl_g $__rl_sh; __rl_s=$?;` +
  ` printf '\\n__RL_%s_exit %s\\n' "$__rl_t" "$__rl_s";` +
  ` printf '\\n__RL_%s_exit\\n' "$__rl_t" >&2; } 2>&1 1>&3 3>&- | cat >&2; } 3>&1 | cat`,
].join("\n");

/** The bootstrap as one `sh -c` argument or SSH command line. */
export const BOOTSTRAP_COMMAND = `sh -c ${shellQuote(BOOTSTRAP)}`;

/** Where the framing writes: the bootstrap's copies of the two pipes. */
const OUT = "/proc/$PPID/fd/1";
const ERR = "/proc/$PPID/fd/2";

/**
 * Sent once when the shell starts, after the bootstrap's first line. Monitor mode puts each
 * foreground job in its own process group, so a stop or a timeout can signal the job and not the
 * shell; the shell's own output goes nowhere. A first, empty background job sets `$!`, which the
 * framing reads (unset, it would be an error under a learner's `set -u`).
 */
export const PRELUDE = "set -m 2>/dev/null; exec >/dev/null 2>&1; : & wait; __rl_l=$!\n";

/** The first line the bootstrap reads. */
export function bootstrapLine(token: string, tag: string): string {
  if (!/^[0-9a-f]+$/.test(token) || !/^[0-9a-f]+$/.test(tag)) {
    throw new TypeError("Cannot start a shell session: token and tag must be hex digits");
  }
  return `${token} ${tag}\n`;
}

/** The marker that starts every line the framing prints, after a newline. */
export function markerPrefix(token: string): string {
  return `__RL_${token}_`;
}

/**
 * The shell code that runs one command. The command becomes the body of a function defined for
 * it alone, so that a syntax error is the command's (exit code 2, the message on its stderr)
 * and the INT trap can end a loop of builtins with `return 130` while the shell lives on.
 */
export function frameCommand(command: string, token: string, counter: number): string {
  const [run, end] = frameParts(command, token, counter);
  return `${run}\n${end}\n`;
}

/** The functions that hold a frame read by `read -N`: its run, its end markers. */
const RUN_FUNCTION = "__rl_g";
const END_FUNCTION = "__rl_h";

/**
 * A framed command as bash reads it quickly. bash reads a script from a pipe one byte per
 * read(2), so that it never takes what a command run from it might read: about a millisecond
 * for a framed command. Here one short line is read that way, and it reads the frame with one
 * `read -N` (its byte count, hence `LC_ALL=C`; no `TMOUT` cut) and evaluates it. A shell that
 * cannot (sh, bash after an `exec sh`, a read-only `LC_ALL`) fails that line without reading
 * anything, and reads the frame itself.
 *
 * The frame defines two functions, called from two lines of their own: run inside `eval`, the
 * learner's `set -x` trace would show one `+` too many, and a SIGINT that ends a foreground
 * job sends bash back to its top level, which skips the rest of that line (the run), and not
 * the next (the end markers).
 */
export function readFramed(command: string, token: string, counter: number): string {
  const [run, end] = frameParts(command, token, counter);
  const definition = `${RUN_FUNCTION}() {\n${run}\n}\n${END_FUNCTION}() {\n${end}\n}\n`;
  const bytes = Buffer.byteLength(definition, "utf8");
  return `TMOUT= LC_ALL=C command read -r -N ${bytes} __rl_z && eval "$__rl_z"\n` +
    `${definition}${RUN_FUNCTION}\n${END_FUNCTION}\n`;
}

/** The frame of one command: the lines that run it, and the line that prints its end markers. */
function frameParts(command: string, token: string, counter: number): [string, string] {
  const marker = `${markerPrefix(token)}${counter}`;
  // The trap's own trace goes nowhere; it only acts while a command runs, and never returns
  // from the function that runs a frame (readFramed()), which would skip the command's end.
  const trap = `trap '{ [ -n "\${__rl_b-}" ] && [ "\${FUNCNAME-}" != ${RUN_FUNCTION} ] && ` +
    `return 130; } 2>/dev/null' INT`;
  // Flags the learner turned on in an earlier command, switched on inside the function.
  const flags = "__rl_p=; case ${__rl_o-} in *x*) __rl_p=x;; esac; " +
    `case \${__rl_o-} in *v*) __rl_p=\${__rl_p}v; command printf '%s\\n' "$__rl_c" >&2;; esac`;
  // The body is never empty (a command of comments alone), and marks the shell busy.
  const define = `eval "__rl_f() { __rl_b=1; \${__rl_p:+set -\$__rl_p;}\n$__rl_c\n}"`;
  const run = `${define} && __rl_f </dev/null`;
  const after = "{ __rl_rc=$?; __rl_b=; __rl_o=$-; set +xv; } 2>/dev/null";
  // The shell's background jobs (their process groups), which a later stop must leave alone.
  // Listed again only after a command that started one ($! changed): the command substitution
  // costs a fork, about 20 ms in a shell with job control.
  // No reserved word first on the line: after a syntax error in eval, bash 5.2 takes the next
  // line's first `if` for a plain word.
  const jobs = '[ "$!" = "${__rl_l-}" ] || { __rl_l=$!; __rl_j=; ' +
    "for __rl_x in $(jobs -p 2>/dev/null); do __rl_j=$__rl_j$__rl_x,; done; }";
  return [
    [trap, `__rl_c=${shellQuote(command)}`, `{ ${flags}; ${run}; ${after}; } >>${OUT} 2>>${ERR}`]
      .join("\n"),
    // Each marker line, its leading newline with it, in one write (one wake-up of its reader):
    // printf writes a newline in its format, under bash's line buffering, on its own.
    `${jobs}; command printf %s "\n${marker} $__rl_rc \${__rl_j-}\n" >>${OUT}; ` +
    `command printf %s "\n${marker}\n" >>${ERR}`,
  ];
}

/** What a marker line after the prefix says. */
export type Marker =
  | { kind: "end"; counter: number; exitCode: number | null; jobs: number[] }
  | { kind: "exit"; exitCode: number | null };

/**
 * Reads the rest of a marker line (what follows the prefix): `<counter> <code> <jobs>` at the
 * end of a command, the jobs being the process groups of the shell's background jobs, each
 * followed by a comma; `exit <code>` when the shell ended. stderr's markers carry no code.
 */
export function parseMarker(rest: string): Marker | undefined {
  const match = /^(exit|\d+)(?: (\d+))?(?: ((?:\d+,)*))?$/.exec(rest.trim());
  if (match === null) return undefined;
  const exitCode = match[2] === undefined ? null : Number(match[2]);
  if (match[1] === "exit") return { kind: "exit", exitCode };
  const jobs = (match[3] ?? "").split(",").filter(Boolean).map(Number);
  return { kind: "end", counter: Number(match[1]), exitCode, jobs };
}
