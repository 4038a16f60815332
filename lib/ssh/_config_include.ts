/**
 * The files an ssh_config `Include` line names: `~` expanded, relative paths taken from
 * `~/.ssh`, `*` `?` and `[…]` globs expanded per path segment in name order (as glob(3) sorts),
 * and a pattern that matches nothing skipped, as ssh does.
 * @module
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";

/** One included file and its text. */
export interface IncludedFile {
  /** The file's path. */
  path: string;
  /** Its content. */
  text: string;
}

/** Reads the files an Include line's arguments name; unreadable matches are skipped. */
export function readIncludes(args: readonly string[], homeDir: string): IncludedFile[] {
  const files: IncludedFile[] = [];
  for (const arg of args) {
    const tilde = arg === "~" ? homeDir : arg.startsWith("~/") ? homeDir + arg.slice(1) : arg;
    const pattern = isAbsolute(tilde) ? tilde : join(homeDir, ".ssh", tilde);
    for (const path of expandGlob(pattern)) {
      try {
        if (!statSync(path).isFile()) continue;
        files.push({ path, text: readFileSync(path, "utf8") });
      } catch {
        // Gone or unreadable: ssh skips it too.
      }
    }
  }
  return files;
}

/** The existing paths an absolute glob pattern matches, sorted. */
export function expandGlob(pattern: string): string[] {
  const segments = pattern.split("/").filter((segment) => segment !== "");
  let paths = ["/"];
  for (const segment of segments) {
    const next: string[] = [];
    for (const base of paths) {
      if (!/[*?[]/.test(segment)) {
        next.push(join(base, segment));
        continue;
      }
      let names: string[];
      try {
        names = readdirSync(base).sort();
      } catch {
        continue;
      }
      const matcher = globSegment(segment);
      for (const name of names) {
        if (matcher.test(name) && (!name.startsWith(".") || segment.startsWith("."))) {
          next.push(join(base, name));
        }
      }
    }
    paths = next;
  }
  return paths;
}

function globSegment(segment: string): RegExp {
  let source = "";
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i];
    if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else if (char === "[") {
      const end = segment.indexOf("]", i + 2);
      if (end === -1) {
        source += "\\[";
        continue;
      }
      const body = segment.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\");
      source += `[${body}]`;
      i = end;
    } else source += char.replace(/[\\^$.+()[\]{}|/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "s");
}
