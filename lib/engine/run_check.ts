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
import { findCaptures, unboundPart } from "./find_captures.ts";
import { truncatedProblem } from "./truncated_output.ts";

/** What a probe runner receives. */
export interface ProbeContext {
  /** The target whose state is read. */
  target: Target;
  /** Captures bound so far. */
  captures: Readonly<Record<string, Capture>>;
  /** Time limit for the probe in milliseconds. */
  timeoutMs: number;
  /**
   * Which attempt of its check this is (1 for the first; more with `retry`). Probes that share
   * what they read within a run read afresh on a later attempt.
   */
  attempt?: number;
}

/** Reads state for one probe kind. */
export type ProbeRunner = (probe: Probe, ctx: ProbeContext) => Promise<ProbeResult>;

/** What `runCheck` needs besides the check. */
export interface CheckRunContext extends ProbeContext {
  /** Outcomes of the checks run earlier in this run, for positive controls. */
  results: ReadonlyMap<string, CheckOutcome>;
  /** Probe kinds beyond "shell" and "custom". */
  probes: Record<string, ProbeRunner>;
  /**
   * Where the captures the check's `find` entries and `shell` probes bind go, for the checks
   * after it; they stay within the check when absent.
   */
  binds?: Record<string, Capture>;
}

/** A probe that did not answer in time. */
class _ProbeTimeout extends Error {}

/** The outcome of a check that did not run (skipped, or out of time before it started). */
export function notRunOutcome(
  check: Check,
  status: CheckOutcome["status"],
  message: string,
): CheckOutcome {
  return {
    id: check.id,
    title: check.title,
    status,
    points: 0,
    maxPoints: check.points ?? 1,
    hint: check.hint,
    evidence: "",
    message,
    durationMs: 0,
    attempts: 0,
  };
}

/** Which non-passing status of a part decides a check's status: the least conclusive wins. */
const _STATUS_RANK: Record<CheckOutcome["status"], number> = {
  pass: 0,
  skipped: 1,
  fail: 2,
  error: 3,
  timeout: 4,
  unreachable: 5,
};

/**
 * Runs a check and scores it fail-closed: full points on pass; for a list of probes, each
 * passing probe's share; zero with a reason for anything else. A check with `retry` runs again
 * until it passes or its deadline comes, unless its failure is final: every failing probe says
 * that what the check needs is missing (`final: true`), or its positive control did not pass.
 */
export async function runCheck(check: Check, ctx: CheckRunContext): Promise<CheckOutcome> {
  const started = performance.now();
  const withinMs = check.retry?.withinMs ?? 0;
  const everyMs = check.retry?.everyMs ?? 1000;
  let attempts = 0;
  for (;;) {
    attempts++;
    const { final, ...outcome } = await _attempt(check, { ...ctx, attempt: attempts });
    const elapsed = performance.now() - started;
    const settled = outcome.status === "pass" || outcome.status === "unreachable" || final;
    if (settled || elapsed + everyMs > withinMs) {
      const tries = attempts > 1
        ? ` (${attempts} attempts in ${(elapsed / 1000).toFixed(1)} s)`
        : "";
      return {
        ...outcome,
        message: outcome.message === undefined ? undefined : `${outcome.message}${tries}`,
        attempts,
        durationMs: elapsed,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

async function _attempt(
  check: Check,
  ctx: CheckRunContext,
): Promise<Omit<CheckOutcome, "attempts" | "durationMs"> & { final: boolean }> {
  const maxPoints = check.points ?? 1;
  const probes = Array.isArray(check.probe) ? check.probe : [check.probe];
  // What the check's finds and shell probes capture is bound for its later probes, and through
  // `binds` for later checks. A find runs only for captures not bound yet.
  const captures = { ...ctx.captures };
  const local = { ...ctx, captures, binds: captures };
  // The evidence says where a found value came from: a find that found shows what it read.
  const found: string[] = [];
  const notFound = await findCaptures(check, captures, async (find) => {
    const part = await _part(find, local);
    if (part.status === "pass" && part.evidence !== "") found.push(part.evidence);
    return part;
  });
  const parts: _Part[] = notFound === undefined ? [] : [notFound];
  for (const probe of notFound === undefined ? probes : []) {
    parts.push(unboundPart(probe, captures) ?? await _part(probe, local));
  }
  if (ctx.binds !== undefined) Object.assign(ctx.binds, captures);
  const passed = parts.filter((p) => p.status === "pass").length;
  const worst = parts.reduce((a, b) => _STATUS_RANK[b.status] > _STATUS_RANK[a.status] ? b : a);
  const base = {
    id: check.id,
    title: check.title,
    maxPoints,
    hint: check.hint,
    evidence: [...found, ...parts.map((p) => p.evidence)].filter((e) => e !== "").join("\n"),
  };
  if (passed < parts.length) {
    const reasons = parts.filter((p) => p.status !== "pass").map((p) => p.message ?? p.status);
    const prefix = parts.length > 1 ? `${passed} of ${parts.length} parts pass: ` : "";
    return {
      ...base,
      // Waiting can help only a failing probe that did not say its failure is final.
      final: parts.every((p) => p.status === "pass" || p.final === true),
      status: worst.status,
      // Partial credit only for parts that passed; an error or timeout earns nothing.
      points: Math.round((maxPoints * passed / parts.length) * 100) / 100,
      message: `${prefix}${reasons.join("; ")}`,
    };
  }
  if (check.control !== undefined) {
    const control = ctx.results.get(check.control);
    if (control?.status !== "pass") {
      return {
        ...base,
        // The control's outcome in this run does not change.
        final: true,
        status: "fail",
        points: 0,
        message:
          `its positive control "${check.control}" did not pass in this run, so this negative check cannot count`,
      };
    }
  }
  return { ...base, final: false, status: "pass", points: maxPoints };
}

/** One probe's verdict. */
interface _Part {
  status: CheckOutcome["status"];
  evidence: string;
  message?: string;
  /** A failure that waiting cannot change. */
  final?: boolean;
}

async function _part(probe: Probe, ctx: CheckRunContext): Promise<_Part> {
  let result: ProbeResult;
  try {
    result = await _withTimeout(runProbe(probe, ctx), ctx.timeoutMs);
  } catch (error) {
    if (error instanceof _ProbeTimeout) {
      return {
        status: "timeout",
        evidence: "",
        message: `probe did not answer within ${ctx.timeoutMs} ms`,
      };
    }
    if (error instanceof TargetError) {
      return { status: "unreachable", evidence: "", message: error.message };
    }
    // A probe that cannot tell may say what it read before giving up (`error.evidence`).
    const evidence = (error as { evidence?: unknown })?.evidence;
    return {
      status: "error",
      evidence: typeof evidence === "string" ? evidence : "",
      message: `probe failed: ${(error as Error).message}`,
    };
  }
  if (typeof result?.ok !== "boolean") {
    return {
      status: "error",
      evidence: String(result?.evidence ?? ""),
      message: "probe returned no verdict",
    };
  }
  if (!result.ok) {
    return {
      status: "fail",
      evidence: result.evidence,
      message: result.message,
      final: result.final === true,
    };
  }
  return { status: "pass", evidence: result.evidence };
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
    const cut = truncatedProblem("stdout", probe.stdout, result);
    if (cut) return { ok: false, evidence, message: `stdout: ${cut.mismatch?.message}` };
    const matched = match(probe.stdout, result.stdout, { captures: ctx.captures });
    if (!matched.ok) return { ok: false, evidence, message: matched.mismatch?.message };
    const binds = (ctx as Partial<CheckRunContext>).binds;
    if (binds !== undefined) Object.assign(binds, matched.captures);
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
