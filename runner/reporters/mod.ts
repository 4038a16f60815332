/**
 * The reporters by name.
 * @module
 */
import { json } from "./json.ts";
import { junit } from "./junit.ts";
import { pretty } from "./pretty.ts";
import { tap } from "./tap.ts";
import type { Reporter } from "./types.ts";

/** Every reporter, by the name `--reporter` takes. */
export const REPORTERS: Record<string, Reporter> = { pretty, json, tap, junit };
