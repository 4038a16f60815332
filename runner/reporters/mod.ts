/**
 * The reporters by name, and the choice of one from `--reporter`.
 * @module
 */
import { UsageError } from "../cli_io.ts";
import { json } from "./json.ts";
import { junit } from "./junit.ts";
import { pretty } from "./pretty.ts";
import { tap } from "./tap.ts";
import type { Reporter } from "./types.ts";

/** Every reporter, by the name `--reporter` takes. */
export const REPORTERS: Record<string, Reporter> = { pretty, json, tap, junit };

/** The reporter `--reporter NAME` names among those a command offers; a UsageError otherwise. */
export function chooseReporter(
  name: string | undefined,
  offered: readonly string[] = Object.keys(REPORTERS),
): Reporter {
  const chosen = name ?? "pretty";
  if (!offered.includes(chosen)) {
    throw new UsageError(`Unknown reporter "${chosen}": use one of ${offered.join(", ")}`);
  }
  return REPORTERS[chosen];
}
