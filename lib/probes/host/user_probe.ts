/**
 * The `user` and `group` probes: accounts on the target host, read with `getent` (or
 * /etc/passwd and /etc/group where the host has no getent) and `id -Gn`.
 * @module
 */
import { shellQuote } from "../../shell_quote.ts";
import { Findings, hostProbe, type ScriptOutput } from "./_host_probe.ts";

/** A passwd entry. */
export interface PasswdEntry {
  /** The user's name. */
  name: string;
  /** The user id. */
  uid: number;
  /** The primary group id. */
  gid: number;
  /** The home directory. */
  home: string;
  /** The login shell. */
  shell: string;
}

/** A group entry. */
export interface GroupEntry {
  /** The group's name. */
  name: string;
  /** The group id. */
  gid: number;
  /** The members listed in the entry (not the users whose primary group it is). */
  members: string[];
}

/** Reads passwd lines (`name:x:uid:gid:gecos:home:shell`); malformed lines are skipped. */
export function parsePasswd(text: string): PasswdEntry[] {
  const entries = [];
  for (const line of text.split("\n")) {
    const f = line.split(":");
    if (f.length < 7 || !/^\d+$/.test(f[2]) || !/^\d+$/.test(f[3])) continue;
    entries.push({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5], shell: f[6] });
  }
  return entries;
}

/** Reads group lines (`name:x:gid:a,b`); malformed lines are skipped. */
export function parseGroups(text: string): GroupEntry[] {
  const entries = [];
  for (const line of text.split("\n")) {
    const f = line.split(":");
    if (f.length < 4 || !/^\d+$/.test(f[2])) continue;
    entries.push({ name: f[0], gid: Number(f[2]), members: f[3].split(",").filter(Boolean) });
  }
  return entries;
}

/** The script lines that look an account database up by name into section `name`. */
function lookup(section: string, database: "passwd" | "group", name?: string): string {
  const key = name === undefined ? "" : ` ${shellQuote(name)}`;
  const file = name === undefined
    ? `cat /etc/${database}`
    : `awk -F: -v n=${shellQuote(name)} '$1==n' /etc/${database}`;
  return `if have getent; then out ${section} getent ${database}${key}; ` +
    `else out ${section} ${file}; fi`;
}

/** The entries a lookup printed; getent's 2 means none, other failures cannot tell. */
function entries<T>(
  out: ScriptOutput,
  section: string,
  parse: (text: string) => T[],
  cannotTell: (reason: string) => never,
): T[] {
  const found = out.section(section);
  if (found.rc === 2) return [];
  if (found.rc !== 0) return cannotTell(`reading the ${section} database: ${found.text.trim()}`);
  return parse(found.text);
}

/** Makes the `user` probe. */
export const userProbe = hostProbe("user", async ({ fields, script, cannotTell }) => {
  const name = fields.text("name");
  const groups = fields.texts("groups");
  const out = await script([
    `n=${shellQuote(name)}`,
    lookup("passwd", "passwd", name),
    groups !== undefined ? `out groups id -Gn -- "$n"` : "",
  ].join("\n"));
  const user = entries(out, "passwd", parsePasswd, cannotTell).find((u) => u.name === name);
  const subject = `user ${JSON.stringify(name)}`;
  if (user === undefined) {
    const evidence = `no user named ${JSON.stringify(name)}`;
    if (!fields.flag("exists", true)) return { ok: true, evidence };
    return { ok: false, evidence, message: `${subject} does not exist` };
  }
  const lines = [out.section("passwd").text.split("\n").find((l) => l.startsWith(`${name}:`))!];
  if (!fields.flag("exists", true)) {
    return { ok: false, evidence: lines[0], message: `${subject} exists (uid ${user.uid})` };
  }
  const findings = new Findings();
  findings.compare("uid", fields.raw("uid"), user.uid);
  findings.compare("gid", fields.raw("gid"), user.gid);
  findings.compare("home", fields.optionalText("home"), user.home);
  findings.compare("shell", fields.optionalText("shell"), user.shell);
  if (groups !== undefined) {
    const id = out.section("groups");
    if (id.rc !== 0) findings.cannotRead(`its groups: id: ${id.text.trim()}`);
    else {
      const member = id.text.trim().split(/\s+/);
      lines.push(`groups: ${member.join(" ")}`);
      const missing = groups.filter((g) => !member.includes(g));
      if (missing.length > 0) {
        findings.add(
          `is not in group ${missing.map((g) => JSON.stringify(g)).join(", ")} ` +
            `(its groups: ${member.join(" ")})`,
        );
      }
    }
  }
  return findings.verdict("user", subject, lines.join("\n"));
});

/** Makes the `group` probe. */
export const groupProbe = hostProbe("group", async ({ fields, script, cannotTell }) => {
  const name = fields.text("name");
  const members = fields.texts("members");
  const out = await script([
    lookup("group", "group", name),
    members !== undefined ? lookup("passwd", "passwd") : "",
  ].join("\n"));
  const group = entries(out, "group", parseGroups, cannotTell).find((g) => g.name === name);
  const subject = `group ${JSON.stringify(name)}`;
  if (group === undefined) {
    const evidence = `no group named ${JSON.stringify(name)}`;
    if (!fields.flag("exists", true)) return { ok: true, evidence };
    return { ok: false, evidence, message: `${subject} does not exist` };
  }
  const lines = [out.section("group").text.split("\n").find((l) => l.startsWith(`${name}:`))!];
  if (!fields.flag("exists", true)) {
    return { ok: false, evidence: lines[0], message: `${subject} exists (gid ${group.gid})` };
  }
  const findings = new Findings();
  findings.compare("gid", fields.raw("gid"), group.gid);
  if (members !== undefined) {
    const primary = entries(out, "passwd", parsePasswd, cannotTell)
      .filter((u) => u.gid === group.gid).map((u) => u.name);
    const all = [...new Set([...group.members, ...primary])];
    if (primary.length > 0) lines.push(`primary group of: ${primary.join(" ")}`);
    const missing = members.filter((m) => !all.includes(m));
    if (missing.length > 0) {
      findings.add(
        `${missing.map((m) => JSON.stringify(m)).join(", ")} ${
          missing.length > 1 ? "are not members" : "is not a member"
        } (members: ${all.join(" ") || "none"})`,
      );
    }
  }
  return findings.verdict("group", subject, lines.join("\n"));
});
