/**
 * The `command` probe: a read-only command runs in the target's shell, and its exit code,
 * stdout and stderr are matched, as a `shell` probe's (which compares stdout only).
 * @module
 */
import { compareExit } from "../../engine/compare_exit.ts";
import { truncatedProblem } from "../../engine/truncated_output.ts";
import { match } from "../../expect/mod.ts";
import type { ExitExpectation, Expectation } from "../../lesson/types.ts";
import { timedOut } from "../_deadline.ts";
import { hostProbe } from "./_host_probe.ts";

const KIND = "command";

/** Makes the `command` probe. */
export const commandProbe = hostProbe(KIND, async ({ fields, ctx }) => {
  const command = fields.text("run");
  const exitCode = (fields.raw("exitCode") ?? 0) as ExitExpectation;
  const result = await ctx.target.run(command, { timeoutMs: ctx.timeoutMs });
  if (result.timedOut) throw timedOut(KIND, ctx.timeoutMs);
  const evidence = `$ ${command}\n${result.stdout}${result.stderr}`.trimEnd();
  const about = `command ${JSON.stringify(command)}`;
  const exit = compareExit(exitCode, result.exitCode);
  if (!exit.ok) return { ok: false, evidence, message: `${about}: ${exit.mismatch?.message}` };
  for (const stream of ["stdout", "stderr"] as const) {
    const expected = fields.raw(stream) as Expectation | undefined;
    if (expected === undefined) continue;
    // A stream cut at the output bound cannot be compared as if it were whole.
    const matched = truncatedProblem(stream, expected, result) ??
      match(expected, result[stream], { captures: ctx.captures });
    if (!matched.ok) {
      return { ok: false, evidence, message: `${about}: ${stream}: ${matched.mismatch?.message}` };
    }
  }
  return { ok: true, evidence };
});
