/**
 * A check's read-only way to the captures its probes use: its `find` entries, run before its
 * probes and only for captures not bound yet (a run's commands, or an earlier check, bound
 * them), and the verdict of a probe whose captures nothing found.
 * @module
 */
import type { Capture } from "../expect/types.ts";
import { findsOf, probeNames } from "../lesson/captures.ts";
import type { Check, Probe } from "../lesson/types.ts";
import type { CheckOutcome } from "./events.ts";

/** What a probe (or a `find` entry) gave. */
export interface FoundPart {
  /** Its status. */
  status: CheckOutcome["status"];
  /** What it saw. */
  evidence: string;
  /** Why it did not pass. */
  message?: string;
  /** A failure that waiting cannot change. */
  final?: boolean;
}

/**
 * Runs the check's `find` entries whose captures are not all in `captures`; `run` runs one as a
 * shell probe and binds what its stdout captured into `captures`. Resolves with undefined when
 * everything was found, else with the part that found nothing, its message naming the captures.
 */
export async function findCaptures(
  check: Check,
  captures: Readonly<Record<string, Capture>>,
  run: (find: Probe) => Promise<FoundPart>,
): Promise<FoundPart | undefined> {
  for (const find of findsOf(check)) {
    const names = probeNames(find).binds;
    if (names.every((name) => Object.hasOwn(captures, name))) continue;
    const part = await run(find);
    if (part.status !== "pass") {
      const what = names.map((name) => `"${name}"`).join(", ");
      return { ...part, message: `found no ${what}: ${part.message ?? part.status}` };
    }
  }
  return undefined;
}

/**
 * The verdict of a probe that uses a capture nothing bound (an earlier check that finds it did
 * not, or did not run): it fails, naming the capture, instead of erring on an unknown name.
 * Undefined when every capture the probe uses is bound.
 */
export function unboundPart(
  probe: Probe,
  captures: Readonly<Record<string, Capture>>,
): FoundPart | undefined {
  const missing = probeNames(probe, Object.keys(captures)).refs;
  if (missing.length === 0) return undefined;
  const what = missing.map((name) => `"${name}"`).join(", ");
  const message = `cannot look without ${what}: nothing found ${
    missing.length > 1 ? "them" : "it"
  } on the target`;
  return { status: "fail", evidence: "", message };
}
