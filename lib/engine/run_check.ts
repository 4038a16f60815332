/**
 * Runs one check: its probe reads the target's state, and the outcome is scored fail-closed.
 * @module
 */
import type { Capture } from "../expect/types.ts";
import { match, substitute } from "../expect/mod.ts";
import type { Check, CheckContext, Probe, ProbeResult } from "../lesson/types.ts";
import type { Target } from "../target/types.ts";
import { TargetError } from "../target/types.ts";
import { compareExit } from "./compare_exit.ts";
import type { CheckOutcome } from "./events.ts";

/** What a probe runner receives. */
export interface ProbeContext {
  /** The target whose state is read. */
  target: Target;
  /** Captures bound so far. */
  captures: Readonly<Record<string, Capture>>;
  /** Time limit for the probe in milliseconds. */
  timeoutMs: number;
}

/** Reads state for one probe kind. */
export type ProbeRunner = (probe: Probe, ctx: ProbeContext) => Promise<ProbeResult>;

/** What `runCheck` needs besides the check. */
export interface CheckRunContext extends ProbeContext {
  /** Outcomes of the checks run earlier in this run, for positive controls. */
  results: ReadonlyMap<string, CheckOutcome>;
  /** Probe kinds beyond "shell" and "custom". */
  probes: Record<string, ProbeRunner>;
}

/** A probe that did not answer in time. */
class _ProbeTimeout extends Error {}

/** Runs a check and scores it: full points on pass, zero otherwise, with a reason. */
export async function runCheck(check: Check, ctx: CheckRunContext): Promise<CheckOutcome> {
  const started = performance.now();
  const maxPoints = check.points ?? 1;
  const outcome = (
    status: CheckOutcome["status"],
    evidence: string,
    message?: string,
  ): CheckOutcome => ({
    id: check.id,
    title: check.title,
    status,
    points: status === "pass" ? maxPoints : 0,
    maxPoints,
    hint: check.hint,
    evidence,
    message,
    durationMs: performance.now() - started,
  });
  let result: ProbeResult;
  try {
    result = await _withTimeout(runProbe(check.probe, ctx), ctx.timeoutMs);
  } catch (error) {
    if (error instanceof _ProbeTimeout) {
      return outcome("timeout", "", `probe did not answer within ${ctx.timeoutMs} ms`);
    }
    if (error instanceof TargetError) return outcome("unreachable", "", error.message);
    return outcome("error", "", `probe failed: ${(error as Error).message}`);
  }
  if (typeof result?.ok !== "boolean") {
    return outcome("error", String(result?.evidence ?? ""), "probe returned no verdict");
  }
  if (!result.ok) return outcome("fail", result.evidence, result.message);
  if (check.control !== undefined) {
    const control = ctx.results.get(check.control);
    if (control?.status !== "pass") {
      return outcome(
        "fail",
        result.evidence,
        `its positive control "${check.control}" did not pass in this run, so this negative check cannot count`,
      );
    }
  }
  return outcome("pass", result.evidence);
}

/** Runs a probe of any kind known to the context. */
export function runProbe(probe: Probe, ctx: CheckRunContext): Promise<ProbeResult> {
  if (probe.kind === "shell") return _shellProbe(probe as Extract<Probe, { kind: "shell" }>, ctx);
  if (probe.kind === "custom") {
    const fn = (probe as Extract<Probe, { kind: "custom" }>).fn;
    const context: CheckContext = {
      captures: Object.fromEntries(
        Object.entries(ctx.captures).map(([name, capture]) => [name, capture.value]),
      ),
      sh: async (command) => {
        const r = await ctx.target.run(command, { timeoutMs: ctx.timeoutMs });
        return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
      },
    };
    return Promise.resolve(fn(context));
  }
  const runner = ctx.probes[probe.kind];
  if (!runner) {
    return Promise.reject(new Error(`no probe runner for kind "${probe.kind}" on this target`));
  }
  return runner(probe, ctx);
}

async function _shellProbe(
  probe: Extract<Probe, { kind: "shell" }>,
  ctx: ProbeContext,
): Promise<ProbeResult> {
  const command = substitute(probe.run, ctx.captures);
  const result = await ctx.target.run(command, { timeoutMs: ctx.timeoutMs });
  const evidence = `$ ${command}\n${result.stdout}${result.stderr}`.trimEnd();
  const exit = compareExit(probe.exitCode ?? 0, result.exitCode);
  if (!exit.ok) return { ok: false, evidence, message: exit.mismatch?.message };
  if (probe.stdout !== undefined) {
    const matched = match(probe.stdout, result.stdout, { captures: ctx.captures });
    if (!matched.ok) return { ok: false, evidence, message: matched.mismatch?.message };
  }
  return { ok: true, evidence };
}

function _withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new _ProbeTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
