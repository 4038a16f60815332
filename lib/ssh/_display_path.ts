/**
 * Paths as the user would type them in messages.
 * @module
 */
import { homedir } from "node:os";

/** Shows a path under the home folder as `~/…`. */
export function displayPath(file: string): string {
  const home = homedir();
  return home !== "/" && file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file;
}
