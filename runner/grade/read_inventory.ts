/**
 * Reads a class inventory file for `grade` and `report merge`, with usage errors that name it.
 * @module
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { parseInventory, type StudentHost } from "../../lib/grade/inventory.ts";
import { UsageError } from "../cli_io.ts";

/**
 * Reads the inventory; identity files are relative to it. Throws a UsageError when the file
 * cannot be read or parsed, or lists no hosts.
 */
export function readInventory(file: string): StudentHost[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `Cannot read inventory "${file}": ${
        (error as NodeJS.ErrnoException).code ?? (error as Error).message
      }`,
    );
  }
  let hosts: StudentHost[];
  try {
    hosts = parseInventory(text, file);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (hosts.length === 0) throw new UsageError(`Inventory "${file}" lists no hosts`);
  return hosts.map((h) => ({
    ...h,
    ...(h.identityFile && !isAbsolute(h.identityFile)
      ? { identityFile: resolve(dirname(file), h.identityFile) }
      : {}),
  }));
}
