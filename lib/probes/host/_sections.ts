/**
 * The output of a host probe's script: sections, each started by a marker line holding an
 * unguessable token, its name and, for a command's output, the command's exit code. A marker
 * is always preceded by a newline the script adds, so a section's text is exactly what the
 * command printed (a file's content without a final newline included).
 * @module
 */
import { randomBytes } from "node:crypto";

/** One section of a script's output. */
export interface Section {
  /** What was printed between this marker and the next (stdout and stderr, as the script chose). */
  text: string;
  /** The exit code written in the marker; undefined when the marker has none. */
  rc?: number;
}

/** A fresh token for one script's markers. */
export function sectionToken(): string {
  return `@@rl-${randomBytes(8).toString("hex")}`;
}

/**
 * Shell functions every probe script starts with: `sec NAME [RC]` writes a marker; `out NAME
 * CMD…` runs a command and writes its output (stdout and stderr) as a section with its exit
 * code; `raw NAME CMD…` does the same without trimming the command's output (file content);
 * `have CMD` says whether a command is on the PATH.
 */
export function scriptPrelude(token: string): string {
  return [
    `T='${token}'`,
    `sec() { printf '\\n%s %s %s\\n' "$T" "$1" "\${2-}"; }`,
    `out() { __n=$1; shift; __v=$("$@" 2>&1); __rc=$?; sec "$__n" "$__rc"; printf '%s' "$__v"; }`,
    `raw() { __n=$1; shift; sec "$__n"; "$@" 2>&1; __rc=$?; sec "$__n.rc" "$__rc"; }`,
    `have() { command -v "$1" >/dev/null 2>&1; }`,
    "",
  ].join("\n");
}

/**
 * Reads a script's stdout into sections by name; text before the first marker is dropped. A
 * section named twice keeps the last. A `raw` section's exit code is merged into it.
 */
export function parseSections(stdout: string, token: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  const pieces = stdout.split(`\n${token} `);
  for (const piece of pieces.slice(1)) {
    const end = piece.indexOf("\n");
    const header = end < 0 ? piece : piece.slice(0, end);
    const text = end < 0 ? "" : piece.slice(end + 1);
    const [name, code] = header.split(" ");
    const rc = /^\d+$/.test(code ?? "") ? Number(code) : undefined;
    if (name.endsWith(".rc") && sections.has(name.slice(0, -3))) {
      sections.get(name.slice(0, -3))!.rc = rc;
      continue;
    }
    sections.set(name, { text, rc });
  }
  return sections;
}
