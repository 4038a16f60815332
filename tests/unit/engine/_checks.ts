/**
 * Helpers of the check-scoring unit tests: checks with defaults, a fake probe kind whose
 * verdict is looked up by name, and runCheck with a fake target and an empty run.
 * @module
 */
import type { CheckOutcome } from "../../../lib/engine/events.ts";
import { type CheckRunContext, type ProbeRunner, runCheck } from "../../../lib/engine/run_check.ts";
import type { Check, Probe } from "../../../lib/lesson/types.ts";
import { FakeTarget } from "../../_fake_target.ts";

/** A check with an id, title, hint and probe unless given. */
export function check(fields: Partial<Check> = {}): Check {
  return { id: "c", title: "A check", hint: "the hint", probe: fake("x"), ...fields };
}

/** A probe of the fake kind named `name`. */
export function fake(name: string): Probe {
  return { kind: "fake", name };
}

/** The name of a fake probe. */
export function nameOf(probe: Probe): string {
  return String((probe as Record<string, unknown>).name);
}

/**
 * A runner for the fake kind: each name's verdict from `ok` (or, for a function, from its call),
 * with "saw <name>" as evidence and "<name> is wrong" as the message of a fail.
 */
export function verdicts(
  ok: Record<string, boolean | (() => boolean)>,
): Record<string, ProbeRunner> {
  return {
    fake: (probe) => {
      const name = nameOf(probe);
      const verdict = ok[name];
      const pass = typeof verdict === "function" ? verdict() : verdict === true;
      return Promise.resolve({
        ok: pass,
        evidence: `saw ${name}`,
        message: pass ? undefined : `${name} is wrong`,
      });
    },
  };
}

/** Runs the check with these runners on a fake target, nothing captured and no earlier results. */
export function run(
  c: Check,
  probes: Record<string, ProbeRunner>,
  context: Partial<CheckRunContext> = {},
): Promise<CheckOutcome> {
  return runCheck(c, {
    target: new FakeTarget({}),
    captures: {},
    results: new Map(),
    probes,
    timeoutMs: 5000,
    ...context,
  });
}
