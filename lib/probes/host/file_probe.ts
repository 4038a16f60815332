/**
 * The `file` probe: a path on the target host, read with `stat` (not following a symlink),
 * `readlink` and, when the content is compared, `head -c`: its type, symlink target, mode,
 * owner, group, size and content.
 * @module
 */
import { match } from "../../expect/mod.ts";
import type { Expectation } from "../../lesson/types.ts";
import { shellQuote } from "../../shell_quote.ts";
import { excerpt, Findings, hostProbe } from "./_host_probe.ts";

const KIND = "file";

/** The most content the probe reads to compare; a longer file cannot be compared. */
export const MAX_CONTENT_BYTES = 1024 * 1024;

/** What `stat -c '%f %u %g %s %U %G'` says about a path. */
export interface StatLine {
  /** `file`, `directory`, `symlink`, `fifo`, `socket`, `char device`, `block device`. */
  type: string;
  /** The permission bits with the special bits (`mode & 07777`). */
  mode: number;
  /** The owner's uid. */
  uid: number;
  /** The group's gid. */
  gid: number;
  /** The size in bytes. */
  size: number;
  /** The owner's name (`UNKNOWN` or the uid when the host has no name for it). */
  owner: string;
  /** The group's name. */
  group: string;
}

const TYPES: Record<number, string> = {
  0o100000: "file",
  0o040000: "directory",
  0o120000: "symlink",
  0o010000: "fifo",
  0o140000: "socket",
  0o020000: "char device",
  0o060000: "block device",
};

/** Reads a `stat -c '%f %u %g %s %U %G'` line (GNU and busybox); undefined when malformed. */
export function parseStatLine(line: string): StatLine | undefined {
  const m = /^([0-9a-f]+) (\d+) (\d+) (\d+) (\S+) (\S+)$/i.exec(line.trim());
  if (!m) return undefined;
  const raw = parseInt(m[1], 16);
  return {
    type: TYPES[raw & 0o170000] ?? "unknown",
    mode: raw & 0o7777,
    uid: Number(m[2]),
    gid: Number(m[3]),
    size: Number(m[4]),
    owner: m[5],
    group: m[6],
  };
}

/** A mode as four octal digits, e.g. `0640`. */
export function octal(mode: number): string {
  return mode.toString(8).padStart(4, "0");
}

/** Whether a `stat` or `head` error says the path is not there (as opposed to unreadable). */
export function saysMissing(text: string): boolean {
  return /No such file or directory|Not a directory/.test(text);
}

/** Makes the `file` probe. */
export const fileProbe = hostProbe(KIND, async ({ fields, ctx, script, cannotTell }) => {
  const path = fields.text("path");
  const exists = fields.flag("exists", true);
  const content = fields.raw("content") as Expectation | undefined;
  const json = fields.raw("json");
  const target = fields.optionalText("target");
  const readContent = exists && (content !== undefined || json !== undefined);
  const out = await script([
    `p=${shellQuote(path)}`,
    `out stat stat -c '%f %u %g %s %U %G' -- "$p"`,
    target !== undefined ? `out link readlink -- "$p"` : "",
    readContent ? `raw content head -c ${MAX_CONTENT_BYTES + 1} -- "$p"` : "",
  ].join("\n"));
  const stat = out.section("stat");
  const subject = `${KIND} ${JSON.stringify(path)}`;
  if (stat.rc !== 0) {
    if (!saysMissing(stat.text)) {
      return cannotTell(`${subject}: ${stat.text.trim()}`, stat.text.trim());
    }
    const evidence = `${path}: does not exist`;
    if (!exists) return { ok: true, evidence };
    return { ok: false, evidence, message: `${subject} does not exist` };
  }
  const found = parseStatLine(stat.text);
  if (found === undefined) return cannotTell(`cannot read stat's output: ${stat.text.trim()}`);
  const lines = [
    `${path}: ${found.type}, mode ${octal(found.mode)}, owner ${found.owner} (${found.uid}), ` +
    `group ${found.group} (${found.gid}), ${found.size} bytes`,
  ];
  if (!exists) {
    return { ok: false, evidence: lines[0], message: `${subject} exists (a ${found.type})` };
  }
  const findings = new Findings();
  findings.compare("type", fields.optionalText("type"), found.type);
  const mode = fields.optionalText("mode");
  if (mode !== undefined && parseInt(mode, 8) !== found.mode) {
    findings.add(`mode is ${octal(found.mode)}, expected ${mode}`);
  }
  findings.compare("owner", fields.optionalText("owner"), found.owner);
  findings.compare("group", fields.optionalText("group"), found.group);
  const minSize = fields.raw("minSize") === undefined
    ? undefined
    : fields.integer("minSize", 0, Number.MAX_SAFE_INTEGER);
  const maxSize = fields.raw("maxSize") === undefined
    ? undefined
    : fields.integer("maxSize", 0, Number.MAX_SAFE_INTEGER);
  if (minSize !== undefined && found.size < minSize) {
    findings.add(`size is ${found.size} bytes, expected at least ${minSize}`);
  }
  if (maxSize !== undefined && found.size > maxSize) {
    findings.add(`size is ${found.size} bytes, expected at most ${maxSize}`);
  }
  if (target !== undefined) {
    const link = out.section("link");
    if (found.type !== "symlink") findings.add(`is a ${found.type}, not a symlink to "${target}"`);
    else if (link.rc !== 0) findings.cannotRead(`readlink: ${link.text.trim()}`);
    else {
      lines.push(`-> ${link.text}`);
      findings.compare("symlink target", target, link.text);
    }
  }
  if (readContent) {
    const read = out.section("content");
    const said = read.text.trim();
    // A directory, or a symlink to nothing, is a state the probe can tell: it has no content.
    if (read.rc !== 0 && found.type === "directory") {
      findings.add("is a directory, which has no content");
    } else if (read.rc !== 0 && found.type === "symlink" && saysMissing(said)) {
      findings.add(`has no content: its target is not there: ${said}`);
    } else if (read.rc !== 0 && found.type === "symlink" && /Is a directory/.test(said)) {
      findings.add(`has no content: its target is a directory: ${said}`);
    } else if (read.rc !== 0) findings.cannotRead(`cannot read the content: ${said}`);
    else if (found.size > MAX_CONTENT_BYTES || read.text.length > MAX_CONTENT_BYTES) {
      findings.cannotRead(`the content is longer than ${MAX_CONTENT_BYTES} bytes`);
    } else {
      lines.push(excerpt(read.text).trimEnd());
      if (content !== undefined) {
        const matched = match(content, read.text, { captures: ctx.captures });
        if (!matched.ok) findings.add(`content does not match: ${matched.mismatch?.message}`);
      }
      if (json !== undefined) {
        const matched = match({ kind: "json", value: json }, read.text, {
          captures: ctx.captures,
        });
        if (!matched.ok) findings.add(`JSON content does not match: ${matched.mismatch?.message}`);
      }
    }
  }
  return findings.verdict(KIND, subject, lines.join("\n"));
});
