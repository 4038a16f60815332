/**
 * The baseline of a benchmark: another commit checked out into a temporary git worktree (the
 * shared work tree is never switched), sharing this tree's node_modules.
 * @module
 */
import { execFileSync } from "node:child_process";
import { symlinkSync } from "node:fs";
import { join, resolve } from "node:path";

/** A checked-out baseline. */
export interface Worktree {
  /** Its folder. */
  path: string;
  /** Removes the worktree. */
  remove(): void;
}

/** Checks `commit` out into `<parent>/baseline`, with this tree's node_modules linked in. */
export function worktree(commit: string, parent: string): Worktree {
  const path = join(parent, "baseline");
  execFileSync("git", ["worktree", "add", "--detach", path, commit], { stdio: "ignore" });
  symlinkSync(resolve("node_modules"), join(path, "node_modules"));
  return {
    path,
    remove: () => execFileSync("git", ["worktree", "remove", "--force", path], { stdio: "ignore" }),
  };
}
