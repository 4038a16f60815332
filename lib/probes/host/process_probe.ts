/**
 * The `process` probe: the processes on the target host whose name (`comm`) is the one given
 * and whose command line contains a match of a regex (as `pgrep -f`, but run on RE2 in linear
 * time), as a user, counted. The names, parents and users come from /proc/PID/status, read with
 * shell builtins; the command lines from `ps -e -o pid=,args=` (or /proc/PID/cmdline).
 * @module
 */
import { RE2JS } from "re2js";
import { userRegex } from "../../expect/_regex.ts";
import { shellQuote } from "../../shell_quote.ts";
import { Findings, hostProbe } from "./_host_probe.ts";
import { parsePasswd } from "./user_probe.ts";

const KIND = "process";

/** How many matching processes the evidence lists. */
const EVIDENCE_PROCESSES = 10;

/** One process as the probe's script reports it. */
export interface ProcessEntry {
  /** The process id. */
  pid: number;
  /** The parent's process id. */
  ppid: number;
  /** The effective user id. */
  uid: number;
  /** The process name (`comm`). */
  name: string;
  /** The command line, arguments joined by spaces; "" when not read. */
  args: string;
}

/** Reads `pid ppid uid name` lines and `pid args` lines into processes, by pid. */
export function parseProcesses(status: string, args: string): ProcessEntry[] {
  const lines = new Map<number, string>();
  for (const line of args.split("\n")) {
    const m = /^\s*(\d+) ?(.*)$/.exec(line);
    if (m) lines.set(Number(m[1]), m[2].trimEnd());
  }
  const entries = [];
  for (const line of status.split("\n")) {
    const m = /^(\d+) (\d+) (\d+) (.*)$/.exec(line);
    if (!m) continue;
    const pid = Number(m[1]);
    entries.push({
      pid,
      ppid: Number(m[2]),
      uid: Number(m[3]),
      name: m[4],
      args: lines.get(pid) ?? "",
    });
  }
  return entries;
}

/** The script that lists the processes (and, with `withArgs`, their command lines). */
function processScript(withArgs: boolean, user: string | undefined): string {
  return [
    "sec self $$",
    "[ -r /proc/self/status ] || { sec noproc; exit 0; }",
    // With hidepid, a user other than root sees only its own processes.
    `grep -qE '^proc /proc proc .*hidepid=([12]|invisible|noaccess)' /proc/mounts 2>/dev/null && ` +
    `sec hidepid "$(id -u)"`,
    "sec status",
    "for d in /proc/[0-9]*; do",
    "  n=; pp=; u=",
    "  { while IFS= read -r l; do case $l in",
    '    Name:*) n=${l#Name:}; n=${n#"${n%%[! \t]*}"} ;;',
    "    PPid:*) pp=${l#PPid:} ;;",
    "    Uid:*) set -- ${l#Uid:}; u=$2; break ;;",
    '  esac; done < "$d/status"; } 2>/dev/null || continue',
    '  [ -n "$u" ] && printf \'%s %s %s %s\\n\' "${d#/proc/}" $pp "$u" "$n"',
    "done",
    withArgs
      ? [
        "if have ps; then out args ps -e -o pid=,args=; else sec args",
        "  for d in /proc/[0-9]*; do",
        "    printf '%s ' \"${d#/proc/}\"; tr '\\0' ' ' < \"$d/cmdline\" 2>/dev/null; echo",
        "  done",
        "fi",
      ].join("\n")
      : "",
    user === undefined
      ? ""
      : `if have getent; then out passwd getent passwd ${shellQuote(user)}; ` +
        `else out passwd awk -F: -v n=${shellQuote(user)} '$1==n' /etc/passwd; fi`,
  ].join("\n");
}

/** Makes the `process` probe. */
export const processProbe = hostProbe(KIND, async ({ fields, script, cannotTell }) => {
  const name = fields.optionalText("name");
  const pattern = fields.optionalText("match");
  const user = fields.optionalText("user");
  const running = fields.flag("running", true);
  if (name === undefined && pattern === undefined) {
    throw new TypeError(`Cannot run probe "${KIND}": it needs "name" or "match"`);
  }
  const regex = pattern === undefined ? undefined : RE2JS.compile(userRegex(pattern));
  const out = await script(processScript(pattern !== undefined, user));
  if (out.sections.has("noproc")) return cannotTell("the host has no readable /proc");
  const self = out.section("self").rc;
  const args = pattern === undefined ? "" : out.section("args").text;
  const all = parseProcesses(out.section("status").text, args);
  if (all.length === 0) return cannotTell("no process could be read from /proc");
  const wanted = [
    name === undefined ? "" : `named ${JSON.stringify(name)}`,
    pattern === undefined ? "" : `matching /${pattern}/`,
  ].filter(Boolean).join(" and ");
  let uid: number | undefined;
  if (user !== undefined) {
    const entry = out.section("passwd");
    if (entry.rc !== 0 && entry.rc !== 2) {
      return cannotTell(`reading the passwd database: ${entry.text.trim()}`);
    }
    uid = parsePasswd(entry.text).find((u) => u.name === user)?.uid;
    if (uid === undefined && running) {
      const message = `processes ${wanted} as user ${JSON.stringify(user)}: no such user`;
      return { ok: false, evidence: `no user named ${JSON.stringify(user)}`, message };
    }
  }
  const found = all.filter((p) =>
    p.pid !== self && p.ppid !== self &&
    (name === undefined || p.name === name) &&
    (regex === undefined || regex.matcher(p.args).find()) &&
    (user === undefined || p.uid === uid)
  );
  const subject = `processes ${wanted}${user === undefined ? "" : ` as ${JSON.stringify(user)}`}`;
  const shown = found.slice(0, EVIDENCE_PROCESSES).map((p) =>
    `pid ${p.pid} uid ${p.uid} ${p.name}${p.args ? `: ${p.args}` : ""}`
  );
  if (found.length > EVIDENCE_PROCESSES) shown.push(`… ${found.length - shown.length} more`);
  const evidence = [`${found.length} ${subject} of ${all.length} processes`, ...shown].join("\n");
  const count = fields.raw("count") as number | { min?: number; max?: number } | undefined;
  const [min, max] = !running
    ? [0, 0]
    : typeof count === "number"
    ? [count, count]
    : [count?.min ?? (count?.max === undefined ? 1 : 0), count?.max ?? Infinity];
  const findings = new Findings();
  const expected = min === max
    ? `${min}`
    : max === Infinity
    ? `at least ${min}`
    : `${min} to ${max}`;
  // Under hidepid, other users' processes are not seen: too many is certain, too few is not.
  const me = out.sections.get("hidepid")?.rc;
  const hidden = me !== undefined && me !== 0 && (uid === undefined || uid !== me);
  if (found.length > max) findings.add(`${found.length} running, expected ${expected}`);
  else if (hidden && (found.length < min || max !== Infinity)) {
    findings.cannotRead(
      `${found.length} seen, expected ${expected}, but /proc hides other users' processes ` +
        `(hidepid) from this user (uid ${me})`,
    );
  } else if (found.length < min) findings.add(`${found.length} running, expected ${expected}`);
  return findings.verdict(KIND, subject, evidence);
});
